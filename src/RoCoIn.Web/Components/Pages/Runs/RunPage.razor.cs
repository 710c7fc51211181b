using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Access;
using RoCoIn.Web.Components.Shared.Runs;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Components.Pages.Runs;

/// <summary>
/// One run, live or ended. A live run is followed through <see cref="RunUpdateNotifier"/>: the page subscribes first,
/// loads what the host has so far (seconds, events, recent requests), then applies the updates that came meanwhile and
/// every later one, so opening or reloading the page mid-run loses nothing. An ended run (or one this studio no longer
/// hosts) is read from the database.
/// </summary>
public sealed partial class RunPage : IDisposable
{
    /// <summary>Newest events kept on the page.</summary>
    public const int MaxEvents = 200;

    /// <summary>Shortest gap between two automatic refreshes of the recent requests while a run goes.</summary>
    public static readonly TimeSpan TraceRefreshInterval = TimeSpan.FromSeconds(1);

    [Parameter] public int Id { get; set; }

    [Inject] private RunStore Store { get; set; } = default!;
    [Inject] private RunHost Host { get; set; } = default!;
    [Inject] private RunUpdateNotifier Notifier { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;
    [Inject] private SimulationTwin Twin { get; set; } = default!;

    private bool IsReal => _run?.Kind == RunInputAssembler.RealKind;

    private IDisposable? _subscription;
    private volatile int _followId = -1;
    private int? _loadedId;
    // Updates that arrived while the page was loading; applied (without what the load already had) once it is done.
    private readonly List<RunUpdate> _pending = [];
    private bool _following;

    private SavedRun? _run;
    private RunStatus _status;
    private int _stateVersion;
    private RunSnapshot? _snapshot;
    private double _endSeconds;
    private RunSummary? _summary;
    private RunSummary? _twin;
    private string? _reason;
    private RunTimeline _timeline = new(measuresAccuracy: false);
    private RunPrediction? _prediction;
    private readonly List<RunEvent> _events = [];
    private int _eventTotal;
    private IReadOnlyList<RequestTrace> _traces = [];
    private RequestTrace? _trace;
    private long _tracesRefreshed;
    private bool _busy;
    private bool _loaded;
    private bool _sharing;
    private long _updateStampMs;
    private List<BreadcrumbItem> _crumbs = [];

    private enum ReplayChoice
    {
        SameSpeed,
        Fast,
        Paused,
    }

    private double NowSeconds => _snapshot?.NowSeconds ?? _summary?.SimulatedSeconds ?? (_timeline.LastSecond + 1) ?? 0;

    private double Progress => _endSeconds > 0 ? Math.Clamp(NowSeconds / _endSeconds, 0, 1) : 0;

    /// <summary>The request whose path is shown: the one chosen or stepped, else the latest completed.</summary>
    private RequestTrace? ShownTrace => _trace ?? (_traces.Count > 0 ? _traces[^1] : null);

    private string RequestPathHint => _status switch
    {
        RunStatus.Paused => "Step one request to see which devices received it, when each replied and which reply won per group.",
        _ when _status.IsLive() => "Pause the run, then step one request at a time to see its path; completed requests appear here as the run goes.",
        _ => "Request paths are kept only while a run is live. Replay this run paused at t = 0 to step through its requests.",
    };

    // Only an interactive page follows the run; the prerendered one shows the state at the time of the request.
    protected override void OnInitialized()
    {
        if (RendererInfo.IsInteractive)
            _subscription = Notifier.Subscribe(OnRunUpdateAsync);
    }

    protected override async Task OnParametersSetAsync()
    {
        if (_loadedId == Id)
            return;
        _loadedId = Id;
        await LoadAsync();
    }

    public void Dispose() => _subscription?.Dispose();

    private async Task LoadAsync()
    {
        _followId = Id;
        _following = false;
        _sharing = false;
        _pending.Clear();
        _loaded = false;
        _run = null;
        _snapshot = null;
        _summary = null;
        _twin = null;
        _reason = null;
        _prediction = null;
        _events.Clear();
        _eventTotal = 0;
        _traces = [];
        _trace = null;

        var run = await Store.GetAsync(Id);
        _crumbs = [new("Runs", "/runs"), new($"Run #{Id}", null, disabled: true)];
        if (run is null)
        {
            _loaded = true;
            return;
        }
        _run = run;
        _reason = run.Reason;
        _timeline = new RunTimeline(run.Topology.AccuracyBySubset is not null);
        IReadOnlyList<RunEvent> loadedEvents = [];
        var live = await Host.GetLiveAsync(Id);
        if (live is not null)
        {
            // Enough seconds to fill the charts; the timeline keeps the newest anyway.
            var from = Math.Max(0, (int)Math.Floor(live.Snapshot.NowSeconds) - RunTimeline.DefaultMaxPoints - 1);
            var seconds = await Host.LiveSecondsAsync(Id, from, null);
            var events = await Host.LiveEventsAsync(Id);
            var traces = await Host.RecentTracesAsync(Id);
            if (seconds is not null && events is not null)
            {
                _status = live.Status;
                _snapshot = live.Snapshot;
                _endSeconds = live.EndSeconds;
                _timeline.Add(seconds);
                AddEvents(events);
                loadedEvents = events;
                _traces = traces ?? [];
                _tracesRefreshed = Clock.GetTimestamp();
                _prediction = RunPrediction.For(run.Topology, run.Settings);
            }
            else
            {
                live = null;   // it ended while loading: the database has its result now
                run = await Store.GetAsync(Id) ?? run;
                _run = run;
            }
        }
        if (live is null)
        {
            loadedEvents = await LoadStoredAsync(run);
        }

        // Updates that came while loading overlap what was loaded: seconds are taken once by the timeline, events
        // already loaded are skipped once each.
        // More may queue up while one is applied (it can await the database), hence not a foreach.
        var known = loadedEvents.ToList();
        while (_pending.Count > 0)
        {
            var update = _pending[0];
            _pending.RemoveAt(0);
            var fresh = update.NewEvents.Where(e => !known.Remove(e)).ToList();
            await ApplyAsync(update with { NewEvents = fresh });
        }
        _following = true;
        _loaded = true;
    }

    /// <summary>Shows a run as the database has it: its seconds (the newest that fit the charts), events and summary.</summary>
    private async Task<IReadOnlyList<RunEvent>> LoadStoredAsync(SavedRun run)
    {
        _status = run.Status;
        _snapshot = null;
        _endSeconds = run.Settings.DurationSeconds;
        _summary = run.Summary;
        _twin = await TwinOfAsync(run);
        _reason = run.Reason ?? run.Summary?.AbortReason;
        var from = Math.Max(0, run.SecondsStored - RunTimeline.DefaultMaxPoints);
        _timeline = new RunTimeline(run.Topology.AccuracyBySubset is not null);
        _timeline.Add(await Store.GetSecondsAsync(run.Id, from));
        // A run that ended without a result (interrupted, failed) has no stored log, only its manual injections.
        var events = run.Events ?? run.Injections.Select(i => RunFormat.InjectionEvent(i, run.Topology)).ToList();
        _events.Clear();
        _eventTotal = 0;
        AddEvents(events);
        _prediction = run.Summary is { } summary ? RunPrediction.From(summary) : RunPrediction.For(run.Topology, run.Settings);
        return events;
    }

    private Task OnRunUpdateAsync(RunUpdate update)
    {
        if (update.RunId != _followId)
            return Task.CompletedTask;
        // Not awaited: the run publishes from its own loop, and a slow or stalled page must not hold it back. The
        // circuit's dispatcher runs the updates in the order they came.
        _ = InvokeAsync(async () =>
        {
            try
            {
                if (update.RunId != _followId)
                    return;
                if (!_following)
                {
                    _pending.Add(update);
                    return;
                }
                await ApplyAsync(update);
                _updateStampMs = Clock.GetUtcNow().ToUnixTimeMilliseconds();
                StateHasChanged();
            }
#pragma warning disable CA1031 // Handed to the page's error boundary, as an exception of the page's own.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                await DispatchExceptionAsync(ex);
            }
        });
        return Task.CompletedTask;
    }

