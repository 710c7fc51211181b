using System.Globalization;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// Turns a scenario into the <see cref="DeviceFailure"/>s of one plan: finds the devices each event's selector
/// matches, draws its blast radius among them with the run's seed, and checks that no device gets two failures at once.
/// </summary>
/// <remarks>
/// <para><b>Determinism.</b> The same seed, scenario and topology always give the same failures. Each event draws from
/// its own generator, seeded from the run's seed mixed with the event's index, so events choose independently of each
/// other, and editing one event does not change which devices another hits. Draws are over the matching devices in
/// plan order (group order, then member order).</para>
/// <para><b>Overlaps.</b> Two events may not be in effect on one device at the same time, whatever their kinds. For
/// different kinds the combination is undefined (is a crashed straggler slow when it comes back?). For the same kind
/// merging was considered and rejected: two overlapping slow-downs ×2 and ×3 could mean ×3, ×5 or ×6, and two crashes
/// that merge would recover at a time neither event states. Failures are half-open intervals
/// [start, start + duration), so one event may begin exactly when another ends on the same device; an event without a
/// duration lasts to the end of the run. Overlap errors are listed once per pair of events, at most
/// <see cref="MaxOverlapErrors"/> of them.</para>
/// </remarks>
public static class ScenarioResolver
{
    /// <summary>Most overlap errors listed; past it one more error says the list was cut.</summary>
    public const int MaxOverlapErrors = 20;

    /// <summary>
    /// The failures <paramref name="scenario"/> causes on <paramref name="topology"/> under <paramref name="seed"/>,
    /// or the errors that prevent it: every <see cref="ScenarioValidator"/> error first (then nothing is resolved),
    /// else selectors matching no device, group numbers beyond the plan's groups, device counts above the number
    /// matching, and overlapping events on one device.
    /// </summary>
    /// <param name="scenario">The scenario.</param>
    /// <param name="topology">The plan as simulated.</param>
    /// <param name="seed">The run's seed.</param>
    public static ScenarioResolution Resolve(Scenario scenario, SimulationTopology topology, long seed)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        ArgumentNullException.ThrowIfNull(topology);

        var validation = ScenarioValidator.Validate(scenario);
        if (validation.Count > 0)
            return new([], validation);

        var devices = topology.Devices.ToList();
        var errors = new List<FieldError>();
        var failures = new List<Hit>();
        for (var i = 0; i < scenario.Events.Count; i++)
        {
            var e = scenario.Events[i];
            var matching = Match(e.Target, topology, devices, i, errors);
            if (matching is null)
                continue;
            var chosen = Choose(e, matching, i, seed, errors);
            if (chosen is null)
                continue;
            var source = Text($"scenario '{scenario.Name}', event {i + 1}");
            foreach (var device in chosen)
                failures.Add(new Hit(i, device, new DeviceFailure(device.DeviceId, e.StartSeconds, e.DurationSeconds, e.Effect, source)));
        }

        FindOverlaps(failures, errors);
        if (errors.Count > 0)
            return new([], errors);

