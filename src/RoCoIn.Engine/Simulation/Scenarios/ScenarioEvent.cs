using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// One failure of a scenario: <see cref="Effect"/> on the devices <see cref="Target"/> and <see cref="Radius"/> pick,
/// from <see cref="StartSeconds"/> for <see cref="DurationSeconds"/>.
/// </summary>
/// <param name="Effect">What the failure does.</param>
/// <param name="Target">Which devices it may hit.</param>
/// <param name="Radius">How many of them it hits, drawn with the run's seed; null hits every matching device (a
/// <see cref="SelectorKind.Group"/> selector without a radius takes the whole group down at once).</param>
/// <param name="StartSeconds">Simulated time it begins, ≥ 0.</param>
/// <param name="DurationSeconds">How long it lasts (&gt; 0), or null for the rest of the run.</param>
public sealed record ScenarioEvent(
    FailureEffect Effect,
    TargetSelector Target,
    BlastRadius? Radius,
    double StartSeconds,
    double? DurationSeconds)
{
    /// <summary>When it ends: start + duration, or +∞ without a duration.</summary>
    /// <remarks>Not serialized: it is derived, and JSON has no infinity.</remarks>
    [JsonIgnore]
    public double EndSeconds => DurationSeconds is { } d ? StartSeconds + d : double.PositiveInfinity;
}
