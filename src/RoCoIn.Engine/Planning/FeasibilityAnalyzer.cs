using System.Globalization;
using RoCoIn.Engine.Units;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// Explains infeasible planning problems in words: which constraint fails, for which devices, by how much, and
/// what would make it feasible. Never throws for bad input; returns the explanation instead.
/// </summary>
public static class FeasibilityAnalyzer
{
    /// <summary>Problems visible before any search (settings, devices, memory, deadline); null when none.</summary>
    public static Infeasibility? CheckInputs(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        if (context.Devices.Count == 0)
            return new("devices", "The fleet has no devices.", ["Add devices to the fleet on its page, or generate the paper's fleet."]);
        if (!(s.DeadlineSeconds > 0) || !double.IsFinite(s.DeadlineSeconds))
            return new("deadline", $"The deadline τ must be a positive number of seconds (got {s.DeadlineSeconds}).", ["Set τ, e.g. 1 s."]);
        if (!(s.ObjectiveSeconds > 0) || s.ObjectiveSeconds > s.DeadlineSeconds)
            return new("deadline", $"The latency objective L_obj must be in (0, τ] = (0, {SiFormat.Duration(s.DeadlineSeconds)}] (got {SiFormat.Duration(s.ObjectiveSeconds)}).",
                [$"Set L_obj to at most {SiFormat.Duration(s.DeadlineSeconds)}."]);
        if (s.MinReliability is < 0 or > 1 || double.IsNaN(s.MinReliability))
            return new("reliability", $"R_min must be in [0, 1] (got {s.MinReliability}).", ["Set R_min, e.g. 0.9."]);
        if (s.AccuracyFloor is { } floor && (floor is <= 0 or > 1 || double.IsNaN(floor)))
            return new("accuracy", $"The accuracy floor must be in (0, 1] (got {floor}).", ["Leave it empty, or set e.g. 0.85."]);
        if (context.EvaluationSettings.AggregatorSeconds >= s.DeadlineSeconds)
            return new("deadline", $"The aggregator alone takes {SiFormat.Duration(context.EvaluationSettings.AggregatorSeconds)}, more than τ = {SiFormat.Duration(s.DeadlineSeconds)}.",
                ["Raise τ or the requester's throughput."]);
        if (context.Request.FixedStudents is { } fixedStudents && CheckFixed(context, fixedStudents) is { } fixedProblem)
            return fixedProblem;

        // Memory: can any device hold the smallest student at all?
        var smallest = context.Memory(0, 1);
        var roomiest = context.Devices.MaxBy(d => d.MemoryBytes)!;
        if (roomiest.MemoryBytes < smallest)
            return new("memory",
                $"No student fits any device: the largest model memory is {SiFormat.Bytes(roomiest.MemoryBytes)} ({roomiest.Name}); " +
                $"the smallest student ({context.Students[0].DisplayName} at d = 1) needs {SiFormat.Bytes(smallest)}, " +
                $"{SiFormat.Bytes(smallest - roomiest.MemoryBytes)} more.",
                [$"Add a device with at least {SiFormat.Bytes(smallest)} of model memory.", "Free memory on the existing devices."]);

        // Deadline: with at most K_max groups some group carries ⌈F/K_max⌉ channels.
        var maxK = Math.Min(Math.Min(context.Devices.Count, context.F), Math.Max(1, s.MaxGroups));
        var width = (context.F + maxK - 1) / maxK;
        var fastest = Enumerable.Range(0, context.Devices.Count).Where(d => context.Fits(d, 0, width))
            .Select(d => (Device: d, Time: context.Time(d, 0, width))).OrderBy(x => x.Time)
            .DefaultIfEmpty((Device: -1, Time: double.PositiveInfinity)).First();
        if (fastest.Device >= 0 && fastest.Time > context.UsableSeconds)
        {
            var need = fastest.Time + context.EvaluationSettings.AggregatorSeconds;
            return new("deadline",
                $"No device can answer within τ = {SiFormat.Duration(s.DeadlineSeconds)}: the fastest, {context.Devices[fastest.Device].Name}, " +
                $"needs {SiFormat.Duration(fastest.Time)} for the smallest student at d = {width}, plus {SiFormat.Duration(context.EvaluationSettings.AggregatorSeconds)} " +
                $"for the aggregator ({SiFormat.Duration(need - s.DeadlineSeconds)} over).",
                [$"Raise τ to at least {SiFormat.Duration(need)}.", "Add faster devices or devices with faster links."]);
        }
        return null;
    }

