using RoCoIn.Engine.Simulation.Internal;
using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Simulation;

public sealed partial class Simulator
{
    /// <summary>The summary's note when the plan has no accuracy table.</summary>
    public const string NoModelSetNote = "No model set: accuracy is not measured for this plan; latency and success only.";

    private readonly LatencyHistogram _histogram = new();
    private readonly List<SecondAggregate> _completedSeconds = [];
    private readonly double? _expectedAccuracy;

    // Open seconds [_firstOpen, _openEnd) in a ring indexed by second; seconds below _closedBefore take no more arrivals.
    private SecondAccumulator[] _open = new SecondAccumulator[8];
    private int _firstOpen;
    private int _openEnd;
    private int _closedBefore;

    private readonly RunEvent[] _events;
    private int _eventHead;
    private int _eventCount;
    private long _eventsDropped;
    private RunEvent? _finalEvent;
    private RunEvent[]? _eventsView;

    /// <summary>
    /// The run's log: failures starting and ending, injections, abort and end. Keeps the latest
    /// <see cref="MaxLoggedEvents"/> − 1 entries; when older ones were dropped, a final "dropped" entry says how many.
    /// </summary>
    public IReadOnlyList<RunEvent> Events
    {
        get
        {
            if (_eventsView is null)
            {
                var view = new RunEvent[_eventCount + (_finalEvent is null ? 0 : 1)];
                for (var i = 0; i < _eventCount; i++)
                    view[i] = _events[(_eventHead - _eventCount + i + _events.Length) % _events.Length];
                if (_finalEvent is not null)
                    view[^1] = _finalEvent;
                _eventsView = view;
            }
            return _eventsView;
        }
    }

    /// <summary>The aggregates of every second whose requests have all completed, in order from second 0.</summary>
    public IReadOnlyList<SecondAggregate> CompletedSeconds => _completedSeconds.AsReadOnly();

    private void Log(double at, string kind, string text, int? deviceId, int? group)
    {
        _eventsView = null;
        if (_eventCount == _events.Length)
            _eventsDropped++;
        else
            _eventCount++;
        _events[_eventHead] = new RunEvent(at, kind, text, deviceId, group);
        _eventHead = (_eventHead + 1) % _events.Length;
    }

    private void LogFinal(double at, string kind, string text)
    {
        _eventsView = null;
        _finalEvent = new RunEvent(at, kind, text, null, null);
    }

    private SecondAccumulator OpenSecond(int second)
    {
        while (_openEnd <= second)
        {
            if (_openEnd - _firstOpen == _open.Length)
                GrowOpen();
            ref var slot = ref _open[_openEnd & (_open.Length - 1)];
            if (slot is null)
                slot = new SecondAccumulator();
            else
                slot.Reset();
            _openEnd++;
        }
        return _open[second & (_open.Length - 1)];
    }

    private void GrowOpen()
    {
        var grown = new SecondAccumulator[_open.Length * 2];
        for (var s = _firstOpen; s < _openEnd; s++)
            grown[s & (grown.Length - 1)] = _open[s & (_open.Length - 1)];
        _open = grown;
    }

    /// <summary>The tick at time <paramref name="time"/> closes every second before it for arrivals.</summary>
    private void Tick(int time)
    {
        _closedBefore = Math.Max(_closedBefore, time);
        OpenSecond(time - 1);
        TryCompleteSeconds();
        if (time + 1 <= EndSeconds)
            Schedule(new SimEvent(SimEventKind.Tick, time + 1, 0), time + 1, EventKey.TickOrder);
    }

    /// <summary>Turns every closed second whose requests have all completed into its aggregate, in order.</summary>
    private void TryCompleteSeconds()
    {
        if (_closedBefore > _openEnd)
            OpenSecond(_closedBefore - 1);
        while (_firstOpen < _closedBefore)
        {
            var accumulator = _open[_firstOpen & (_open.Length - 1)];
            if (accumulator.Pending > 0)
                break;
            _completedSeconds.Add(accumulator.ToAggregate(_firstOpen));
            _firstOpen++;
            if (!_finishing && !_finishPending)
                CheckAutoAbort();
        }
    }

    private void CheckAutoAbort()
    {
        if (Settings.AutoAbort is not { } rule)
            return;
        var window = Math.Max(1, (int)Math.Ceiling(rule.WindowSeconds - 1e-9));
        if (_completedSeconds.Count < window)
            return;
        long sent = 0, served = 0;
        for (var i = _completedSeconds.Count - window; i < _completedSeconds.Count; i++)
        {
            sent += _completedSeconds[i].Sent;
            served += _completedSeconds[i].Served;
        }
        if (sent == 0)
            return;
        var rate = (double)served / sent;
        if (rate >= rule.MinSuccessRate)
            return;
        var reason = Text(
            $"Success rate {rate * 100:0.0} % over the last {rule.WindowSeconds:0.###} s fell below the auto-abort threshold of {rule.MinSuccessRate * 100:0.###} %.");
        AbortReason = reason;
        Log(_clock, "abort", reason, null, null);
        _finishReason = reason;
        _finishPending = true;
    }

