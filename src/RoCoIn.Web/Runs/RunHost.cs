using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Jobs;
using RoCoIn.Web.Runs.Real;

namespace RoCoIn.Web.Runs;

/// <summary>A run that has started: where to follow it, and the caveats found on the way.</summary>
public sealed record RunStarted(int RunId, int JobId, IReadOnlyList<string> Warnings);

/// <summary>A live run's state as the API and pages show it.</summary>
public sealed record LiveRunView(int RunId, RunStatus Status, RunSnapshot Snapshot, double EndSeconds);

/// <summary>
/// Owns the live runs of this studio. Each run's simulator is driven by a loop of its own, outside the CPU job queue
/// (ADR-007): fast runs in slices of simulated time, real-time runs on a periodic timer of the injected clock. Every
/// run has a job row of kind <see cref="JobKind.Simulation"/> so the jobs list shows it; cancelling that job stops the
/// run. At start-up, runs left live by a stopped studio become interrupted; at shutdown live runs are left as they
/// are for that.
/// </summary>
public sealed class RunHost : IHostedService, IDisposable
{
    /// <summary>DI key of the clock that drives real-time runs (tests swap it for a manual one).</summary>
    public const string ClockKey = "runs";

    private readonly ConcurrentDictionary<int, IHostedRun> _live = new();
    private readonly CancellationTokenSource _shutdown = new();
    private readonly IDisposable _jobSubscription;
    private bool _disposed;

    private readonly IServiceProvider _services;

    public RunHost(RunStore store, JobStore jobs, JobProgressPublisher publisher, JobProgressNotifier jobNotifier, RunUpdateNotifier notifier,
        IServiceProvider services, IOptions<RunHostOptions> options, [FromKeyedServices(ClockKey)] TimeProvider time, ILogger<RunHost> logger)
    {
        // Real runs need the agent registry and the local fleet; a host without them (component tests) runs simulations only.
        _services = services;
        ArgumentNullException.ThrowIfNull(jobNotifier);
        ArgumentNullException.ThrowIfNull(options);
        Store = store;
        Jobs = jobs;
        Publisher = publisher;
        Notifier = notifier;
        Options = options.Value;
        Time = time;
        Logger = logger;
        _jobSubscription = jobNotifier.Subscribe(OnJobUpdateAsync);
    }

    internal RunStore Store { get; }
    internal JobStore Jobs { get; }
    internal JobProgressPublisher Publisher { get; }
    internal RunUpdateNotifier Notifier { get; }
    internal RunHostOptions Options { get; }
    internal TimeProvider Time { get; }
    internal ILogger<RunHost> Logger { get; }

    /// <summary>Ids of the runs live now.</summary>
    public IReadOnlyCollection<int> LiveRunIds => _live.Keys.ToList();

    public bool IsLive(int runId) => _live.ContainsKey(runId);

