namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>
/// A run's bounded event log: the latest <see cref="Simulator.MaxLoggedEvents"/> − 1 entries, plus, once closed, a final
/// "dropped" entry saying how many older ones were dropped.
/// </summary>
internal sealed class RunEventLog
{
    private readonly BoundedRing<RunEvent> _ring = new(Simulator.MaxLoggedEvents - 1);
    private RunEvent? _final;
    private RunEvent[]? _view;

    /// <summary>The entries, oldest first, then the final one if any (cached until the next change).</summary>
    public IReadOnlyList<RunEvent> View
    {
        get
        {
            if (_view is null)
            {
                var kept = _ring.ToArray();
                _view = _final is null ? kept : [.. kept, _final];
            }
            return _view;
        }
    }

    public void Add(double at, string kind, string text, int? deviceId, int? group)
    {
        _view = null;
        _ring.Add(new RunEvent(at, kind, text, deviceId, group));
    }

    /// <summary>At the end of the run: says how many entries were dropped, if any were.</summary>
    public void Close(double at)
    {
        if (_ring.Dropped == 0)
            return;
        _view = null;
        _final = new RunEvent(at, "dropped", FormattableString.Invariant(
            $"{_ring.Dropped} earlier events were dropped from this log (it keeps the last {Simulator.MaxLoggedEvents})."), null, null);
    }
}
