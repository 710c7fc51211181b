namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>What a queued event does.</summary>
internal enum SimEventKind : byte
{
    Completion,
    Tick,
    FailureStart,
    FailureEnd,
    CrashTransition,
    Injection,
}

/// <summary>A queued event: its kind, the index of what it concerns, and a version (stale completions are skipped).</summary>
internal readonly record struct SimEvent(SimEventKind Kind, int Index, int Version);

/// <summary>
/// Event priority: time, then order class, then the sequence number of scheduling, so simultaneous events always run
/// in the same order.
/// </summary>
internal readonly record struct EventKey(double Time, int Order, long Sequence) : IComparable<EventKey>
{
    /// <summary>A failure ends (or a crash process recovers) before anything else at the same instant.</summary>
    public const int FailureEndOrder = 0;

    /// <summary>Then failures begin, so an arrival at the same instant already sees them.</summary>
    public const int FailureStartOrder = 1;

    /// <summary>Then requests complete.</summary>
    public const int CompletionOrder = 2;

    /// <summary>Then requests arrive (Poisson arrivals and the closed loop's first requests).</summary>
    public const int ArrivalOrder = 3;

    /// <summary>Then a whole second closes for arrivals.</summary>
    public const int TickOrder = 4;

    /// <summary>Injections come last: "after every event at or before t" (see <see cref="Injection"/>).</summary>
    public const int InjectionOrder = 5;

    public int CompareTo(EventKey other)
    {
        if (Time < other.Time)
            return -1;
        if (Time > other.Time)
            return 1;
        if (Order != other.Order)
            return Order < other.Order ? -1 : 1;
        return Sequence.CompareTo(other.Sequence);
    }

    public static bool operator <(EventKey left, EventKey right) => left.CompareTo(right) < 0;

    public static bool operator >(EventKey left, EventKey right) => left.CompareTo(right) > 0;

    public static bool operator <=(EventKey left, EventKey right) => left.CompareTo(right) <= 0;

    public static bool operator >=(EventKey left, EventKey right) => left.CompareTo(right) >= 0;
}