    /// <summary>
    /// Creates the run and its job and starts driving it. Invalid when the simulator refuses the input (nothing is
    /// created); conflict when <see cref="RunHostOptions.MaxLiveRuns"/> runs are live already.
    /// </summary>
    public async Task<StoreResult<RunStarted>> StartAsync(PreparedRun prepared, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(prepared);
        if (_live.Count >= Options.MaxLiveRuns)
        {
            return StoreResult<RunStarted>.Conflict(
                $"{_live.Count} runs are live, the most this studio hosts at once (RoCoIn:Runs:MaxLiveRuns); stop one or wait until one ends.");
        }
        // A simulated run is checked by building its simulator; a real run checks its inputs when it brings its fleet up.
        Simulator? simulator = null;
        if (prepared.Real is null)
        {
            try
            {
                simulator = new Simulator(prepared.Topology, prepared.Settings, prepared.Failures, prepared.RecordedInjections, Options.TraceCapacity);
            }
            catch (ArgumentException ex)
            {
                return StoreResult<RunStarted>.Invalid([new FieldError(ex.ParamName is "settings" ? "settings" : "body", ex.Message)]);
            }
        }
        else if (_services.GetService<RealRunServices>() is null)
        {
            return StoreResult<RunStarted>.Conflict("This studio runs without device agents; real runs are not available.");
        }
        else if (_live.Values.OfType<RealLiveRun>().FirstOrDefault() is { } other)
        {
            return StoreResult<RunStarted>.Conflict(
                $"Real run {other.Id} is live, and the local fleet runs one plan at a time; stop it or wait until it ends.");
        }

        var warning = prepared.Warnings.Count == 0 ? null : string.Join(" ", prepared.Warnings);
        var kind = prepared.Real is null ? "simulated" : RunInputAssembler.RealKind;
        var created = await Store.CreateAsync(new NewRun(prepared.PlanId, prepared.Strategy, kind, null, prepared.Speed.Name,
            prepared.Speed.RealTimeFactor, prepared.Settings, prepared.ScenarioId, prepared.Scenario, prepared.Topology, warning), cancellationToken);
        if (!created.IsOk)
            return StoreResult<RunStarted>.Invalid([new FieldError("planId", created.Message!)]);
        var runId = created.Value;

        var parameters = JsonSerializer.Serialize(new
        {
            runId,
            Kind = kind,
            prepared.PlanId,
            prepared.Strategy,
            prepared.Settings.Seed,
            Speed = prepared.Speed.Name,
            prepared.Speed.RealTimeFactor,
            Scenario = prepared.Scenario?.Name,
            prepared.ReplayOf,
        }, JobService.ParameterJsonOptions);
        // Not the caller's token from here on: a run row without its job would be left live until the next start-up.
        var jobId = await Jobs.CreateAsync(JobKind.Simulation, Title(prepared), parameters, CancellationToken.None);
        try
        {
            await Store.AttachJobAsync(runId, jobId, CancellationToken.None);
            var job = await Jobs.MarkRunningAsync(jobId, CancellationToken.None);
            if (!job.IsOk)
                throw new InvalidOperationException(job.Message);
            IHostedRun live = simulator is null
                ? new RealLiveRun(this, _services.GetRequiredService<RealRunServices>(), runId, jobId, prepared)
                : new LiveRun(this, runId, jobId, simulator, prepared);
            _live[runId] = live;
            await live.StartAsync(job.Value!, _shutdown.Token);
        }
        catch (Exception ex)
        {
            _live.TryRemove(runId, out _);
            await Store.FailAsync(runId, $"The run could not start: {ex.Message}", CancellationToken.None);
            await Jobs.FailAsync(jobId, $"The run could not start: {ex.Message}", CancellationToken.None);
            throw;
        }
        return StoreResult<RunStarted>.Ok(new RunStarted(runId, jobId, prepared.Warnings));
    }

    /// <summary>The state of a live run, or null when it is not live here (or has just ended).</summary>
    public async Task<LiveRunView?> GetLiveAsync(int runId, CancellationToken cancellationToken = default)
    {
        if (!_live.TryGetValue(runId, out var live))
            return null;
        var (status, snapshot) = await live.SnapshotAsync(cancellationToken);
        // Between storing its result and leaving the host a run has ended: readers take it from the database then,
        // since its final update may already have been sent.
        return status.IsLive() ? new LiveRunView(runId, status, snapshot, live.EndSeconds) : null;
    }

    /// <summary>The last completed requests' paths of a live run (for the live page), or null when it is not live here.</summary>
    public async Task<IReadOnlyList<RequestTrace>?> RecentTracesAsync(int runId, CancellationToken cancellationToken = default) =>
        _live.TryGetValue(runId, out var live) ? await live.RecentTracesAsync(cancellationToken) : null;

    /// <summary>The completed seconds of a live run in [from, to], or null when it is not live here.</summary>
    public async Task<IReadOnlyList<SecondAggregate>?> LiveSecondsAsync(int runId, int? from, int? to, CancellationToken cancellationToken = default) =>
        _live.TryGetValue(runId, out var live) ? await live.SecondsAsync(from, to, cancellationToken) : null;

