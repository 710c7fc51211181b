using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>One simulated second as the live charts draw it: the engine's per-second aggregate in display units.</summary>
/// <param name="Second">Simulated second of arrival (the x value).</param>
/// <param name="P50Ms">Median latency of the second's served requests, ms; null when none was served (a gap).</param>
/// <param name="P95Ms">95th percentile, ms, or null.</param>
/// <param name="P99Ms">99th percentile, ms, or null.</param>
/// <param name="SentPerSecond">Requests that arrived in the second.</param>
/// <param name="ServedPerSecond">Of those, served by the deadline.</param>
/// <param name="SuccessPercent">Served / sent × 100, or null when nothing was sent.</param>
/// <param name="AccuracyPercent">Correct / served × 100, or null without a model set or when nothing was served.</param>
/// <param name="WithinObjectivePercent">Served within L_obj / served × 100, or null when nothing was served.</param>
public sealed record TimelinePoint(
    int Second,
    double? P50Ms,
    double? P95Ms,
    double? P99Ms,
    double SentPerSecond,
    double ServedPerSecond,
    double? SuccessPercent,
    double? AccuracyPercent,
    double? WithinObjectivePercent)
{
    /// <summary>The point of one aggregate; <paramref name="measuresAccuracy"/> is false when the plan has no model set.</summary>
    public static TimelinePoint From(SecondAggregate second, bool measuresAccuracy)
    {
        ArgumentNullException.ThrowIfNull(second);
        double? PerServed(long count) => second.Served == 0 ? null : 100.0 * count / second.Served;
        return new TimelinePoint(
            second.Second,
            second.P50Seconds * 1e3,
            second.P95Seconds * 1e3,
            second.P99Seconds * 1e3,
            second.Sent,
            second.Served,
            second.SuccessRate * 100,
            measuresAccuracy ? PerServed(second.Correct) : null,
            PerServed(second.WithinObjective));
    }
}

/// <summary>What a marker on the time axis stands for.</summary>
public enum TimelineMarkerKind
{
    /// <summary>A failure started (scenario, crash process or operator).</summary>
    Failure,

    /// <summary>A failure ended (its duration passed, or it was recovered or restored).</summary>
    Recovery,

    /// <summary>The run stopped before its end: its auto-abort rule or the operator (the engine logs both as "abort").</summary>
    Abort,
}

/// <summary>A vertical line on the charts' time axis, from the run's event log.</summary>
/// <param name="AtSeconds">Simulated time.</param>
/// <param name="Kind">Failure, recovery or abort.</param>
/// <param name="Text">The event's text, shown on hover.</param>
public sealed record TimelineMarker(double AtSeconds, TimelineMarkerKind Kind, string Text)
{
    /// <summary>The marker of an event, or null for events that are not drawn (injections are drawn through the failure they start or end; the end of a run is the end of the axis).</summary>
    public static TimelineMarker? From(RunEvent runEvent)
    {
        ArgumentNullException.ThrowIfNull(runEvent);
        TimelineMarkerKind? kind = runEvent.Kind switch
        {
            "failure-start" => TimelineMarkerKind.Failure,
            "failure-end" => TimelineMarkerKind.Recovery,
            "abort" => TimelineMarkerKind.Abort,
            _ => null,
        };
        return kind is { } k ? new TimelineMarker(runEvent.AtSeconds, k, runEvent.Text) : null;
    }
}

/// <summary>
/// The live charts' data: the last <see cref="MaxPoints"/> seconds of a run and the markers that fall among them.
/// Seconds arrive from the database, from a live run's memory and from live updates, possibly overlapping; each second
/// is taken once, in order. Charts ask for what was appended since they last drew (<see cref="Since"/>) and extend
/// their traces in place with the same bound.
/// </summary>
public sealed class RunTimeline
{
    /// <summary>Seconds kept by default: ten simulated minutes.</summary>
    public const int DefaultMaxPoints = 600;

    /// <summary>Markers kept at most (crash processes can log thousands); the newest win.</summary>
    public const int MaxMarkers = 200;

    private readonly List<TimelinePoint> _points = [];
    private readonly List<TimelineMarker> _markers = [];

    /// <param name="measuresAccuracy">Whether the run's plan has a model set (accuracy is measured).</param>
    /// <param name="maxPoints">Seconds kept; older ones drop off the left of the charts.</param>
    public RunTimeline(bool measuresAccuracy, int maxPoints = DefaultMaxPoints)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPoints, 1);
        MeasuresAccuracy = measuresAccuracy;
        MaxPoints = maxPoints;
    }

    public bool MeasuresAccuracy { get; }

    public int MaxPoints { get; }

    /// <summary>The kept points, oldest first (at most <see cref="MaxPoints"/>).</summary>
    public IReadOnlyList<TimelinePoint> Points => _points;

    /// <summary>Markers at or after the first kept second, oldest first (at most <see cref="MaxMarkers"/>).</summary>
    public IReadOnlyList<TimelineMarker> Markers => _markers;

    /// <summary>How many points were ever appended: a sequence number charts remember to ask for what is new.</summary>
    public long Appended { get; private set; }

    /// <summary>Changes whenever <see cref="Markers"/> changes.</summary>
    public int MarkerVersion { get; private set; }

    /// <summary>The last second taken, or null before the first.</summary>
    public int? LastSecond { get; private set; }

    /// <summary>
    /// Appends the seconds after the last one taken, in order; earlier or repeated seconds are ignored. Returns how
    /// many were appended.
    /// </summary>
    public int Add(IEnumerable<SecondAggregate> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var added = 0;
        foreach (var second in seconds.OrderBy(s => s.Second))
        {
            if (LastSecond is { } last && second.Second <= last)
                continue;
            _points.Add(TimelinePoint.From(second, MeasuresAccuracy));
            LastSecond = second.Second;
            added++;
        }
        Appended += added;
        if (_points.Count > MaxPoints)
        {
            _points.RemoveRange(0, _points.Count - MaxPoints);
            TrimMarkers();
        }
        return added;
    }

    /// <summary>Adds the markers of <paramref name="events"/> (events that draw no marker are skipped).</summary>
    public void AddEvents(IEnumerable<RunEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var before = _markers.Count;
        foreach (var runEvent in events)
        {
            if (TimelineMarker.From(runEvent) is { } marker)
                _markers.Add(marker);
        }
        if (_markers.Count == before)
            return;
        _markers.Sort((a, b) => a.AtSeconds.CompareTo(b.AtSeconds));
        TrimMarkers();
        MarkerVersion++;
    }

    /// <summary>
    /// The points appended after sequence number <paramref name="appended"/> that are still kept (all kept points when
    /// more than <see cref="MaxPoints"/> came since).
    /// </summary>
    public IReadOnlyList<TimelinePoint> Since(long appended)
    {
        var count = (int)Math.Clamp(Appended - appended, 0, _points.Count);
        return count == 0 ? [] : _points.GetRange(_points.Count - count, count);
    }

    private void TrimMarkers()
    {
        var first = _points.Count == 0 ? double.NegativeInfinity : _points[0].Second;
        var removed = _markers.RemoveAll(m => m.AtSeconds < first);
        if (_markers.Count > MaxMarkers)
        {
            removed += _markers.Count - MaxMarkers;
            _markers.RemoveRange(0, _markers.Count - MaxMarkers);
        }
        if (removed > 0)
            MarkerVersion++;
    }
}
