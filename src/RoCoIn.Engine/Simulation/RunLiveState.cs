namespace RoCoIn.Engine.Simulation;

/// <summary>A device's state at one moment of a run, for the live page.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Group">Its group index.</param>
/// <param name="Up">False while crashed.</param>
/// <param name="SlowFactor">1 unless a straggler.</param>
/// <param name="LinkDegraded">A degraded link is in effect.</param>
/// <param name="LinkCut">The link is cut.</param>
/// <param name="Busy">Serving a request now.</param>
/// <param name="QueueLength">Requests waiting or in service on it.</param>
public sealed record DeviceSnapshot(int DeviceId, int Group, bool Up, double SlowFactor, bool LinkDegraded, bool LinkCut, bool Busy, int QueueLength);

/// <summary>A run's state at simulated time <see cref="NowSeconds"/>.</summary>
/// <param name="NowSeconds">Simulated clock.</param>
/// <param name="Sent">Requests sent so far.</param>
/// <param name="Completed">Requests completed (served or failed) so far.</param>
/// <param name="Served">Requests served so far.</param>
/// <param name="Finished">True once the run has ended (duration, request limit, abort or stop).</param>
/// <param name="AbortReason">Why it stopped early, or null.</param>
/// <param name="LastAnsweredGroup">The group whose reply completed the last served request (the slowest group that
/// answered it), or null.</param>
/// <param name="Devices">Every device of the plan.</param>
public sealed record RunSnapshot(
    double NowSeconds,
    long Sent,
    long Completed,
    long Served,
    bool Finished,
    string? AbortReason,
    int? LastAnsweredGroup,
    IReadOnlyList<DeviceSnapshot> Devices);

/// <summary>What became of one request at one group member.</summary>
public enum MemberOutcome
{
    /// <summary>Replied in time.</summary>
    Replied,

    /// <summary>Dropped it (its p_n draw).</summary>
    NoReply,

    /// <summary>Was down when it arrived, or crashed before replying.</summary>
    Down,

    /// <summary>Its link was cut, or the message was lost on a degraded link.</summary>
    Lost,

    /// <summary>Replied, but after τ − δ.</summary>
    TooLate,

    /// <summary>Cancelled by the coordinator: another member of its group replied first, or the deadline passed (real runs).</summary>
    Cancelled,

    /// <summary>Replied with an error (real runs).</summary>
    Failed,
}

/// <summary>One member's part in a request, for the request path and the Gantt view.</summary>
/// <param name="DeviceId">The member.</param>
/// <param name="Group">Its group.</param>
/// <param name="Outcome">What happened.</param>
/// <param name="ReceivedSeconds">When the input reached it, or null if it never did.</param>
/// <param name="StartSeconds">When it began computing (after its queue), or null.</param>
/// <param name="FinishSeconds">When it finished computing, or null.</param>
/// <param name="ReplySeconds">When its reply reached the requester, or null.</param>
/// <param name="Won">Its reply was the first of its group.</param>
public sealed record MemberTrace(int DeviceId, int Group, MemberOutcome Outcome, double? ReceivedSeconds, double? StartSeconds,
    double? FinishSeconds, double? ReplySeconds, bool Won);

/// <summary>The full path of one request.</summary>
/// <param name="RequestId">Sequence number from 1.</param>
/// <param name="ArrivalSeconds">When it was sent.</param>
/// <param name="CompletedSeconds">When it completed (served) or failed (deadline).</param>
/// <param name="Served">Whether it was served.</param>
/// <param name="LatencySeconds">Its latency when served, else null.</param>
/// <param name="Correct">The drawn correctness, or null without an accuracy table or when not served.</param>
/// <param name="AnsweredGroups">Bitmask of the groups that answered in time.</param>
/// <param name="Members">Every member's part.</param>
public sealed record RequestTrace(long RequestId, double ArrivalSeconds, double CompletedSeconds, bool Served, double? LatencySeconds,
    bool? Correct, int AnsweredGroups, IReadOnlyList<MemberTrace> Members);

/// <summary>An entry of a run's event log (failures starting and ending, injections, abort, end).</summary>
/// <param name="AtSeconds">Simulated time.</param>
/// <param name="Kind">Short machine-readable kind: "failure-start", "failure-end", "injection", "abort", "end".</param>
/// <param name="Text">What happened, in words.</param>
/// <param name="DeviceId">The device concerned, if one.</param>
/// <param name="Group">The group concerned, if one.</param>
public sealed record RunEvent(double AtSeconds, string Kind, string Text, int? DeviceId, int? Group);