    /// <summary>The event log of a live run so far, or null when it is not live here.</summary>
    public async Task<IReadOnlyList<RunEvent>?> LiveEventsAsync(int runId, CancellationToken cancellationToken = default) =>
        _live.TryGetValue(runId, out var live) ? await live.EventsAsync(cancellationToken) : null;

    public Task<StoreResult<RunSnapshot>> PauseAsync(int runId, CancellationToken cancellationToken = default) =>
        ControlAsync(runId, "paused", live => live.PauseAsync(cancellationToken), cancellationToken);

    public Task<StoreResult<RunSnapshot>> ResumeAsync(int runId, CancellationToken cancellationToken = default) =>
        ControlAsync(runId, "resumed", live => live.ResumeAsync(cancellationToken), cancellationToken);

    /// <summary>Simulates one request of a paused run and returns its path.</summary>
    public Task<StoreResult<RequestTrace>> StepAsync(int runId, CancellationToken cancellationToken = default) =>
        ControlAsync(runId, "stepped", live => live.StepAsync(cancellationToken), cancellationToken);

    /// <summary>Applies a manual injection at the run's current simulated time; returns it as recorded.</summary>
    public Task<StoreResult<Injection>> InjectAsync(int runId, RunInjectionInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        return ControlAsync(runId, "injected into", live => live.InjectAsync(input, cancellationToken), cancellationToken);
    }

    /// <summary>Stops a live run at its current simulated time; returns once its results are stored.</summary>
    public Task<StoreResult<int>> StopAsync(int runId, CancellationToken cancellationToken = default) =>
        ControlAsync(runId, "stopped", live => live.StopAsync("Stopped by the operator.", cancellationToken), cancellationToken);

    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        var interrupted = await Store.RecoverAtStartupAsync(cancellationToken);
        if (interrupted > 0)
            RunLog.Interrupted(Logger, interrupted);
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        // Dispose may come first when the host is torn down without a stop (test servers do).
        if (!_disposed)
            await _shutdown.CancelAsync();
        var loops = _live.Values.Select(l => l.Completion).ToList();
        try
        {
            await Task.WhenAll(loops).WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; the loops end on their own.
        }
    }

    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _jobSubscription.Dispose();
        _shutdown.Cancel();
        _shutdown.Dispose();
    }

    internal void Forget(IHostedRun live) => _live.TryRemove(new KeyValuePair<int, IHostedRun>(live.Id, live));

    private async Task<StoreResult<T>> ControlAsync<T>(int runId, string action, Func<IHostedRun, Task<StoreResult<T>>> control,
        CancellationToken cancellationToken)
    {
        if (_live.TryGetValue(runId, out var live))
            return await control(live);
        var stored = await Store.GetAsync(runId, cancellationToken);
        if (stored is null)
            return StoreResult<T>.NotFound($"Run {runId} does not exist.");
        // Live in the database but not here: it is between its row and its loop, or ending right now.
        return StoreResult<T>.Conflict(stored.Status.IsLive()
            ? $"Run {runId} is not hosted by this studio right now; try again in a moment."
            : $"Run {runId} {RunStore.Describe(stored.Status)}; only a running or paused run can be {action}.");
    }

    private Task OnJobUpdateAsync(JobUpdate update)
    {
        if (update.Status != JobStatus.Cancelled || !update.IsStateChange)
            return Task.CompletedTask;
        var live = _live.Values.FirstOrDefault(l => l.JobId == update.JobId);
        if (live is null)
            return Task.CompletedTask;
        // Not awaited: the cancel request must not wait for the run's results to be written.
        _ = Task.Run(async () =>
        {
            try
            {
                await live.StopAsync("Stopped because its job was cancelled.", CancellationToken.None);
            }
#pragma warning disable CA1031 // Logged; the run's own loop records its end.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                RunLog.NotStoppedOnCancel(Logger, ex, live.Id);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    private static string Title(PreparedRun prepared) => string.Create(CultureInfo.InvariantCulture,
        $"{(prepared.ReplayOf is { } original ? $"Replay of run #{original}" : prepared.Real is null ? "Simulate" : "Run on agents")} {prepared.PlanName} · {prepared.Strategy} · seed {prepared.Settings.Seed}");
}
