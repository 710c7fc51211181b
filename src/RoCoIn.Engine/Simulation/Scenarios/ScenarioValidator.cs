using System.Globalization;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// Checks what can be checked about a scenario without a plan: its name, times, effect parameters, selectors and blast
/// radii. Whether its selectors find devices and its events collide is the resolver's job, per plan.
/// </summary>
public static class ScenarioValidator
{
    /// <summary>Longest scenario name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>Most events in one scenario.</summary>
    public const int MaxEvents = 1000;

    /// <summary>Longest device-name glob.</summary>
    public const int MaxGlobLength = 200;

    /// <summary>Largest straggler slow-down factor.</summary>
    public const double MaxSlowFactor = 1000;

    /// <summary>Largest extra one-way link latency, seconds (an hour).</summary>
    public const double MaxExtraLatencySeconds = 3600;

    /// <summary>Every problem with <paramref name="scenario"/>, by camelCase field path such as
    /// "events[2].startSeconds"; empty when it is valid.</summary>
    public static IReadOnlyList<FieldError> Validate(Scenario scenario)
    {
        ArgumentNullException.ThrowIfNull(scenario);
        var errors = new List<FieldError>();

        if (string.IsNullOrWhiteSpace(scenario.Name))
            errors.Add(new("name", "Name is required."));
        else if (scenario.Name.Trim().Length != scenario.Name.Length)
            errors.Add(new("name", "Name must not start or end with spaces."));
        else if (scenario.Name.Length > MaxNameLength)
            errors.Add(new("name", Text($"Name must be at most {MaxNameLength} characters (got {scenario.Name.Length}).")));

        if (scenario.Description is null)
            errors.Add(new("description", "Description is required; it may be empty."));
        else if (scenario.Description.Length > MaxDescriptionLength)
            errors.Add(new("description", Text($"Description must be at most {MaxDescriptionLength} characters (got {scenario.Description.Length}).")));

        if (scenario.Events is null)
            errors.Add(new("events", "Events are required; use an empty list for a scenario without failures."));
        else if (scenario.Events.Count > MaxEvents)
            // Per-event checks of a list this long would drown the one error that matters.
            errors.Add(new("events", Text($"A scenario holds at most {MaxEvents} events (got {scenario.Events.Count}).")));
        else
        {
            for (var i = 0; i < scenario.Events.Count; i++)
                ValidateEvent(scenario.Events[i], Text($"events[{i}]"), errors);
        }
        return errors;
    }

    private static void ValidateEvent(ScenarioEvent? e, string path, List<FieldError> errors)
    {
        if (e is null)
        {
            errors.Add(new(path, "The event is required."));
            return;
        }
        ValidateTimes(e, path, errors);
        ValidateEffect(e.Effect, path + ".effect", errors);
        ValidateTarget(e.Target, path + ".target", errors);
        if (e.Radius is { } radius)
            ValidateRadius(radius, path + ".radius", errors);
    }

    private static void ValidateTimes(ScenarioEvent e, string path, List<FieldError> errors)
    {
        const double max = SimulationSettings.MaxDurationSeconds;
        var startValid = false;
        if (!double.IsFinite(e.StartSeconds))
            errors.Add(new(path + ".startSeconds", Text($"The start must be a finite number of simulated seconds (got {Num(e.StartSeconds)}).")));
        else if (e.StartSeconds < 0)
            errors.Add(new(path + ".startSeconds", Text($"The start must be at least 0 s (got {Num(e.StartSeconds)} s).")));
        else if (e.StartSeconds >= max)
            errors.Add(new(path + ".startSeconds", Text($"The start must be before {Num(max)} s, the end of the longest run (a week) (got {Num(e.StartSeconds)} s).")));
        else
            startValid = true;

        if (e.DurationSeconds is not { } duration)
            return;
        if (!double.IsFinite(duration))
            errors.Add(new(path + ".durationSeconds", Text($"The duration must be a finite number of seconds, or left out for the rest of the run (got {Num(duration)}).")));
        else if (duration <= 0)
            errors.Add(new(path + ".durationSeconds", Text($"The duration must be above 0 s, or left out for the rest of the run (got {Num(duration)} s).")));
        else if (startValid && e.StartSeconds + duration > max)
            errors.Add(new(path + ".durationSeconds", Text(
                $"The event would end at {Num(e.StartSeconds + duration)} s, {Num(e.StartSeconds + duration - max)} s after the end of the longest run ({Num(max)} s, a week); shorten it or leave the duration out for the rest of the run.")));
    }

