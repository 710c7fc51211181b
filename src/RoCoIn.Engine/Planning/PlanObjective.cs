namespace RoCoIn.Engine.Planning;

/// <summary>What the planner minimises (rocoin-model.md §7).</summary>
public enum PlanObjective
{
    /// <summary>J = E[min(T, τ)]: a failed request costs the whole deadline (default).</summary>
    ExpectedCappedLatency,

    /// <summary>E[T | served].</summary>
    MeanServedLatency,

    /// <summary>99th percentile of served requests.</summary>
    P99ServedLatency,

    /// <summary>1 − R: the share of requests not served by the deadline.</summary>
    Unreliability,
}
