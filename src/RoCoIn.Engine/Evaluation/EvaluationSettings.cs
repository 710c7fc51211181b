namespace RoCoIn.Engine.Evaluation;

/// <summary>What a plan is evaluated against.</summary>
/// <param name="DeadlineSeconds">τ: a request not complete by then has failed.</param>
/// <param name="AggregatorSeconds">δ = c_agg / f_s, the requester's aggregator time.</param>
/// <param name="ObjectiveSeconds">L_obj ≤ τ, for the share of served requests within the objective.</param>
/// <param name="Mode">Strict or degraded.</param>
public sealed record EvaluationSettings(double DeadlineSeconds, double AggregatorSeconds, double ObjectiveSeconds, FailureMode Mode);
