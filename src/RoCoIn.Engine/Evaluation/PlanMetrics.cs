namespace RoCoIn.Engine.Evaluation;

/// <summary>The closed-form metrics of one plan for one isolated request (rocoin-model.md §3).</summary>
/// <param name="Reliability">R: share of requests served by the deadline.</param>
/// <param name="MeanServedSeconds">E[T | served]; null when R = 0.</param>
/// <param name="P50Seconds">Median of served requests (lower inverse of F_T at 0.5·R); null when R = 0.</param>
/// <param name="P95Seconds">95th percentile of served requests; null when R = 0.</param>
/// <param name="P99Seconds">99th percentile of served requests; null when R = 0.</param>
/// <param name="ObjectiveJ">J = E[min(T, τ)] = ∫_0^τ (1 − F_T) dt, seconds; in strict mode also R·E[T | served] + (1 − R)·τ.
/// In degraded mode a partial answer completes at τ + δ and so costs τ like a failure: J equals the strict J.</param>
/// <param name="WithinObjectiveShare">Share of served requests with T ≤ L_obj; 0 when R = 0.</param>
/// <param name="GroupFailureProbabilities">q_k(τ) per group.</param>
/// <param name="Cdf">F_T as its steps (the times where it rises), ascending, the last one reaching R; empty when R = 0.
/// Strict: every step is at or before τ. Degraded: the strict steps, then one at τ + δ for partial answers.</param>
public sealed record PlanMetrics(
    double Reliability,
    double? MeanServedSeconds,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds,
    double ObjectiveJ,
    double WithinObjectiveShare,
    IReadOnlyList<double> GroupFailureProbabilities,
    IReadOnlyList<CdfPoint> Cdf);
