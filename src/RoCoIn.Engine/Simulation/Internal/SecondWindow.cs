namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>
/// The per-second accumulators of a run by arrival second: open seconds [<see cref="FirstOpen"/>, <see cref="OpenEnd"/>)
/// in a ring indexed by second, of which those below the closing bound take no more arrivals and become a
/// <see cref="SecondAggregate"/> in order once none of their requests is pending.
/// </summary>
internal sealed class SecondWindow
{
    private readonly List<SecondAggregate> _completed = [];
    private readonly IReadOnlyList<SecondAggregate> _completedView;
    private SecondAccumulator[] _open = new SecondAccumulator[8];
    private int _closedBefore;

    public SecondWindow() => _completedView = _completed.AsReadOnly();

    /// <summary>The aggregates of the completed seconds, element s for second s (a read-only live view).</summary>
    public IReadOnlyList<SecondAggregate> Completed => _completedView;

    /// <summary>The first second not completed yet.</summary>
    public int FirstOpen { get; private set; }

    /// <summary>One past the last second opened.</summary>
    public int OpenEnd { get; private set; }

    /// <summary>The accumulator of <paramref name="second"/> (≥ <see cref="FirstOpen"/>), opening every second up to it.</summary>
    public SecondAccumulator Open(int second)
    {
        while (OpenEnd <= second)
        {
            if (OpenEnd - FirstOpen == _open.Length)
                Grow();
            ref var slot = ref _open[OpenEnd & (_open.Length - 1)];
            if (slot is null)
                slot = new SecondAccumulator();
            else
                slot.Reset();
            OpenEnd++;
        }
        return _open[second & (_open.Length - 1)];
    }

    /// <summary>Seconds before <paramref name="second"/> take no more arrivals.</summary>
    public void CloseBefore(int second) => _closedBefore = Math.Max(_closedBefore, second);

    /// <summary>
    /// Completes the first open second if it is closed and none of its requests is pending (or <paramref name="force"/>,
    /// which completes it whatever is pending); false when there is none to complete.
    /// </summary>
    public bool TryCompleteNext(bool force = false)
    {
        if (_closedBefore > OpenEnd)
            Open(_closedBefore - 1);
        if (FirstOpen >= _closedBefore)
            return false;
        var accumulator = _open[FirstOpen & (_open.Length - 1)];
        if (accumulator.Pending > 0 && !force)
            return false;
        _completed.Add(accumulator.ToAggregate(FirstOpen));
        FirstOpen++;
        return true;
    }

    private void Grow()
    {
        var grown = new SecondAccumulator[_open.Length * 2];
        for (var s = FirstOpen; s < OpenEnd; s++)
            grown[s & (grown.Length - 1)] = _open[s & (_open.Length - 1)];
        _open = grown;
    }
}
