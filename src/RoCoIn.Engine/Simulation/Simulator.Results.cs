using RoCoIn.Engine.Simulation.Internal;
using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Simulation;

public sealed partial class Simulator
{
    /// <summary>The summary's note when the plan has no accuracy table.</summary>
    public const string NoModelSetNote = "No model set: accuracy is not measured for this plan; latency and success only.";

    private readonly LatencyHistogram _histogram = new();
    private readonly SecondWindow _seconds = new();
    private readonly RunEventLog _events = new();
    private readonly double? _expectedAccuracy;

    /// <summary>
    /// The run's log: failures starting and ending, injections, abort and end. Keeps the latest
    /// <see cref="MaxLoggedEvents"/> − 1 entries; when older ones were dropped, a final "dropped" entry says how many.
    /// </summary>
    public IReadOnlyList<RunEvent> Events => _events.View;

    /// <summary>The aggregates of every second whose requests have all completed, in order from second 0.</summary>
    public IReadOnlyList<SecondAggregate> CompletedSeconds => _seconds.Completed;

    private void Log(double at, string kind, string text, int? deviceId, int? group) => _events.Add(at, kind, text, deviceId, group);

    /// <summary>The tick at time <paramref name="time"/> closes every second before it for arrivals.</summary>
    private void Tick(int time)
    {
        _seconds.CloseBefore(time);
        _seconds.Open(time - 1);
        TryCompleteSeconds();
        if (time + 1 <= EndSeconds)
            Schedule(new SimEvent(SimEventKind.Tick, time + 1, 0), time + 1, EventKey.TickOrder);
    }

    /// <summary>Turns every closed second whose requests have all completed into its aggregate, in order.</summary>
    private void TryCompleteSeconds()
    {
        while (_seconds.TryCompleteNext())
        {
            if (!_finishing && !_finishPending)
                CheckAutoAbort();
        }
    }

    private void CheckAutoAbort()
    {
        if (RunReporting.AutoAbortReason(Settings.AutoAbort, _seconds.Completed) is not { } reason)
            return;
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
        double? accuracy = _accuracy is not null && _accuracyDrawn > 0 ? (double)_correct / _accuracyDrawn : null;

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

        return RunReporting.Result(new RunTotals(simulated, _completed, _served, _withinObjective, accuracy, _finished), _histogram,
            _seconds.Completed, _failureRecords, usage, Prediction, _expectedAccuracy, Topology.TeacherAccuracy, AbortReason,
            Notes(simulated));
    }

    private List<string> Notes(double simulated)
    {
        var notes = new List<string>();
        if (_accuracy is null)
            notes.Add(NoModelSetNote);
        else if (Topology.TeacherAccuracy is null)
            notes.Add(RunReporting.NoTeacherNote);
        if (_accuracy is not null && _served > _accuracyDrawn)
            notes.Add(Text($"{_served - _accuracyDrawn} served requests were answered by a group subset without a measured accuracy and are left out of the accuracy."));
        if (!_finished)
            notes.Add(RunReporting.PartialNote(simulated, _inFlight));
        var isolated = _closedLoop && Settings.Arrivals.Concurrency == 1 && !_jitter;
        if (!isolated || _failureRecords.Count > 0 || _failureRecordsDropped > 0)
            notes.Add(RunReporting.IsolatedPredictionNote);
        if (Settings.CrashProcesses)
            notes.Add("Crash processes are on: the prediction folds them in as p_eff = 1 − (1 − p)·MTBF/(MTBF + MTTR) per device.");
        if (!_noReplies)
            notes.Add("No-reply draws are off: devices never drop requests on their own, and the prediction uses p = 0.");
        if (_failureRecordsDropped > 0)
            notes.Add(RunReporting.FailuresDroppedNote(_failureRecordsDropped));
        return notes;
    }
}