    private async Task ApplyAsync(RunUpdate update)
    {
        // Seconds and events are taken from every update; the status only from one at least as new as the last seen.
        var current = update.StateVersion >= _stateVersion;
        if (current)
        {
            _stateVersion = update.StateVersion;
            _status = update.Status;
            _snapshot = update.Status.IsLive() ? update.Snapshot : null;
        }
        _endSeconds = update.EndSeconds;
        _reason = update.Reason ?? _reason;
        _timeline.Add(update.NewSeconds);
        AddEvents(update.NewEvents);
        if (current && update.IsStateChange && !update.Status.IsLive())
        {
            // Ended: the result is stored before this update is sent. The live charts stay as drawn (they hold the
            // same seconds); the summary, reason and final prediction come from the database.
            if (await Store.GetAsync(Id) is { } run)
            {
                _run = run;
                _summary = run.Summary;
                _twin = await TwinOfAsync(run);
                _reason = run.Reason ?? run.Summary?.AbortReason ?? _reason;
                _prediction ??= run.Summary is { } summary ? RunPrediction.From(summary) : null;
            }
            return;
        }
        if (update.Status == RunStatus.Running && Clock.GetElapsedTime(_tracesRefreshed) >= TraceRefreshInterval)
            await RefreshTracesAsync();
    }

    /// <summary>An ended real run's simulation over the same inputs (off the circuit's thread: a long run takes a moment).</summary>
    private async Task<RunSummary?> TwinOfAsync(SavedRun run)
    {
        if (run.Kind != RunInputAssembler.RealKind || run.Summary is null)
            return null;
        try
        {
            return await Task.Run(() => Twin.For(run));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException)
        {
            Snackbar.Add($"The simulation of this run could not be computed: {ex.Message}", Severity.Warning);
            return null;
        }
    }

