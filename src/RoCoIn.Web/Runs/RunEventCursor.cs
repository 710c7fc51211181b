using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Which of a run's logged events are new since the last update. The log keeps only the latest events, so "new" is
/// found by the last one sent (by reference), not by a count; when that one was dropped meanwhile, everything kept is new.
/// </summary>
internal sealed class RunEventCursor
{
    private RunEvent? _lastSent;

    public List<RunEvent> TakeNew(IReadOnlyList<RunEvent> events)
    {
        var first = events.Count;
        while (first > 0 && !ReferenceEquals(events[first - 1], _lastSent))
            first--;
        var result = new List<RunEvent>(events.Count - first);
        for (var i = first; i < events.Count; i++)
            result.Add(events[i]);
        if (events.Count > 0)
            _lastSent = events[^1];
        return result;
    }
}