    /// <summary>The run's state now, for the live page.</summary>
    public RunSnapshot Snapshot()
    {
        var now = _clock;
        var devices = new DeviceSnapshot[_deviceCount];
        for (var d = 0; d < _deviceCount; d++)
        {
            ref var state = ref _state[d];
            var ring = _rings[d];
            var busy = false;
            var queued = 0;
            for (var i = 0; i < ring.Count; i++)
            {
                ref var job = ref ring[i];
                if (job.Received <= now && job.Finish > now)
                    queued++;
                if (job.Start <= now && job.Finish > now)
                    busy = true;
            }
            devices[d] = new DeviceSnapshot(_devices[d].DeviceId, _groupOf[d], !state.Down, state.Slow,
                state.RateFactor != 1 || state.ExtraLatency != 0 || state.Loss != 0, state.Cut, busy && !state.Down, queued);
        }
        return new RunSnapshot(now, _sent, _completed, _served, _finished, AbortReason, _lastAnsweredGroup, devices);
    }

    /// <summary>
    /// The run's result: at the end, or a partial one at any time (counting the requests completed so far and the
    /// seconds complete so far).
    /// </summary>
    public RunResult Result()
    {
        var simulated = _finished ? _horizon : _clock;
        var sent = _completed;
        var success = sent > 0 ? (double)_served / sent : 0;
        double? accuracy = _accuracy is not null && _accuracyDrawn > 0 ? (double)_correct / _accuracyDrawn : null;
        double? within = _served > 0 ? (double)_withinObjective / _served : null;
        ResilienceScore? resilience = null;
        if (accuracy is { } a && within is { } w && Topology.TeacherAccuracy is { } teacher and > 0)
        {
            var ratio = a / teacher;
            resilience = new ResilienceScore(success * ratio * w, success, ratio, w);
        }

        var usage = new DeviceUsage[_deviceCount];
        for (var d = 0; d < _deviceCount; d++)
        {
            ref var state = ref _state[d];
            var busy = state.Busy;
            var ring = _rings[d];
            for (var i = 0; i < ring.Count; i++)
            {
                ref var job = ref ring[i];
                busy += Math.Max(0, Math.Min(job.Finish, simulated) - job.Start);
            }
            var utilisation = simulated > 0 ? Math.Clamp(busy / simulated, 0, 1) : 0;
            usage[d] = new DeviceUsage(_devices[d].DeviceId, _devices[d].Name, _groupOf[d], utilisation, state.Replies, state.Wins);
        }

        var failures = new FailureRecord[_failureRecords.Count];
        for (var i = 0; i < failures.Length; i++)
        {
            var failure = _failureRecords[i];
            if (!failure.TimeToRecoverFinal)
            {
                failure.TimeToRecover = RecoveryAnalysis.TimeToRecover(_completedSeconds, failure.Start, failure.End, Prediction.Reliability);
                // Settled once its whole drop window is complete and a recovery was found: later seconds cannot change it.
                failure.TimeToRecoverFinal = _finished || (failure.TimeToRecover is not null && failure.End is { } end
                    && _completedSeconds.Count > Math.Floor(end) + RecoveryAnalysis.GraceSeconds);
            }
            failures[i] = new FailureRecord(failure.Start, failure.End, failure.DeviceId, failure.Group, failure.Kind, failure.Source,
                failure.TimeToRecover);
        }

        var summary = new RunSummary(
            simulated,
            sent,
            _served,
            success,
            simulated > 0 ? _served / simulated : 0,
            _histogram.Mean,
            _histogram.Percentile(0.50),
            _histogram.Percentile(0.95),
            _histogram.Percentile(0.99),
            accuracy,
            _expectedAccuracy,
            within,
            resilience,
            usage,
            failures,
            Prediction,
            AbortReason,
            Notes(simulated));
        return new RunResult(summary, [.. _completedSeconds], _histogram.ToBuckets());
    }

    private List<string> Notes(double simulated)
    {
        var notes = new List<string>();
        if (_accuracy is null)
            notes.Add(NoModelSetNote);
        else if (Topology.TeacherAccuracy is null)
            notes.Add("No teacher accuracy: the resilience score is not computed.");
        if (_accuracy is not null && _served > _accuracyDrawn)
            notes.Add(Text($"{_served - _accuracyDrawn} served requests were answered by a group subset without a measured accuracy and are left out of the accuracy."));
        if (!_finished)
            notes.Add(Text($"Partial result at {simulated:0.###} s: {_inFlight} requests still in flight are not counted yet."));
        var isolated = _closedLoop && Settings.Arrivals.Concurrency == 1 && !_jitter;
        if (!isolated || _failureRecords.Count > 0 || _failureRecordsDropped > 0)
            notes.Add("The prediction is the closed form for one isolated request (concurrency 1, no jitter, no injected failures); queueing, jitter and failures of this run are not in it.");
        if (Settings.CrashProcesses)
            notes.Add("Crash processes are on: the prediction folds them in as p_eff = 1 − (1 − p)·MTBF/(MTBF + MTTR) per device.");
        if (!_noReplies)
            notes.Add("No-reply draws are off: devices never drop requests on their own, and the prediction uses p = 0.");
        if (_failureRecordsDropped > 0)
            notes.Add(Text($"Only the first {MaxFailureRecords} failures are listed; {_failureRecordsDropped} more happened."));
        return notes;
    }
}