    private static void ValidateEffect(FailureEffect? effect, string path, List<FieldError> errors)
    {
        if (effect is null)
        {
            errors.Add(new(path, "The effect is required."));
            return;
        }
        if (!Enum.IsDefined(effect.Kind))
        {
            errors.Add(new(path + ".kind", Text($"The failure kind must be Crash, Slow, LinkDegraded or LinkCut (got {(int)effect.Kind}).")));
            return;
        }

        var kind = effect.Kind;
        if (kind == FailureKind.Slow)
        {
            if (!(effect.SlowFactor is >= 1 and <= MaxSlowFactor))
                errors.Add(new(path + ".slowFactor", Text($"The slow-down factor must lie in [1, {Num(MaxSlowFactor)}] (got {Num(effect.SlowFactor)}).")));
        }
        else if (effect.SlowFactor != 1)
            errors.Add(new(path + ".slowFactor", Text($"A {kind} failure has no slow-down factor; leave it at 1 (got {Num(effect.SlowFactor)}).")));

        if (kind == FailureKind.LinkDegraded)
        {
            if (!(effect.LinkRateFactor is > 0 and <= 1))
                errors.Add(new(path + ".linkRateFactor", Text($"The link rate factor must lie in (0, 1] (got {Num(effect.LinkRateFactor)}).")));
            if (!(effect.ExtraLatencySeconds is >= 0 and <= MaxExtraLatencySeconds))
                errors.Add(new(path + ".extraLatencySeconds", Text($"The extra latency must lie in [0, {Num(MaxExtraLatencySeconds)}] s (got {Num(effect.ExtraLatencySeconds)} s).")));
            if (!(effect.LossProbability is >= 0 and <= 1))
                errors.Add(new(path + ".lossProbability", Text($"The loss probability must lie in [0, 1] (got {Num(effect.LossProbability)}).")));
        }
        else
        {
            // Fields of another kind must stay neutral: a stray value would mean the user meant a different failure.
            if (effect.LinkRateFactor != 1)
                errors.Add(new(path + ".linkRateFactor", Text($"A {kind} failure has no link rate factor; leave it at 1 (got {Num(effect.LinkRateFactor)}).")));
            if (effect.ExtraLatencySeconds != 0)
                errors.Add(new(path + ".extraLatencySeconds", Text($"A {kind} failure has no extra latency; leave it at 0 (got {Num(effect.ExtraLatencySeconds)} s).")));
            if (effect.LossProbability != 0)
                errors.Add(new(path + ".lossProbability", Text($"A {kind} failure has no loss probability; leave it at 0 (got {Num(effect.LossProbability)}).")));
        }
    }

    private static void ValidateTarget(TargetSelector? target, string path, List<FieldError> errors)
    {
        if (target is null)
        {
            errors.Add(new(path, "The target is required."));
            return;
        }
        if (!Enum.IsDefined(target.Kind))
        {
            errors.Add(new(path + ".kind", Text($"The selector kind must be DeviceName, HardwareClass or Group (got {(int)target.Kind}).")));
            return;
        }
        var value = target.Value;
        var field = path + ".value";
        switch (target.Kind)
        {
            case SelectorKind.DeviceName when string.IsNullOrWhiteSpace(value):
                errors.Add(new(field, "A device-name pattern is required, e.g. 'pi-*', or '*' for every device."));
                break;
            case SelectorKind.DeviceName when value.Length > MaxGlobLength:
                errors.Add(new(field, Text($"The device-name pattern must be at most {MaxGlobLength} characters (got {value.Length}).")));
                break;
            case SelectorKind.HardwareClass when string.IsNullOrWhiteSpace(value):
                errors.Add(new(field, "A hardware class is required, e.g. 'Raspberry Pi 4'."));
                break;
            case SelectorKind.HardwareClass when value.Length > DeviceLimits.MaxHardwareClassLength:
                errors.Add(new(field, Text(
                    $"The hardware class must be at most {DeviceLimits.MaxHardwareClassLength} characters, the longest a device may have (got {value.Length}).")));
                break;
            case SelectorKind.Group when string.IsNullOrWhiteSpace(value):
                errors.Add(new(field, "A group number is required: 1 for the first group."));
                break;
            case SelectorKind.Group when target.GroupNumber is null:
                errors.Add(new(field, Text($"A group is chosen by its number, a whole number from 1 (got '{Shorten(value)}').")));
                break;
        }
    }

    private static void ValidateRadius(BlastRadius radius, string path, List<FieldError> errors)
    {
        switch (radius)
        {
            case { Count: not null, Percent: not null }:
                errors.Add(new(path, "Set either a device count or a percentage of the matching devices, not both."));
                return;
            case { Count: null, Percent: null }:
                errors.Add(new(path, "Set a device count or a percentage of the matching devices, or leave the radius out to hit all of them."));
                return;
            case { Count: < 1 }:
                errors.Add(new(path + ".count", Text($"The device count must be at least 1 (got {radius.Count}).")));
                return;
            case { Percent: { } percent } when !(percent is > 0 and <= 100):
                errors.Add(new(path + ".percent", Text($"The percentage must lie in (0, 100] (got {Num(percent)}).")));
                return;
        }
    }

    // Echoing a megabyte of bad input back into an error helps nobody.
    private static string Shorten(string value) => value.Length <= 20 ? value : string.Concat(value.AsSpan(0, 20), "…");

    private static string Num(double value) => SiFormat.Number(value);

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
