using System.Globalization;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Components.Pages.Scenarios;

/// <summary>How many of the matching devices an event hits, as the editor offers it.</summary>
public enum RadiusMode
{
    /// <summary>Every matching device (no blast radius).</summary>
    All,

    /// <summary>A number of devices.</summary>
    Count,

    /// <summary>A percentage of the matching devices.</summary>
    Percent,
}

/// <summary>
/// One scenario event as the editor holds it while it is typed: every field of every kind, kept when the kind changes,
/// and empty where the user cleared a number. <see cref="ToEvent"/> makes the engine's event, with the parameters of
/// the other kinds left neutral; <see cref="MissingFields"/> names the numbers that must be given.
/// </summary>
public sealed class ScenarioEventRow
{
    public FailureKind Kind { get; set; } = FailureKind.Crash;
    public SelectorKind TargetKind { get; set; } = SelectorKind.DeviceName;
    public string TargetValue { get; set; } = "*";
    public RadiusMode Radius { get; set; } = RadiusMode.Count;
    public int? Count { get; set; } = 1;
    public double? Percent { get; set; } = 25;
    public double? StartSeconds { get; set; } = 10;

    /// <summary>Empty: the failure lasts to the end of the run.</summary>
    public double? DurationSeconds { get; set; } = 10;

    public double? SlowFactor { get; set; } = 4;
    public double? LinkRateFactor { get; set; } = 0.5;

    /// <summary>Extra one-way latency of a degraded link, in milliseconds (stored in seconds).</summary>
    public double? ExtraLatencyMilliseconds { get; set; } = 20;

    public double? LossProbability { get; set; } = 0.05;

    public static ScenarioEventRow From(ScenarioEvent e)
    {
        ArgumentNullException.ThrowIfNull(e);
        var row = new ScenarioEventRow
        {
            Kind = e.Effect.Kind,
            TargetKind = e.Target.Kind,
            TargetValue = e.Target.Value,
            Radius = e.Radius switch
            {
                null => RadiusMode.All,
                { Percent: not null } => RadiusMode.Percent,
                _ => RadiusMode.Count,
            },
            StartSeconds = e.StartSeconds,
            DurationSeconds = e.DurationSeconds,
        };
        if (e.Radius?.Count is { } count)
            row.Count = count;
        if (e.Radius?.Percent is { } percent)
            row.Percent = percent;
        if (e.Effect.Kind == FailureKind.Slow)
            row.SlowFactor = e.Effect.SlowFactor;
        if (e.Effect.Kind == FailureKind.LinkDegraded)
        {
            row.LinkRateFactor = e.Effect.LinkRateFactor;
            row.ExtraLatencyMilliseconds = e.Effect.ExtraLatencySeconds * 1e3;
            row.LossProbability = e.Effect.LossProbability;
        }
        return row;
    }

    public ScenarioEventRow Copy() => (ScenarioEventRow)MemberwiseClone();

    /// <summary>The engine's event; an empty number becomes a neutral value, reported by <see cref="MissingFields"/> instead.</summary>
    public ScenarioEvent ToEvent()
    {
        var effect = Kind switch
        {
            FailureKind.Slow => FailureEffect.Slow(SlowFactor ?? 1),
            FailureKind.LinkDegraded => FailureEffect.LinkDegraded(LinkRateFactor ?? 1, (ExtraLatencyMilliseconds ?? 0) / 1e3, LossProbability ?? 0),
            FailureKind.LinkCut => FailureEffect.LinkCut,
            _ => FailureEffect.Crash,
        };
        var radius = Radius switch
        {
            RadiusMode.Count => new BlastRadius(Count ?? 1, null),
            RadiusMode.Percent => new BlastRadius(null, Percent ?? 100),
            _ => null,
        };
        return new ScenarioEvent(effect, new TargetSelector(TargetKind, TargetValue ?? ""), radius, StartSeconds ?? 0, DurationSeconds);
    }

    /// <summary>Errors for the numbers this event needs and lacks, keyed like the validator's ("events[2].startSeconds").</summary>
    public IEnumerable<FieldError> MissingFields(int index)
    {
        var path = string.Create(CultureInfo.InvariantCulture, $"events[{index}]");
        if (StartSeconds is null)
            yield return new(path + ".startSeconds", "Give the start, in simulated seconds from 0.");
        if (Radius == RadiusMode.Count && Count is null)
            yield return new(path + ".radius.count", "Give how many of the matching devices it hits (1 or more).");
        if (Radius == RadiusMode.Percent && Percent is null)
            yield return new(path + ".radius.percent", "Give the share of the matching devices it hits, in percent (above 0, at most 100).");
        if (Kind == FailureKind.Slow && SlowFactor is null)
            yield return new(path + ".effect.slowFactor", "Give the slow-down factor (1 or more).");
        if (Kind == FailureKind.LinkDegraded)
        {
            if (LinkRateFactor is null)
                yield return new(path + ".effect.linkRateFactor", "Give the factor the link rates are multiplied by (above 0, at most 1).");
            if (ExtraLatencyMilliseconds is null)
                yield return new(path + ".effect.extraLatencySeconds", "Give the extra one-way latency in ms (0 for none).");
            if (LossProbability is null)
                yield return new(path + ".effect.lossProbability", "Give the probability a message is lost, from 0 to 1 (0 for none).");
        }
    }
}
