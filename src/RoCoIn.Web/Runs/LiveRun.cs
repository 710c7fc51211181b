using System.Diagnostics;
using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs;

/// <summary>
/// One hosted run: its simulator and the loop that drives it. Every touch of the simulator (a slice of simulated time,
/// a step, an injection, a snapshot) happens under one gate, so controls wait at most one slice and never see a
/// half-advanced simulator. Database writes and notifications happen outside the gate.
/// </summary>
// The gate is never disposed: a control may still be waiting on it as the run ends, and a SemaphoreSlim whose
// AvailableWaitHandle is never used holds nothing that needs disposing.
#pragma warning disable CA1001
internal sealed class LiveRun : IHostedRun
#pragma warning restore CA1001
{
    private const double MinSliceSeconds = 1e-3;
    private const double MaxSliceSeconds = 3600;
    private const int PersistBatch = 1000;

    private readonly RunHost _host;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _signalLock = new();
    private TaskCompletionSource _wake = NewSignal();
    private volatile RunStatus _status = RunStatus.Queued;
    private int _stateVersion;
    private bool _stopRequested;
    private string? _stopReason;
    private double _cursor;
    private long _lastTick;
    private int _persistedSeconds;
    private int _notifiedSeconds;
    private readonly RunEventCursor _events = new();
    private long _lastPersist;
    private long _lastNotify;

    public LiveRun(RunHost host, int id, int jobId, Simulator simulator, PreparedRun prepared)
    {
        _host = host;
        Id = id;
        JobId = jobId;
        Simulator = simulator;
        Prepared = prepared;
        _lastPersist = _lastNotify = _lastTick = host.Time.GetTimestamp();
    }

    public int Id { get; }
    public int JobId { get; }
    public Simulator Simulator { get; }

    public double EndSeconds => Simulator.EndSeconds;
    public PreparedRun Prepared { get; }

    /// <summary>Completes when the run has ended and its results are stored (or the studio stopped).</summary>
    public Task Completion { get; private set; } = Task.CompletedTask;

    public RunStatus Status => _status;

    /// <summary>Marks the run (and its job) started, paused if asked, then drives it on the thread pool.</summary>
    public async Task StartAsync(JobRecord job, CancellationToken shutdown)
    {
        var started = await _host.Store.MarkRunningAsync(Id, CancellationToken.None);
        if (!started.IsOk)
            throw new InvalidOperationException(started.Message);
        SetStatus(RunStatus.Running);
        if (Prepared.StartPaused)
        {
            await _host.Store.MarkPausedAsync(Id, CancellationToken.None);
            SetStatus(RunStatus.Paused);
        }
        await _host.Publisher.PublishStateAsync(job);
        await NotifyStateAsync();
        Completion = Task.Run(() => RunAsync(job, shutdown), CancellationToken.None);
    }

    public async Task<(RunStatus Status, RunSnapshot Snapshot)> SnapshotAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return (_status, Simulator.Snapshot());
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The last completed requests' paths, oldest first (up to RoCoIn:Runs:TraceCapacity).</summary>
    public async Task<IReadOnlyList<RequestTrace>> RecentTracesAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Simulator.RecentTraces;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>The completed seconds in [from, to], from memory (the database lags by up to a persist interval).</summary>
    public async Task<IReadOnlyList<SecondAggregate>> SecondsAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Simulator.CompletedSeconds.Where(s => (from is null || s.Second >= from) && (to is null || s.Second <= to)).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<RunEvent>> EventsAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return Simulator.Events.ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<StoreResult<RunSnapshot>> PauseAsync(CancellationToken cancellationToken)
    {
        RunSnapshot snapshot;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ended)
                return Conflict<RunSnapshot>($"Run {Id} has ended; it cannot be paused.");
            if (_status == RunStatus.Paused)
                return Conflict<RunSnapshot>($"Run {Id} is already paused.");
            // Stored before the gate opens, so a resume right after cannot be overtaken by this write.
            await _host.Store.MarkPausedAsync(Id, CancellationToken.None);
            SetStatus(RunStatus.Paused);
            snapshot = Simulator.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
        await NotifyStateAsync();
        return StoreResult<RunSnapshot>.Ok(snapshot);
    }

    public async Task<StoreResult<RunSnapshot>> ResumeAsync(CancellationToken cancellationToken)
    {
        RunSnapshot snapshot;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ended)
                return Conflict<RunSnapshot>($"Run {Id} has ended; it cannot be resumed.");
            if (_status != RunStatus.Paused)
                return Conflict<RunSnapshot>($"Run {Id} is running; only a paused run can be resumed.");
            await _host.Store.MarkResumedAsync(Id, CancellationToken.None);
            SetStatus(RunStatus.Running);
            // Wall-clock time spent paused does not count towards a real-time run's simulated time.
            _lastTick = _host.Time.GetTimestamp();
            snapshot = Simulator.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
        Wake();
        await NotifyStateAsync();
        return StoreResult<RunSnapshot>.Ok(snapshot);
    }

    /// <summary>Simulates exactly one more request (the run must be paused) and returns its path.</summary>
    public async Task<StoreResult<RequestTrace>> StepAsync(CancellationToken cancellationToken)
    {
        RequestTrace? trace;
        Progress progress;
        bool finished;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ended)
                return Conflict<RequestTrace>($"Run {Id} has ended; there is no request left to step through.");
            if (_status != RunStatus.Paused)
                return Conflict<RequestTrace>($"Run {Id} is running; pause it before stepping through requests one at a time.");
            trace = Simulator.StepRequest();
            _cursor = Math.Max(_cursor, Simulator.NowSeconds);
            finished = Simulator.Finished;
            progress = CollectLocked(force: true);
        }
        finally
        {
            _gate.Release();
        }
        await PublishAsync(progress, stateChange: false);
        if (finished)
            Wake();   // the loop stores the result
        return trace is null
            ? StoreResult<RequestTrace>.Conflict($"Run {Id} has no request left before its end.")
            : StoreResult<RequestTrace>.Ok(trace);
    }

    /// <summary>Applies a manual injection now (simulated time) and records it with that time.</summary>
    public async Task<StoreResult<Injection>> InjectAsync(RunInjectionInput input, CancellationToken cancellationToken)
    {
        Injection recorded;
        IReadOnlyList<Injection> all;
        Progress progress;
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ended)
                return Conflict<Injection>($"Run {Id} has ended; failures can be injected only into a running or paused run.");
            var (injection, errors) = InjectionMapper.Map(input, Simulator.Topology, Simulator.NowSeconds);
            if (injection is null)
                return StoreResult<Injection>.Invalid(errors);
            try
            {
                Simulator.Inject(injection);
            }
            catch (ArgumentException ex)
            {
                return StoreResult<Injection>.Invalid([new FieldError("injection", ex.Message)]);
            }
            catch (InvalidOperationException ex)
            {
                return Conflict<Injection>($"Run {Id} has ended; {ex.Message}");
            }
            all = Simulator.Injections.ToList();
            recorded = all[^1];
            progress = CollectLocked(force: true);
        }
        finally
        {
            _gate.Release();
        }
        await _host.Store.SaveInjectionsAsync(Id, all, CancellationToken.None);
        await PublishAsync(progress, stateChange: false);
        return StoreResult<Injection>.Ok(recorded);
    }

    /// <summary>Stops the run at the current simulated time and waits until its results are stored.</summary>
    public async Task<StoreResult<int>> StopAsync(string reason, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Ended)
                return Conflict<int>($"Run {Id} has already ended.");
            _stopRequested = true;
            _stopReason = reason;
            Simulator.Stop(reason);
        }
        finally
        {
            _gate.Release();
        }
        Wake();
        await Completion.WaitAsync(cancellationToken);
        return StoreResult<int>.Ok(Id);
    }

    private bool Ended => _stopRequested || Simulator.Finished;

    /// <summary>
    /// Every status change bumps the version that updates carry, so a page that receives an update published before
    /// a pause after the pause's own update (two threads publish) keeps the newer status.
    /// </summary>
    private void SetStatus(RunStatus status)
    {
        _status = status;
        Interlocked.Increment(ref _stateVersion);
    }

    private static StoreResult<T> Conflict<T>(string message) => StoreResult<T>.Conflict(message);

    private async Task RunAsync(JobRecord job, CancellationToken shutdown)
    {
        var reporter = _host.Publisher.StartReporting(job);
        try
        {
            if (Prepared.Speed.IsFast)
                await DriveFastAsync(reporter, shutdown);
            else
                await DriveRealTimeAsync(Prepared.Speed.RealTimeFactor!.Value, reporter, shutdown);
            await reporter.DisposeAsync();
            await FinishAsync();
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            // Left running on purpose: the next start-up marks the run and its job interrupted.
            await reporter.DisposeAsync();
            RunLog.ShuttingDown(_host.Logger, Id);
        }
#pragma warning disable CA1031 // Whatever breaks a run fails it (and its job) with the message as the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await reporter.DisposeAsync();
            RunLog.Failed(_host.Logger, ex, Id);
            await FailAsync($"The simulation stopped with an error: {ex.Message}");
        }
        finally
        {
            _host.Forget(this);
        }
    }

    private async Task DriveFastAsync(JobProgressReporter reporter, CancellationToken shutdown)
    {
        var slice = 1.0;
        var target = _host.Options.FastSlice;
        while (true)
        {
            await WaitWhilePausedAsync(shutdown);
            Progress progress;
            await _gate.WaitAsync(shutdown);
            try
            {
                if (Simulator.Finished)
                    break;
                if (_status == RunStatus.Paused)
                    continue;
                var started = Stopwatch.GetTimestamp();
                AdvanceLocked(slice, shutdown);
                // Aim each slice at the configured wall time, so controls stay responsive at any request rate.
                var took = Stopwatch.GetElapsedTime(started);
                if (took < target / 2)
                    slice = Math.Min(slice * 2, MaxSliceSeconds);
                else if (took > target * 2)
                    slice = Math.Max(slice / 2, MinSliceSeconds);
                progress = CollectLocked(force: false);
            }
            finally
            {
                _gate.Release();
            }
            reporter.Report(JobProgressOf(progress.NowSeconds));
            await PublishAsync(progress, stateChange: false);
            await Task.Yield();
        }
    }

    private async Task DriveRealTimeAsync(double factor, JobProgressReporter reporter, CancellationToken shutdown)
    {
        using var timer = new PeriodicTimer(_host.Options.TickInterval, _host.Time);
        Task<bool>? tick = null;
        while (true)
        {
            Task wake;
            lock (_signalLock)
                wake = _wake.Task;
            tick ??= timer.WaitForNextTickAsync(shutdown).AsTask();
            // A stop or a step that ends the run must not wait for the next tick (a test clock may never tick again).
            if (await Task.WhenAny(tick, wake) == tick)
            {
                if (!await tick)
                    return;
                tick = null;
            }
            else
            {
                ResetSignal();
            }
            shutdown.ThrowIfCancellationRequested();

            Progress progress;
            bool finished;
            await _gate.WaitAsync(shutdown);
            try
            {
                if (Simulator.Finished)
                    break;
                var now = _host.Time.GetTimestamp();
                var elapsed = _host.Time.GetElapsedTime(_lastTick, now);
                _lastTick = now;
                if (_status == RunStatus.Paused || elapsed <= TimeSpan.Zero)
                    continue;
                AdvanceLocked(elapsed.TotalSeconds * factor, shutdown);
                finished = Simulator.Finished;
                progress = CollectLocked(force: false);
            }
            finally
            {
                _gate.Release();
            }
            reporter.Report(JobProgressOf(progress.NowSeconds));
            await PublishAsync(progress, stateChange: false);
            if (finished)
                break;   // no further tick may come (a test clock) to notice the end
        }
    }

    /// <summary>Advances simulated time by up to <paramref name="seconds"/>, ending the run at its end (or a replay's stop time).</summary>
    private void AdvanceLocked(double seconds, CancellationToken shutdown)
    {
        var end = Simulator.EndSeconds;
        var stopAt = Prepared.StopAtSeconds;
        _cursor = Math.Max(_cursor, Simulator.NowSeconds);
        var target = Math.Min(_cursor + seconds, Math.Min(end, stopAt ?? double.PositiveInfinity));
        if (target >= end)
        {
            Simulator.RunToEnd(shutdown);
        }
        else
        {
            Simulator.RunUntil(target);
            if (stopAt is { } at && target >= at && !Simulator.Finished)
            {
                _stopRequested = true;
                _stopReason = Prepared.StopReason;
                Simulator.Stop(Prepared.StopReason ?? "Stopped at the time the replayed run was stopped.");
            }
        }
        _cursor = target;
    }

    private async Task WaitWhilePausedAsync(CancellationToken shutdown)
    {
        while (true)
        {
            Task wake;
            lock (_signalLock)
                wake = _wake.Task;
            if (_status != RunStatus.Paused || Simulator.Finished || _stopRequested)
                return;
            await wake.WaitAsync(shutdown);
            ResetSignal();
        }
    }

    private void Wake()
    {
        lock (_signalLock)
            _wake.TrySetResult();
    }

    private void ResetSignal()
    {
        lock (_signalLock)
        {
            if (_wake.Task.IsCompleted)
                _wake = NewSignal();
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>What happened since the last write and update; copied under the gate, sent outside it.</summary>
    private sealed record Progress(
        RunStatus Status,
        int StateVersion,
        double NowSeconds,
        IReadOnlyList<SecondAggregate> ToPersist,
        RunSnapshot? Snapshot,
        IReadOnlyList<SecondAggregate> NewSeconds,
        IReadOnlyList<RunEvent> NewEvents);

    private Progress CollectLocked(bool force)
    {
        var now = _host.Time.GetTimestamp();
        var seconds = Simulator.CompletedSeconds;
        IReadOnlyList<SecondAggregate> toPersist = [];
        if (seconds.Count > _persistedSeconds
            && (force || seconds.Count - _persistedSeconds >= PersistBatch || _host.Time.GetElapsedTime(_lastPersist, now) >= _host.Options.PersistInterval))
        {
            toPersist = Slice(seconds, _persistedSeconds);
            _persistedSeconds = seconds.Count;
            _lastPersist = now;
        }
        if (!force && _host.Time.GetElapsedTime(_lastNotify, now) < _host.Options.UpdateInterval)
            return new Progress(_status, Volatile.Read(ref _stateVersion), Simulator.NowSeconds, toPersist, null, [], []);
        _lastNotify = now;
        var newSeconds = Slice(seconds, _notifiedSeconds);
        _notifiedSeconds = seconds.Count;
        var newEvents = _events.TakeNew(Simulator.Events);
        return new Progress(_status, Volatile.Read(ref _stateVersion), Simulator.NowSeconds, toPersist, Simulator.Snapshot(), newSeconds, newEvents);
    }

    private static List<SecondAggregate> Slice(IReadOnlyList<SecondAggregate> list, int from)
    {
        var result = new List<SecondAggregate>(Math.Max(0, list.Count - from));
        for (var i = from; i < list.Count; i++)
            result.Add(list[i]);
        return result;
    }

    private async Task PublishAsync(Progress progress, bool stateChange)
    {
        await RunWrites.AppendSecondsAsync(_host, Id, progress.ToPersist);
        if (progress.Snapshot is { } snapshot)
        {
            await _host.Notifier.NotifyAsync(new RunUpdate(Id, progress.Status, snapshot, Simulator.EndSeconds, progress.NewSeconds, progress.NewEvents,
                stateChange, _stopReason ?? snapshot.AbortReason, progress.StateVersion));
        }
    }

    private async Task NotifyStateAsync()
    {
        Progress progress;
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            progress = CollectLocked(force: true);
        }
        finally
        {
            _gate.Release();
        }
        await PublishAsync(progress, stateChange: true);
    }

    private async Task FinishAsync()
    {
        RunResult result;
        IReadOnlyList<Injection> injections;
        IReadOnlyList<RunEvent> events;
        RunStatus status;
        string? reason;
        Progress progress;
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            result = Simulator.Result();
            injections = Simulator.Injections.ToList();
            events = Simulator.Events.ToList();
            status = _stopRequested ? RunStatus.Stopped : Simulator.AbortReason is not null ? RunStatus.Aborted : RunStatus.Finished;
            reason = _stopRequested ? _stopReason : Simulator.AbortReason;
            _persistedSeconds = Simulator.CompletedSeconds.Count;   // the result carries every second
            progress = CollectLocked(force: true);
        }
        finally
        {
            _gate.Release();
        }

        if (!await RunWrites.StoreResultAsync(_host, Id, status, result, injections, events, reason))
            return;
        SetStatus(status);
        await PublishAsync(progress with { Status = status, StateVersion = Volatile.Read(ref _stateVersion) }, stateChange: true);
        await RunWrites.SucceedJobAsync(_host, Id, JobId);
    }

    private Task FailAsync(string reason) => RunWrites.FailAsync(_host, Id, JobId, reason, async () =>
    {
        SetStatus(RunStatus.Failed);
        RunSnapshot snapshot;
        await _gate.WaitAsync(CancellationToken.None);
        try
        {
            snapshot = Simulator.Snapshot();
        }
        finally
        {
            _gate.Release();
        }
        return new RunUpdate(Id, RunStatus.Failed, snapshot, Simulator.EndSeconds, [], [], true, reason, Volatile.Read(ref _stateVersion));
    });

    private JobProgress JobProgressOf(double nowSeconds)
    {
        var end = Prepared.StopAtSeconds ?? Simulator.EndSeconds;
        var fraction = end > 0 && double.IsFinite(end) ? Math.Clamp(nowSeconds / end, 0, 1) : 0;
        return new JobProgress(fraction, string.Create(CultureInfo.InvariantCulture, $"Simulated {nowSeconds:0.#} of {end:0.#} s"));
    }
}