        // OrderBy is stable: ties keep event order, then plan order.
        return new(failures.OrderBy(h => h.Failure.StartSeconds).Select(h => h.Failure).ToList(), []);
    }

    private static List<SimulatedDevice>? Match(TargetSelector target, SimulationTopology topology,
        List<SimulatedDevice> devices, int index, List<FieldError> errors)
    {
        var field = Text($"events[{index}].target");
        if (target.Kind == SelectorKind.Group)
        {
            var number = target.GroupNumber!.Value;
            if (number > topology.Groups.Count)
            {
                var groups = topology.Groups.Count == 1 ? "1 group" : Text($"{topology.Groups.Count} groups");
                errors.Add(new(field, Text($"Group {number} does not exist; this plan has {groups}.")));
                return null;
            }
        }

        var matching = devices.Where(target.Matches).ToList();
        if (matching.Count > 0)
            return matching;
        errors.Add(new(field, target.Kind switch
        {
            SelectorKind.DeviceName => Text($"No device of this plan is named like '{target.Value}'."),
            SelectorKind.HardwareClass => Text($"No device of this plan has hardware class '{target.Value}'."),
            _ => Text($"Group {target.Value} of this plan has no devices."),
        }));
        return null;
    }

    private static List<SimulatedDevice>? Choose(ScenarioEvent e, List<SimulatedDevice> matching, int index, long seed,
        List<FieldError> errors)
    {
        if (e.Radius is not { } radius)
            return matching;
        var count = radius.DeviceCount(matching.Count);
        if (count > matching.Count)
        {
            var what = e.Target.Kind switch
            {
                SelectorKind.DeviceName => Text($"named like '{e.Target.Value}'"),
                SelectorKind.HardwareClass => Text($"of hardware class '{e.Target.Value}'"),
                _ => Text($"in group {e.Target.Value}"),
            };
            var devices = matching.Count == 1 ? "1 device is" : Text($"{matching.Count} devices are");
            errors.Add(new(Text($"events[{index}].radius.count"),
                Text($"The event hits {count} devices, but only {devices} {what} in this plan.")));
            return null;
        }
        if (count == matching.Count)
            return matching;

        // Partial Fisher–Yates: the first `count` slots end up a uniform draw without replacement.
        var random = new SeededRandom(EventSeed(seed, index));
        var order = Enumerable.Range(0, matching.Count).ToArray();
        for (var k = 0; k < count; k++)
        {
            var remaining = order.Length - k;
            var pick = k + (int)(random.NextUInt64() % (ulong)remaining);
            (order[k], order[pick]) = (order[pick], order[k]);
        }
        // Back to plan order, so the failure list does not depend on the draw order.
        return order.Take(count).Order().Select(j => matching[j]).ToList();
    }

    // Seeds of consecutive events must not be seed + k·γ (SplitMix's own increment), or their streams would be the
    // same sequence shifted; so mix the index in with another odd constant and whiten it through one SplitMix step.
    private static long EventSeed(long seed, int index) =>
        unchecked((long)new SeededRandom(seed ^ (long)(((ulong)index + 1) * 0xD1B54A32D192ED03UL)).NextUInt64());

    private static void FindOverlaps(List<Hit> hits, List<FieldError> errors)
    {
        var reported = new HashSet<(int, int)>();
        var listed = 0;
        foreach (var perDevice in hits.GroupBy(h => h.Device.DeviceId))
        {
            var sorted = perDevice.OrderBy(h => h.Failure.StartSeconds).ThenBy(h => h.Event).ToList();
            for (var a = 0; a < sorted.Count; a++)
            {
                var first = sorted[a];
                // Sorted by start: once one starts at or after `first` ends, every later one does too.
                for (var b = a + 1; b < sorted.Count && sorted[b].Failure.StartSeconds < first.Failure.EndSeconds; b++)
                {
                    var second = sorted[b];
                    var (low, high) = first.Event < second.Event ? (first, second) : (second, first);
                    if (!reported.Add((low.Event, high.Event)))
                        continue;
                    if (listed == MaxOverlapErrors)
                    {
                        errors.Add(new("events", Text($"More events overlap on one device; only the first {MaxOverlapErrors} overlaps are listed.")));
                        return;
                    }
                    listed++;
                    errors.Add(new(Text($"events[{high.Event}]"), OverlapMessage(low, high, second.Failure.StartSeconds,
                        Math.Min(first.Failure.EndSeconds, second.Failure.EndSeconds))));
                }
            }
        }
    }

    private static string OverlapMessage(Hit low, Hit high, double from, double to)
    {
        var lowKind = low.Failure.Effect.Kind;
        var highKind = high.Failure.Effect.Kind;
        var interval = double.IsPositiveInfinity(to)
            ? Text($"from {SiFormat.Number(from)} s to the end of the run")
            : Text($"from {SiFormat.Number(from)} s to {SiFormat.Number(to)} s");
        var rule = lowKind == highKind
            ? "failures on one device may not overlap, even of the same kind; end the first before the second starts"
            : "different failures on one device may not overlap";
        return Text($"events[{low.Event}] ({lowKind}) and events[{high.Event}] ({highKind}) overlap on device '{low.Device.Name}' {interval}; {rule}.");
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record Hit(int Event, SimulatedDevice Device, DeviceFailure Failure);
}