    /// <summary>Why the best plan found does not meet the constraints (or why none could be built).</summary>
    public static Infeasibility Explain(PlanningContext context, DeploymentPlan? best)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        if (best is null)
            return new("memory",
                "No grouping could give every group a student that all its members hold while the widths add up to F = " +
                $"{context.F.ToString(CultureInfo.InvariantCulture)}.",
                ["Add devices with more model memory.", "Use fewer, larger groups by lowering the maximum K only if the devices are roomy."]);
        if (best.AccuracyPrior < (s.AccuracyFloor ?? 0))
        {
            var bestPrior = context.Students.Max(x => x.AccuracyPrior);
            return new("accuracy",
                $"The best plan's students are assumed to reach {Percent(best.AccuracyPrior)}, below the floor of {Percent(s.AccuracyFloor!.Value)}; " +
                $"the catalogue's best assumption is {Percent(bestPrior)} (assumptions until the students are distilled and measured).",
                [$"Lower the accuracy floor to {Percent(best.AccuracyPrior)} or less.", "Add devices with more memory so larger students fit."]);
        }
        var r = best.Metrics.Reliability;
        var used = best.Groups.SelectMany(g => g.DeviceIds).Count();
        var tooSlow = Enumerable.Range(0, context.Devices.Count)
            .Where(d => context.Time(d, 0, 1) > context.UsableSeconds).Select(d => context.Devices[d].Name).ToList();
        var suggestions = new List<string>
        {
            $"Lower R_min to {r.ToString("0.####", CultureInfo.InvariantCulture)} or less.",
            $"Raise τ (now {SiFormat.Duration(s.DeadlineSeconds)}): more members answer in time.",
            "Add devices, or devices that fail less often, so groups get more redundancy.",
        };
        return new("reliability",
            $"The most reliable plan found serves R = {r.ToString("0.####", CultureInfo.InvariantCulture)} of requests, short of R_min = " +
            $"{s.MinReliability.ToString("0.####", CultureInfo.InvariantCulture)} by {(s.MinReliability - r).ToString("0.####", CultureInfo.InvariantCulture)} " +
            $"({used} devices in {best.Groups.Count} groups; group failure probabilities " +
            $"{string.Join(", ", best.Metrics.GroupFailureProbabilities.Select(q => q.ToString("0.####", CultureInfo.InvariantCulture)))})." +
            (tooSlow.Count > 0 ? $" Too slow for τ even with the smallest student: {string.Join(", ", tooSlow.Take(5))}{(tooSlow.Count > 5 ? ", …" : "")}." : ""),
            suggestions);
    }

    private static Infeasibility? CheckFixed(PlanningContext context, IReadOnlyList<FixedPartition> partitions)
    {
        if (partitions.Count == 0)
            return new("students", "The model set has no partitions.", ["Distil the plan's students first."]);
        if (partitions.Count > context.Devices.Count)
            return new("devices", $"The model set has {partitions.Count} students but the fleet has only {context.Devices.Count} devices; every group needs one.",
                [$"Add at least {partitions.Count - context.Devices.Count} devices."]);
        var sum = partitions.Sum(p => p.Width);
        if (sum != context.F || partitions.Any(p => p.Width < 1))
            return new("students", $"The partition widths add up to {sum}, not F = {context.F}.", ["Re-distil with widths that add up to F."]);
        var unknown = partitions.FirstOrDefault(p => context.StudentIndex(p.StudentKey) < 0);
        if (unknown is not null)
            return new("students", $"Unknown student architecture '{unknown.StudentKey}'.", ["Use a student from the catalogue."]);
        return null;
    }

    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
