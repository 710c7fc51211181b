namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>What a member's part of a request came to so far (TooLate is derived from the reply time).</summary>
internal enum MemberState : byte
{
    Replying,
    NoReply,
    Down,
    Lost,
}

/// <summary>
/// A request in flight: per member (indexed by the device's flat index) the times of its path and its reply, plus the
/// request's tentative outcome. Pooled and reused; <see cref="Generation"/> tells a reused slot from the old request.
/// </summary>
internal sealed class RequestState(int members)
{
    public readonly double[] Received = new double[members];
    public readonly double[] Start = new double[members];
    public readonly double[] Finish = new double[members];
    public readonly double[] Reply = new double[members];
    public readonly MemberState[] State = new MemberState[members];

    public long Id;
    public double Arrival;
    public int Second;
    public int Generation;

    /// <summary>Bumped whenever the completion is rescheduled; never reset, so stale events stay stale after reuse.</summary>
    public int Version;

    public bool InFlight;
    public int DirtyStamp;

    public double Completion;
    public bool Served;
    public double Latency;
    public int Answered;
    public int SlowestGroup;
}
