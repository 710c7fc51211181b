using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>What a scenario becomes on one plan and seed: the failures to schedule, or why there are none.</summary>
/// <param name="Failures">One failure per event and device hit, ordered by start time (ties in event, then plan
/// order); empty when <paramref name="Errors"/> is not.</param>
/// <param name="Errors">Every problem found, by field path such as "events[1].target"; empty when the scenario
/// resolved.</param>
public sealed record ScenarioResolution(IReadOnlyList<DeviceFailure> Failures, IReadOnlyList<FieldError> Errors)
{
    /// <summary>Whether the scenario resolved without errors.</summary>
    public bool Succeeded => Errors.Count == 0;
}
