namespace RoCoIn.Engine.Coordination;

/// <summary>How a request with missing groups is treated (rocoin-model.md §3).</summary>
public enum CoordinationMode
{
    /// <summary>Every group must answer within τ − δ, else the request fails.</summary>
    Strict,

    /// <summary>At least one group must answer; missing groups' features are zeros.</summary>
    Degraded,
}

/// <summary>What happened to one member's share of a request.</summary>
public enum MemberOutcome
{
    /// <summary>Replied in time, but another member of the group replied first.</summary>
    Replied,

    /// <summary>Its reply was the group's first in time and was used.</summary>
    Won,

    /// <summary>Cancelled: another member won, the deadline passed or the request was abandoned.</summary>
    Cancelled,

    /// <summary>Replied with an error or with features of the wrong width.</summary>
    Failed,

    /// <summary>Not live, so the input was not sent (or it refused the request at once).</summary>
    Unavailable,
}

/// <summary>One group of the plan as the coordinator sees it.</summary>
/// <param name="Partition">The group's partition index k; features are concatenated in partition order.</param>
/// <param name="DeviceIds">The group's members.</param>
/// <param name="Width">The group's student width d_k (features per reply).</param>
public sealed record CoordinatorGroup(int Partition, IReadOnlyList<int> DeviceIds, int Width);

/// <summary>The coordinator's settings.</summary>
/// <param name="Deadline">τ: the end-to-end deadline of a request.</param>
/// <param name="AggregationTime">δ: the time reserved for the aggregator; replies count until τ − δ.</param>
/// <param name="Mode">Strict or degraded (§3).</param>
/// <param name="MaxInFlight">Most requests coordinated at once; more wait their turn.</param>
public sealed record CoordinatorOptions(TimeSpan Deadline, TimeSpan AggregationTime, CoordinationMode Mode, int MaxInFlight = 8);

/// <summary>One member's share of a request.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Partition">Its group.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="Elapsed">From the start of the request to the member's reply or failure; null when not sent.</param>
/// <param name="Error">The error, for <see cref="MemberOutcome.Failed"/> and <see cref="MemberOutcome.Unavailable"/>.</param>
public sealed record MemberResult(int DeviceId, int Partition, MemberOutcome Outcome, TimeSpan? Elapsed, string? Error);

/// <summary>The outcome of one coordinated request.</summary>
/// <param name="RequestId">The request.</param>
/// <param name="Served">Whether it was served (strict: every group answered; degraded: at least one).</param>
/// <param name="Latency">Served: from the start to the aggregator's answer (degraded with missing groups: at least
/// τ − δ plus the aggregator, since the requester cannot know a group failed before the deadline). Failed: when the
/// failure was known.</param>
/// <param name="AnsweredMask">Bit k set: group k answered in time.</param>
/// <param name="Label">The input's true class.</param>
/// <param name="Predicted">The aggregator's argmax, when served.</param>
/// <param name="Members">Every member's share.</param>
public sealed record RequestOutcome(long RequestId, bool Served, TimeSpan Latency, int AnsweredMask, int Label, int? Predicted,
    IReadOnlyList<MemberResult> Members)
{
    /// <summary>Served and predicted the label.</summary>
    public bool Correct => Served && Predicted == Label;
}
