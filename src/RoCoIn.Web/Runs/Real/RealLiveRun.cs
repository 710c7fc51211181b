using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Components.Shared.Runs;
using RoCoIn.Web.Coordination;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs.Real;

/// <summary>
/// A run on real device agents: brings the plan's local fleet up, then sends the test split's images through a
/// <see cref="RequestCoordinator"/> at wall-clock speed (closed loop or Poisson arrivals), while failures from the
/// operator and the scenario kill, restart, slow and cut real agents. A <see cref="MeasuredRunRecorder"/> turns the
/// measured outcomes into the same seconds, events, snapshots and result a simulated run has, so the live page and the
/// database treat both alike. Pause holds new requests back (wall time goes on); a step sends exactly one.
/// </summary>
// The signals are never disposed, for the reason LiveRun gives for its gate.
#pragma warning disable CA1001
internal sealed class RealLiveRun : IHostedRun
#pragma warning restore CA1001
{
    /// <summary>Most Poisson requests in flight at once; arrivals beyond wait (and the run says so in its log).</summary>
    private const int MaxPoissonInFlight = 64;

    private readonly RunHost _host;
    private readonly RealRunServices _services;
    private readonly RealDeviceControl _devices;
    private readonly Lock _lock = new();
    private readonly MeasuredRunRecorder _recorder;
    private readonly List<Injection> _injections = [];
    private readonly Dictionary<(int Device, FailureKind Kind), int> _openFailures = [];
    private readonly CancellationTokenSource _stopSending = new();
    private readonly SemaphoreSlim _control = new(1, 1);
    private TaskCompletionSource _resumed = NewSignal();
    private volatile RunStatus _status = RunStatus.Queued;
    private int _stateVersion;
    private long _started;
    private volatile bool _clockStarted;
    private CancellationToken _shutdown;
    private string? _stopReason;
    private bool _stopRequested;
    private long _nextRequestId;
    private int _nextInput;
    private int _persistedSeconds;
    private int _notifiedSeconds;
    private readonly RunEventCursor _events = new();
    private long _lastPersist;
    private RequestCoordinator? _coordinator;
    private RealRunMaterials? _materials;

    public RealLiveRun(RunHost host, RealRunServices services, int id, int jobId, PreparedRun prepared)
    {
        _host = host;
        _services = services;
        _devices = new RealDeviceControl(services);
        Id = id;
        JobId = jobId;
        Prepared = prepared;
        _recorder = new MeasuredRunRecorder(prepared.Topology, prepared.Settings, host.Options.TraceCapacity);
    }

    public int Id { get; }
    public int JobId { get; }
    public PreparedRun Prepared { get; }
    public RunStatus Status => _status;
    public double EndSeconds => Prepared.Settings.DurationSeconds;
    public Task Completion { get; private set; } = Task.CompletedTask;

    private RealRunSetup Setup => Prepared.Real!;

    private double Now => _clockStarted ? _services.WallClock.GetElapsedTime(_started).TotalSeconds : 0;

    public async Task StartAsync(JobRecord job, CancellationToken shutdown)
    {
        var started = await _host.Store.MarkRunningAsync(Id, CancellationToken.None);
        if (!started.IsOk)
            throw new InvalidOperationException(started.Message);
        SetStatus(Prepared.StartPaused ? RunStatus.Paused : RunStatus.Running);
        if (Prepared.StartPaused)
            await _host.Store.MarkPausedAsync(Id, CancellationToken.None);
        await _host.Publisher.PublishStateAsync(job);
        await PublishAsync(Collect(force: true), stateChange: true);
        Completion = Task.Run(() => RunAsync(job, shutdown), CancellationToken.None);
    }

    public Task<(RunStatus Status, RunSnapshot Snapshot)> SnapshotAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult((_status, SnapshotLocked()));
    }

    public Task<IReadOnlyList<RequestTrace>> RecentTracesAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RequestTrace>>([.. _recorder.RecentTraces]);
    }

    public Task<IReadOnlyList<SecondAggregate>> SecondsAsync(int? from, int? to, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<SecondAggregate>>(
                _recorder.CompletedSeconds.Where(s => (from is null || s.Second >= from) && (to is null || s.Second <= to)).ToList());
        }
    }

    public Task<IReadOnlyList<RunEvent>> EventsAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<RunEvent>>([.. _recorder.Events]);
    }

    public async Task<StoreResult<RunSnapshot>> PauseAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Ended)
                return Conflict<RunSnapshot>($"Run {Id} has ended; it cannot be paused.");
            if (_status == RunStatus.Paused)
                return Conflict<RunSnapshot>($"Run {Id} is already paused.");
            SetStatus(RunStatus.Paused);
        }
        await _host.Store.MarkPausedAsync(Id, CancellationToken.None);
        var progress = Collect(force: true);
        await PublishAsync(progress, stateChange: true);
        return StoreResult<RunSnapshot>.Ok(progress.Snapshot!);
    }

    public async Task<StoreResult<RunSnapshot>> ResumeAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Ended)
                return Conflict<RunSnapshot>($"Run {Id} has ended; it cannot be resumed.");
            if (_status != RunStatus.Paused)
                return Conflict<RunSnapshot>($"Run {Id} is running; only a paused run can be resumed.");
            SetStatus(RunStatus.Running);
            _resumed.TrySetResult();
            _resumed = NewSignal();
        }
        await _host.Store.MarkResumedAsync(Id, CancellationToken.None);
        var progress = Collect(force: true);
        await PublishAsync(progress, stateChange: true);
        return StoreResult<RunSnapshot>.Ok(progress.Snapshot!);
    }

    /// <summary>Sends exactly one request (the run must be paused, with its fleet serving) and returns its path.</summary>
    public async Task<StoreResult<RequestTrace>> StepAsync(CancellationToken cancellationToken)
    {
        RequestCoordinator? coordinator;
        lock (_lock)
        {
            if (Ended)
                return Conflict<RequestTrace>($"Run {Id} has ended; there is no request left to step through.");
            if (_status != RunStatus.Paused)
                return Conflict<RequestTrace>($"Run {Id} is running; pause it before stepping through requests one at a time.");
            coordinator = _coordinator;
        }
        if (coordinator is null)
            return Conflict<RequestTrace>($"Run {Id} is still bringing its agents up; step once they serve.");
        var trace = await SendOneAsync(coordinator, _shutdown);
        await PublishAsync(Collect(force: true), stateChange: false);
        return trace is null
            ? Conflict<RequestTrace>($"Run {Id} has no request left before its end.")
            : StoreResult<RequestTrace>.Ok(trace);
    }

    /// <summary>Applies a manual failure to the real devices now and records it with the run time it took effect.</summary>
    public async Task<StoreResult<Injection>> InjectAsync(RunInjectionInput input, CancellationToken cancellationToken)
    {
        if (Ended)
            return Conflict<Injection>($"Run {Id} has ended; failures can be injected only into a running or paused run.");
        if (!_clockStarted)
            return Conflict<Injection>($"Run {Id} is still bringing its agents up; inject once they serve.");
        var (injection, errors) = InjectionMapper.Map(input, Prepared.Topology, Now);
        if (injection is null)
            return StoreResult<Injection>.Invalid(errors);
        if (injection.Action == InjectionAction.DegradeLink && injection.LossProbability > 0)
        {
            return StoreResult<Injection>.Invalid([new FieldError("injection.lossProbability",
                "Real links here do not drop messages at random; leave lossProbability at 0, or cut the link.")]);
        }
        var targets = Targets(injection);
        foreach (var device in targets)
        {
            if (_devices.Refusal(injection.Action, device.DeviceId, device.Name) is { } refusal)
                return Conflict<Injection>(refusal);
        }

        Injection recorded;
        IReadOnlyList<Injection> all;
        await _control.WaitAsync(cancellationToken);
        try
        {
            recorded = injection with { AtSeconds = Now };
            foreach (var device in targets)
                await ApplyAsync(recorded.Action, device, recorded.Factor, recorded.ExtraLatencySeconds, "manual", recorded.AtSeconds);
            lock (_lock)
            {
                var logged = RunFormat.InjectionEvent(recorded, Prepared.Topology);
                _recorder.Log(recorded.AtSeconds, logged.Kind, logged.Text, logged.DeviceId, logged.Group);
                _injections.Add(recorded);
                all = [.. _injections];
            }
        }
        catch (AgentUnavailableException ex)
        {
            return Conflict<Injection>(ex.Message);
        }
        finally
        {
            _control.Release();
        }
        await _host.Store.SaveInjectionsAsync(Id, all, CancellationToken.None);
        await PublishAsync(Collect(force: true), stateChange: false);
        return StoreResult<Injection>.Ok(recorded);
    }

    /// <summary>Stops sending; the requests in flight finish (within τ), then the result is stored.</summary>
    public async Task<StoreResult<int>> StopAsync(string reason, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (Ended)
                return Conflict<int>($"Run {Id} has already ended.");
            _stopRequested = true;
            _stopReason = reason;
            _resumed.TrySetResult();
        }
        await _stopSending.CancelAsync();
        await Completion.WaitAsync(cancellationToken);
        return StoreResult<int>.Ok(Id);
    }

    private bool Ended => _stopRequested || !_status.IsLive();

    private static StoreResult<T> Conflict<T>(string message) => StoreResult<T>.Conflict(message);

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private void SetStatus(RunStatus status)
    {
        _status = status;
        Interlocked.Increment(ref _stateVersion);
    }

    private async Task RunAsync(JobRecord job, CancellationToken shutdown)
    {
        _shutdown = shutdown;
        var reporter = _host.Publisher.StartReporting(job);
        try
        {
            var error = await PrepareAsync(reporter, shutdown);
            if (error is not null)
            {
                await reporter.DisposeAsync();
                await FailAsync(error);
                return;
            }
            using var aggregator = new OnnxInferenceSession(_materials!.AggregatorPath);
            var mode = (Prepared.Settings.Mode ?? Prepared.Topology.Mode) == FailureMode.Degraded ? CoordinationMode.Degraded : CoordinationMode.Strict;
            var arrivals = Prepared.Settings.Arrivals;
            var inFlight = arrivals.Kind == ArrivalKind.ClosedLoop ? arrivals.Concurrency : MaxPoissonInFlight;
            var client = new AgentMemberClient(_services.Registry);
            using var coordinator = new RequestCoordinator(client, aggregator, _materials.Groups,
                new CoordinatorOptions(_materials.Deadline, _materials.AggregationTime, mode, inFlight), _services.WallClock, client.IsLive);

            lock (_lock)
            {
                _started = _services.WallClock.GetTimestamp();
                _clockStarted = true;
                _lastPersist = _started;
                _coordinator = coordinator;
                var how = Setup.Emulate ? "emulating the device profiles" : "at this machine's speed, no emulation";
                _recorder.Log(0, "start", Text($"{_materials.Groups.Sum(g => g.DeviceIds.Count)} agents serve; requests start ({how})."));
            }
            using var sending = CancellationTokenSource.CreateLinkedTokenSource(_stopSending.Token, shutdown);
            var load = arrivals.Kind == ArrivalKind.ClosedLoop
                ? Task.WhenAll(Enumerable.Range(0, arrivals.Concurrency).Select(_ => Task.Run(() => ClientAsync(coordinator, sending.Token), CancellationToken.None)))
                : Task.Run(() => PoissonAsync(coordinator, arrivals.RatePerSecond, sending.Token), CancellationToken.None);
            var scenario = Task.Run(() => ScenarioAsync(sending.Token), CancellationToken.None);

            await TickUntilEndAsync(reporter, load, shutdown);
            await _stopSending.CancelAsync();
            await load;
            await scenario;
            await reporter.DisposeAsync();
            await FinishAsync();
        }
        catch (OperationCanceledException) when (shutdown.IsCancellationRequested)
        {
            await reporter.DisposeAsync();
            RunLog.ShuttingDown(_host.Logger, Id);
        }
#pragma warning disable CA1031 // Whatever breaks a run fails it (and its job) with the message as the reason.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await reporter.DisposeAsync();
            RunLog.Failed(_host.Logger, ex, Id);
            await FailAsync($"The real run stopped with an error: {ex.Message}");
        }
        finally
        {
            lock (_lock)
                _coordinator = null;
            _host.Forget(this);
        }
    }

    private async Task<string?> PrepareAsync(JobProgressReporter reporter, CancellationToken shutdown)
    {
        var plan = await _services.Plans.GetAsync(Prepared.PlanId, shutdown);
        if (plan is null)
            return Text($"Plan {Prepared.PlanId} was deleted before its agents came up.");
        var set = await _services.ModelSets.GetAsync(Setup.ModelSetId, shutdown);
        if (set is null)
            return Text($"Model set {Setup.ModelSetId} was deleted before its agents came up.");
        using var preparing = CancellationTokenSource.CreateLinkedTokenSource(_stopSending.Token, shutdown);
        try
        {
            var (materials, error) = await _services.Preparer.PrepareAsync(plan, set, Setup.Emulate,
                text => reporter.Report(new JobProgress(0, text)), preparing.Token);
            _materials = materials;
            return error;
        }
        catch (OperationCanceledException) when (_stopSending.IsCancellationRequested && !shutdown.IsCancellationRequested)
        {
            return "Stopped before the agents came up.";
        }
    }

    /// <summary>Publishes a few times a second until the duration is over, the request limit is reached, or the run is stopped or aborted.</summary>
    private async Task TickUntilEndAsync(JobProgressReporter reporter, Task load, CancellationToken shutdown)
    {
        using var timer = new PeriodicTimer(_host.Options.UpdateInterval, _services.WallClock);
        var stopped = Task.Delay(Timeout.Infinite, _stopSending.Token).ContinueWith(_ => { }, TaskScheduler.Default);
        while (true)
        {
            // One tick wait at a time (a PeriodicTimer allows no more); a stop or the end of the load ends the loop anyway.
            var tick = timer.WaitForNextTickAsync(shutdown).AsTask();
            await Task.WhenAny(tick, load, stopped);
            shutdown.ThrowIfCancellationRequested();
            var now = Now;
            bool end;
            lock (_lock)
            {
                _recorder.Advance(now);
                end = _stopRequested || now >= EndSeconds || _recorder.AbortReason is not null || load.IsCompleted;
                if (_recorder.AbortReason is { } abort && !_stopRequested)
                    _stopReason ??= abort;
            }
            reporter.Report(new JobProgress(Math.Clamp(now / EndSeconds, 0, 1), Text($"Ran {now:0.#} of {EndSeconds:0.#} s on real agents")));
            await PublishAsync(Collect(force: false), stateChange: false);
            if (end)
                return;
        }
    }

    private async Task ClientAsync(RequestCoordinator coordinator, CancellationToken sending)
    {
        try
        {
            while (!sending.IsCancellationRequested)
            {
                await WaitWhilePausedAsync(sending);
                if (await SendOneAsync(coordinator, _shutdown) is null)
                    return;
            }
        }
        catch (OperationCanceledException) when (sending.IsCancellationRequested)
        {
            // stopped
        }
    }

    private async Task PoissonAsync(RequestCoordinator coordinator, double ratePerSecond, CancellationToken sending)
    {
        // Seeded gaps, so two runs of the same settings send the same schedule (their timings still differ).
        var random = new Random(unchecked((int)Prepared.Settings.Seed));
        var next = 0.0;
        var outstanding = new List<Task>();
        try
        {
            while (!sending.IsCancellationRequested)
            {
                await WaitWhilePausedAsync(sending);
                // After a pause the schedule goes on from now rather than sending the missed arrivals in a burst.
                next = Math.Max(next, Now) + (-Math.Log(1 - random.NextDouble()) / ratePerSecond);
                var wait = next - Now;
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromSeconds(wait), _services.WallClock, sending);
                outstanding.RemoveAll(t => t.IsCompleted);
                if (outstanding.Count >= MaxPoissonInFlight * 4)
                    await Task.WhenAny(outstanding);
                if (RemainingRequests() == 0)
                    break;
                outstanding.Add(Task.Run(() => SendOneAsync(coordinator, _shutdown), CancellationToken.None));
            }
        }
        catch (OperationCanceledException) when (sending.IsCancellationRequested)
        {
            // stopped
        }
        await Task.WhenAll(outstanding);
    }

    private long RemainingRequests()
    {
        lock (_lock)
        {
            if (_stopRequested || Now >= EndSeconds)
                return 0;
            return Prepared.Settings.MaxRequests is { } max ? Math.Max(0, max - _recorder.Sent) : long.MaxValue;
        }
    }

    /// <summary>
    /// Sends the next test image through the coordinator and records its outcome; null when the run has no request left.
    /// A stop lets the request finish (within τ); only the studio's shutdown abandons it.
    /// </summary>
    private async Task<RequestTrace?> SendOneAsync(RequestCoordinator coordinator, CancellationToken abandon)
    {
        var inputs = _materials!.Inputs;
        int index;
        long requestId;
        double arrival;
        lock (_lock)
        {
            arrival = Now;
            if (_stopRequested || arrival >= EndSeconds || (Prepared.Settings.MaxRequests is { } max && _recorder.Sent >= max))
                return null;
            index = _nextInput;
            _nextInput = (_nextInput + 1) % inputs.Count;
            requestId = ++_nextRequestId;
            _recorder.RequestSent(arrival);
        }
        RequestOutcome outcome;
        try
        {
            outcome = await coordinator.CoordinateAsync(requestId, inputs.Image(index).ToArray(), inputs.Labels[index], abandon);
        }
        catch (OperationCanceledException)
        {
            // Abandoned at shutdown: it counts as sent and not served.
            outcome = new RequestOutcome(requestId, false, TimeSpan.FromSeconds(Math.Max(0, Now - arrival)), 0, inputs.Labels[index], null, []);
        }
        lock (_lock)
            return _recorder.RequestCompleted(outcome, arrival);
    }

    private async Task WaitWhilePausedAsync(CancellationToken sending)
    {
        while (true)
        {
            Task resumed;
            lock (_lock)
            {
                if (_status != RunStatus.Paused || _stopRequested)
                    return;
                resumed = _resumed.Task;
            }
            await resumed.WaitAsync(sending);
        }
    }

    /// <summary>The scenario's failures on real devices at their run times: each applied at its start and undone at its end.</summary>
    private async Task ScenarioAsync(CancellationToken sending)
    {
        var steps = Prepared.Failures
            .SelectMany(f => new[] { (At: f.StartSeconds, Failure: f, Start: true), (At: f.EndSeconds, Failure: f, Start: false) })
            .Where(s => double.IsFinite(s.At) && s.At < EndSeconds)
            .OrderBy(s => s.At).ThenBy(s => s.Start ? 1 : 0)
            .ToList();
        try
        {
            foreach (var step in steps)
            {
                var wait = step.At - Now;
                if (wait > 0)
                    await Task.Delay(TimeSpan.FromSeconds(wait), _services.WallClock, sending);
                var device = Prepared.Topology.Devices.First(d => d.DeviceId == step.Failure.DeviceId);
                var effect = step.Failure.Effect;
                var action = (effect.Kind, step.Start) switch
                {
                    (FailureKind.Crash, true) => InjectionAction.Crash,
                    (FailureKind.Crash, false) => InjectionAction.Recover,
                    (FailureKind.Slow, true) => InjectionAction.Slow,
                    (FailureKind.Slow, false) => InjectionAction.RestoreSpeed,
                    (FailureKind.LinkDegraded, true) => InjectionAction.DegradeLink,
                    (FailureKind.LinkCut, true) => InjectionAction.CutLink,
                    _ => InjectionAction.RestoreLink,
                };
                var factor = effect.Kind == FailureKind.Slow ? effect.SlowFactor : effect.LinkRateFactor;
                await _control.WaitAsync(sending);
                try
                {
                    if (_devices.Refusal(action, device.DeviceId, device.Name) is { } refusal)
                    {
                        lock (_lock)
                            _recorder.Log(Now, "scenario", $"{step.Failure.Source}: skipped on {device.Name}: {refusal}", device.DeviceId, device.Group);
                        continue;
                    }
                    await ApplyAsync(action, device, factor, effect.ExtraLatencySeconds, step.Failure.Source, Now);
                    if (effect.Kind == FailureKind.LinkDegraded && effect.LossProbability > 0 && step.Start)
                    {
                        lock (_lock)
                            _recorder.Log(Now, "scenario", $"{step.Failure.Source}: message loss is not emulated on real links; only the delay and rates apply.", device.DeviceId, device.Group);
                    }
                }
                catch (AgentUnavailableException ex)
                {
                    lock (_lock)
                        _recorder.Log(Now, "scenario", $"{step.Failure.Source}: not applied to {device.Name}: {ex.Message}", device.DeviceId, device.Group);
                }
                finally
                {
                    _control.Release();
                }
            }
        }
        catch (OperationCanceledException) when (sending.IsCancellationRequested)
        {
            // the run ended before the rest of the scenario
        }
    }

    /// <summary>Applies one action to one device, records the failure it starts or ends, and follows a recovery until the agent serves.</summary>
    private async Task ApplyAsync(InjectionAction action, SimulatedDevice device, double factor, double extraLatencySeconds, string source, double at)
    {
        await _devices.ApplyAsync(action, device.DeviceId, factor, extraLatencySeconds, CancellationToken.None);
        var what = RealDeviceControl.Describe(action, factor, extraLatencySeconds);
        lock (_lock)
        {
            var text = $"{device.Name}: {what} ({source}).";
            FailureKind? starts = action switch
            {
                InjectionAction.Crash or InjectionAction.Hang => FailureKind.Crash,
                InjectionAction.Slow => FailureKind.Slow,
                InjectionAction.DegradeLink => FailureKind.LinkDegraded,
                InjectionAction.CutLink => FailureKind.LinkCut,
                _ => null,
            };
            FailureKind[] ends = action switch
            {
                InjectionAction.RestoreSpeed => [FailureKind.Slow],
                InjectionAction.RestoreLink => [FailureKind.LinkDegraded, FailureKind.LinkCut],
                _ => [],
            };
            // The recorder keeps the first 10 000 failures; past them it returns -1 and there is nothing to end later.
            if (starts is { } kind && _recorder.FailureStarted(at, device.DeviceId, device.Group, kind, source, text) is var started and >= 0)
                _openFailures[(device.DeviceId, kind)] = started;
            foreach (var ended in ends)
            {
                if (_openFailures.Remove((device.DeviceId, ended), out var index))
                    _recorder.FailureEnded(index, at, text);
            }
            // A crash ends when the restarted agent serves again (FollowRecoveryAsync), not at the restart.
            if (action == InjectionAction.Recover)
                _recorder.Log(at, "recover", text, device.DeviceId, device.Group);
        }
        if (action == InjectionAction.Recover)
            _ = Task.Run(() => FollowRecoveryAsync(device, at), CancellationToken.None);
    }

    /// <summary>Waits until a restarted agent serves again; its crash ends then, and the log says how long it took.</summary>
    private async Task FollowRecoveryAsync(SimulatedDevice device, double restartedAt)
    {
        using var timeout = new CancellationTokenSource(RealRunServices.RecoverTimeout);
        try
        {
            await _services.Registry.WaitForAsync(device.DeviceId, s => s?.State == AgentState.Ready, timeout.Token);
            lock (_lock)
            {
                var now = Now;
                var text = Text($"{device.Name} serves again, {now - restartedAt:0.00} s after it was recovered.");
                if (_openFailures.Remove((device.DeviceId, FailureKind.Crash), out var index))
                    _recorder.FailureEnded(index, now, text);
                else
                    _recorder.Log(now, "recovered", text, device.DeviceId, device.Group);
            }
        }
        catch (OperationCanceledException)
        {
            lock (_lock)
            {
                _recorder.Log(Now, "recover-failed", Text($"{device.Name} did not serve again within {RealRunServices.RecoverTimeout.TotalSeconds:0} s of its restart."),
                    device.DeviceId, device.Group);
            }
        }
    }

    private List<SimulatedDevice> Targets(Injection injection) => injection.DeviceId is { } id
        ? [.. Prepared.Topology.Devices.Where(d => d.DeviceId == id)]
        : [.. Prepared.Topology.Groups[injection.Group!.Value].Members];

    private RunSnapshot SnapshotLocked() => _recorder.Snapshot(Prepared.Topology.Devices.Select(_devices.Snapshot).ToList());

    private sealed record Progress(RunStatus Status, int StateVersion, IReadOnlyList<SecondAggregate> ToPersist, RunSnapshot? Snapshot,
        IReadOnlyList<SecondAggregate> NewSeconds, IReadOnlyList<RunEvent> NewEvents);

    private Progress Collect(bool force)
    {
        lock (_lock)
        {
            var seconds = _recorder.CompletedSeconds;
            IReadOnlyList<SecondAggregate> toPersist = [];
            var now = _services.WallClock.GetTimestamp();
            if (seconds.Count > _persistedSeconds && (force || _services.WallClock.GetElapsedTime(_lastPersist, now) >= _host.Options.PersistInterval))
            {
                toPersist = seconds.Skip(_persistedSeconds).ToList();
                _persistedSeconds = seconds.Count;
                _lastPersist = now;
            }
            var newSeconds = seconds.Skip(_notifiedSeconds).ToList();
            _notifiedSeconds = seconds.Count;
            return new Progress(_status, Volatile.Read(ref _stateVersion), toPersist, SnapshotLocked(), newSeconds, _events.TakeNew(_recorder.Events));
        }
    }

    private async Task PublishAsync(Progress progress, bool stateChange)
    {
        await RunWrites.AppendSecondsAsync(_host, Id, progress.ToPersist);
        if (progress.Snapshot is { } snapshot)
        {
            await _host.Notifier.NotifyAsync(new RunUpdate(Id, progress.Status, snapshot, EndSeconds, progress.NewSeconds, progress.NewEvents,
                stateChange, _stopReason ?? snapshot.AbortReason, progress.StateVersion));
        }
    }

    private async Task FinishAsync()
    {
        RunResult result;
        IReadOnlyList<Injection> injections;
        IReadOnlyList<RunEvent> events;
        RunStatus status;
        string? reason;
        lock (_lock)
        {
            var abort = _recorder.AbortReason;
            status = _stopRequested ? RunStatus.Stopped : abort is not null ? RunStatus.Aborted : RunStatus.Finished;
            reason = _stopRequested ? _stopReason : abort;
            _recorder.Finish(Math.Min(Now, EndSeconds), reason);
            result = _recorder.Result();
            injections = [.. _injections];
            events = [.. _recorder.Events];
            _persistedSeconds = _recorder.CompletedSeconds.Count;   // the result carries every second
        }
        if (!await RunWrites.StoreResultAsync(_host, Id, status, result, injections, events, reason))
            return;
        lock (_lock)
            SetStatus(status);
        await PublishAsync(Collect(force: false) with { ToPersist = [] }, stateChange: true);
        await RunWrites.SucceedJobAsync(_host, Id, JobId);
    }

    private Task FailAsync(string reason) => RunWrites.FailAsync(_host, Id, JobId, reason, () =>
    {
        lock (_lock)
        {
            SetStatus(RunStatus.Failed);
            _stopReason = reason;
            return Task.FromResult(new RunUpdate(Id, RunStatus.Failed, SnapshotLocked(), EndSeconds, [], [], true, reason,
                Volatile.Read(ref _stateVersion)));
        }
    });

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
