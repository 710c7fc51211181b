namespace RoCoIn.Engine.Evaluation;

/// <summary>How a request treats a group that did not answer by the deadline (rocoin-model.md §3).</summary>
public enum FailureMode
{
    /// <summary>Every group is needed; a missing group fails the request.</summary>
    Strict,

    /// <summary>The aggregator runs with missing groups' features zeroed; served if at least one group answered.</summary>
    Degraded,
}
