using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Planning;

/// <summary>What a user asks to plan (body of POST /api/plans; the new-plan form fills the same record). SI units.</summary>
/// <remarks>
/// <see cref="ModelSetId"/> asks for fixed-student mode (rocoin-model.md §7): the model set's widths and students are
/// kept, in partition order, and only the grouping is re-planned.
/// </remarks>
public sealed record PlanInput(
    int? FleetId,
    string? Name,
    double? DeadlineSeconds,
    double? ObjectiveSeconds,
    double? MinReliability,
    double? AccuracyFloor,
    string? Objective,
    string? Mode,
    long? Seed,
    int? ModelSetId = null)
{
    /// <summary>The settings with defaults for what was left out; null objective/mode strings take the defaults.</summary>
    public PlanSettings ToSettings()
    {
        var defaults = new PlanSettings();
        return new PlanSettings
        {
            DeadlineSeconds = DeadlineSeconds ?? defaults.DeadlineSeconds,
            ObjectiveSeconds = ObjectiveSeconds ?? Math.Min(defaults.ObjectiveSeconds, DeadlineSeconds ?? defaults.DeadlineSeconds),
            MinReliability = MinReliability ?? defaults.MinReliability,
            AccuracyFloor = AccuracyFloor,
            Objective = Enum.TryParse<PlanObjective>(Objective, true, out var o) ? o : defaults.Objective,
            Mode = Enum.TryParse<FailureMode>(Mode, true, out var m) ? m : defaults.Mode,
            Seed = Seed ?? defaults.Seed,
        };
    }
}

/// <summary>What the planning job stores as its parameters.</summary>
/// <remarks><see cref="ModelSetId"/>: fixed-student mode with that model set's partitions; null for a full plan.</remarks>
public sealed record PlanJobParameters(int FleetId, string Name, PlanSettings Settings, int? ModelSetId = null);