    private void AddEvents(IReadOnlyList<RunEvent> events)
    {
        if (events.Count == 0)
            return;
        _timeline.AddEvents(events);
        _eventTotal += events.Count;
        _events.InsertRange(0, events.TakeLast(MaxEvents).Reverse());
        if (_events.Count > MaxEvents)
            _events.RemoveRange(MaxEvents, _events.Count - MaxEvents);
    }

    private async Task RefreshTracesAsync()
    {
        _tracesRefreshed = Clock.GetTimestamp();
        if (await Host.RecentTracesAsync(Id) is { } traces)
            _traces = traces;
    }

    private void SelectTrace(long? requestId) => _trace = _traces.FirstOrDefault(t => t.RequestId == requestId);

    private string TraceLabel(long? requestId)
    {
        var trace = _trace?.RequestId == requestId ? _trace : _traces.FirstOrDefault(t => t.RequestId == requestId);
        return trace is null ? "" : $"#{trace.RequestId} " + (trace.Served ? $"served in {RunFormat.Ms(trace.LatencySeconds)}" : "not served");
    }

    /// <summary>Shows or hides the class code; opening one changes nothing in the run, so presenters and viewers may.</summary>
    private void ToggleSharing()
    {
        if (Access.Following)
            return;
        _sharing = !_sharing;
    }

    private Task PauseAsync() => ControlAsync(async () =>
    {
        var result = await Host.PauseAsync(Id);
        if (Report(result))
        {
            _status = RunStatus.Paused;
            _snapshot = result.Value;
            await RefreshTracesAsync();
        }
    });

    private Task ResumeAsync() => ControlAsync(async () =>
    {
        var result = await Host.ResumeAsync(Id);
        if (Report(result))
        {
            _status = RunStatus.Running;
            _snapshot = result.Value;
        }
    });

    private Task StepAsync() => ControlAsync(async () =>
    {
        var result = await Host.StepAsync(Id);
        if (Report(result))
        {
            await RefreshTracesAsync();
            _trace = result.Value;
        }
    });

    private Task StopAsync() => ControlAsync(async () => Report(await Host.StopAsync(Id)));

    private Task InjectAsync(RunInjectionInput input) => ControlAsync(async () =>
    {
        var result = await Host.InjectAsync(Id, input);
        if (Report(result))
        {
            var injection = result.Value!;
            var target = injection.DeviceId is { } id ? RunFormat.DeviceName(_run!.Topology, id) : $"group {input.GroupNumber}";
            Snackbar.Add($"{input.Action} on {target} at t = {RunFormat.Seconds(injection.AtSeconds)}.", Severity.Info);
        }
    });

    private Task ReplayAsync(ReplayChoice choice) => ControlAsync(async () =>
    {
        var original = await Store.GetAsync(Id);
        if (original is null)
        {
            Snackbar.Add($"Run {Id} no longer exists.", Severity.Error);
            return;
        }
        var input = choice switch
        {
            ReplayChoice.Fast => new RunReplayInput { Speed = RunSpeed.FastName },
            ReplayChoice.Paused => new RunReplayInput { Speed = original.Speed, SpeedFactor = original.SpeedFactor, StartPaused = true },
            _ => new RunReplayInput { Speed = original.Speed, SpeedFactor = original.SpeedFactor },
        };
        var (prepared, errors) = RunInputAssembler.PrepareReplay(original, input);
        if (prepared is null)
        {
            Snackbar.Add("This run cannot be replayed: " + string.Join(" ", errors.Select(e => e.Message)), Severity.Error);
            return;
        }
        var started = await Host.StartAsync(prepared);
        if (Report(started))
            Navigation.NavigateTo($"/runs/{started.Value!.RunId}");
    });

    /// <summary>Runs a control that changes the run (or starts one), unless the user is a viewer (ADR-013).</summary>
    private async Task ControlAsync(Func<Task> control)
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        _busy = true;
        try
        {
            await control();
        }
        finally
        {
            _busy = false;
        }
    }

    /// <summary>Shows a refused control's reason in a snackbar; true when it succeeded.</summary>
    private bool Report<T>(StoreResult<T> result)
    {
        if (result.IsOk)
            return true;
        Snackbar.Add(result.Message ?? string.Join(" ", result.Errors.Select(e => e.Message)), Severity.Error);
        return false;
    }

    private static string ArrivalsText(SimulationSettings settings) => settings.Arrivals.Kind == ArrivalKind.Poisson
        ? $"Poisson λ = {RunFormat.Rate(settings.Arrivals.RatePerSecond)}"
        : $"closed loop, {settings.Arrivals.Concurrency} client{(settings.Arrivals.Concurrency == 1 ? "" : "s")}";
}
