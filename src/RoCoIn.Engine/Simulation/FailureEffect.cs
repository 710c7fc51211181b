using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Simulation;

/// <summary>What a failure does to a device while it lasts.</summary>
public enum FailureKind
{
    /// <summary>The device is down: requests in its queue or in service are lost, new ones get no reply. On recovery it starts empty.</summary>
    Crash,

    /// <summary>Straggler: compute takes <see cref="FailureEffect.SlowFactor"/> times as long.</summary>
    Slow,

    /// <summary>Link rates × <see cref="FailureEffect.LinkRateFactor"/>, + <see cref="FailureEffect.ExtraLatencySeconds"/> each way, and each message lost with <see cref="FailureEffect.LossProbability"/>.</summary>
    LinkDegraded,

    /// <summary>The link carries nothing: the device is up but no request reaches it and no reply leaves it.</summary>
    LinkCut,
}

/// <summary>A failure's effect; fields that do not belong to <see cref="Kind"/> keep their neutral values.</summary>
/// <param name="Kind">Which failure.</param>
/// <param name="SlowFactor">k ≥ 1 for <see cref="FailureKind.Slow"/>.</param>
/// <param name="LinkRateFactor">In (0, 1] for <see cref="FailureKind.LinkDegraded"/>.</param>
/// <param name="ExtraLatencySeconds">≥ 0, added to ℓ each way, for <see cref="FailureKind.LinkDegraded"/>.</param>
/// <param name="LossProbability">In [0, 1], per message, for <see cref="FailureKind.LinkDegraded"/>.</param>
public sealed record FailureEffect(
    FailureKind Kind,
    double SlowFactor = 1,
    double LinkRateFactor = 1,
    double ExtraLatencySeconds = 0,
    double LossProbability = 0)
{
    /// <summary>A crash.</summary>
    public static FailureEffect Crash { get; } = new(FailureKind.Crash);

    /// <summary>A cut link.</summary>
    public static FailureEffect LinkCut { get; } = new(FailureKind.LinkCut);

    /// <summary>A straggler slowed × <paramref name="factor"/>.</summary>
    public static FailureEffect Slow(double factor) => new(FailureKind.Slow, SlowFactor: factor);

    /// <summary>A degraded link.</summary>
    public static FailureEffect LinkDegraded(double rateFactor, double extraLatencySeconds, double lossProbability) =>
        new(FailureKind.LinkDegraded, LinkRateFactor: rateFactor, ExtraLatencySeconds: extraLatencySeconds, LossProbability: lossProbability);
}

/// <summary>
/// A failure of one device over simulated time [<see cref="StartSeconds"/>, <see cref="StartSeconds"/> + <see cref="DurationSeconds"/>):
/// what scenarios resolve to, and what the simulator schedules.
/// </summary>
/// <param name="DeviceId">The device.</param>
/// <param name="StartSeconds">Simulated time it begins (≥ 0).</param>
/// <param name="DurationSeconds">How long it lasts (> 0), or null for the rest of the run (until a manual recover).</param>
/// <param name="Effect">What it does.</param>
/// <param name="Source">Where it came from, for the event log, e.g. "scenario 'Rolling crash', event 2".</param>
public sealed record DeviceFailure(int DeviceId, double StartSeconds, double? DurationSeconds, FailureEffect Effect, string Source)
{
    /// <summary>When it ends: start + duration, or +∞ (not serialised: JSON has no infinity).</summary>
    [JsonIgnore]
    public double EndSeconds => DurationSeconds is { } d ? StartSeconds + d : double.PositiveInfinity;
}
