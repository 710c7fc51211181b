using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Runs;

/// <summary>
/// A live run's news for in-process listeners (the live page): its state, the simulator's snapshot, and what happened
/// since the previous update of the same run. State changes (started, paused, resumed, ended) are always sent; the
/// rest is throttled to a few per second.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Status">Its status now.</param>
/// <param name="Snapshot">The simulator's state.</param>
/// <param name="EndSeconds">Simulated time the run ends at (its duration), for progress.</param>
/// <param name="NewSeconds">Seconds completed since the previous update, in order.</param>
/// <param name="NewEvents">Events logged since the previous update, in order.</param>
/// <param name="IsStateChange">True when <see cref="Status"/> just changed.</param>
/// <param name="Reason">Why an ended run ended early, or null.</param>
/// <param name="StateVersion">Grows with every status change; an update with a lower version than one already seen
/// carries a stale <see cref="Status"/> (updates are published from more than one thread).</param>
public sealed record RunUpdate(
    int RunId,
    RunStatus Status,
    RunSnapshot Snapshot,
    double EndSeconds,
    IReadOnlyList<SecondAggregate> NewSeconds,
    IReadOnlyList<RunEvent> NewEvents,
    bool IsStateChange,
    string? Reason,
    int StateVersion = 0);
