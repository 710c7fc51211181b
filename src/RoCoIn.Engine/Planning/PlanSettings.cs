using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Planning;

/// <summary>The inputs of a planning job besides the devices (rocoin-model.md §2, §7).</summary>
public sealed record PlanSettings
{
    /// <summary>τ: a request not complete by then has failed, seconds. Default 1 s.</summary>
    public double DeadlineSeconds { get; init; } = 1.0;

    /// <summary>L_obj ≤ τ, for the share within the objective, seconds. Default 0.5 s.</summary>
    public double ObjectiveSeconds { get; init; } = 0.5;

    /// <summary>R_min: the plan must serve at least this share of requests. Default 0.9.</summary>
    public double MinReliability { get; init; } = 0.9;

    /// <summary>Optional floor on expected accuracy of served requests (judged on catalogue priors until measured).</summary>
    public double? AccuracyFloor { get; init; }

    /// <summary>What to minimise. Default J.</summary>
    public PlanObjective Objective { get; init; } = PlanObjective.ExpectedCappedLatency;

    /// <summary>Strict (every group needed) or degraded. Default strict.</summary>
    public FailureMode Mode { get; init; } = FailureMode.Strict;

    /// <summary>Seed for tie-breaking and the random baseline; stored and shown.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>f_s: the requester's throughput for the aggregator, FLOP/s. Default 1 GFLOP/s.</summary>
    public double RequesterFlopsPerSecond { get; init; } = 1e9;

    /// <summary>Upper bound on the number of groups K (also bounded by N and F). Default 8.</summary>
    public int MaxGroups { get; init; } = 8;
}
