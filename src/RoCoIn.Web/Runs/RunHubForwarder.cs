using System.Threading.Channels;
using Microsoft.AspNetCore.SignalR;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Carries live runs' updates from <see cref="RunUpdateNotifier"/> to the <see cref="RunsHub"/> group of each run.
/// One loop does everything in order — each update (kept per run: status, snapshot, the latest seconds and events)
/// and each join (the state sent to the new client, then its group membership) — so a client that joins gets the
/// run's state first and then exactly the updates that follow it, none twice and none missed.
/// </summary>
/// <remarks>
/// The notifier's callback only queues the update: a run never waits for the hub. Sending to a group waits for its
/// slowest connection, so a client that stops reading delays the hub's messages (never the runs or the pages) until
/// SignalR drops it.
/// </remarks>
public sealed class RunHubForwarder(
    RunUpdateNotifier notifier,
    RunHost host,
    RunStore store,
    IHubContext<RunsHub, IRunsClient> hub,
    ILogger<RunHubForwarder> logger) : IHostedService, IDisposable
{
    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly CancellationTokenSource _stop = new();
    // Touched by the loop only.
    private readonly Dictionary<int, RunFeed> _feeds = [];
    private IDisposable? _subscription;
    private Task _loop = Task.CompletedTask;
    private bool _disposed;

    /// <summary>
    /// Adds <paramref name="connectionId"/> to the run's group after sending it the run's state; returns null, or why
    /// the client cannot join (the run does not exist).
    /// </summary>
    public async Task<string?> JoinAsync(string connectionId, int runId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(connectionId);
        var join = new JoinWork(connectionId, runId, new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_work.Writer.TryWrite(join))
            return "The studio is shutting down; try again once it has restarted.";
        return await join.Done.Task.WaitAsync(cancellationToken);
    }

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _subscription = notifier.Subscribe(update =>
        {
            _work.Writer.TryWrite(new UpdateWork(update));
            return Task.CompletedTask;
        });
        _loop = Task.Run(() => LoopAsync(_stop.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        _subscription?.Dispose();
        _work.Writer.TryComplete();
        if (!_disposed)
            await _stop.CancelAsync();
        try
        {
            await _loop.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // The host gave up waiting; the loop ends on its own.
        }
    }

    public void Dispose()
    {
        // Registered as a singleton and as a hosted service made from it: the container disposes it twice.
        if (_disposed)
            return;
        _disposed = true;
        _subscription?.Dispose();
        _work.Writer.TryComplete();
        _stop.Cancel();
        _stop.Dispose();
    }

    private async Task LoopAsync(CancellationToken stop)
    {
        try
        {
            await foreach (var work in _work.Reader.ReadAllAsync(stop))
            {
                switch (work)
                {
                    case UpdateWork update:
                        await ForwardAsync(update.Update, stop);
                        break;
                    case JoinWork join:
                        await JoinNowAsync(join, stop);
                        break;
                }
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // Shutting down.
        }
        while (_work.Reader.TryRead(out var left))
        {
            if (left is JoinWork join)
                join.Done.TrySetResult("The studio is shutting down; try again once it has restarted.");
        }
    }

    private async Task ForwardAsync(RunUpdate update, CancellationToken stop)
    {
        try
        {
            if (!_feeds.TryGetValue(update.RunId, out var feed))
            {
                feed = new RunFeed(await NamesAsync(update.RunId, stop));
                _feeds.Add(update.RunId, feed);
            }
            feed.Apply(update);
            RunSummary? summary = null;
            if (!update.Status.IsLive())
            {
                // The run's result is stored before its last update is announced.
                summary = (await store.GetAsync(update.RunId, stop))?.Summary;
                _feeds.Remove(update.RunId);
            }
            var message = RunUpdateMessage.Create(update.RunId, feed.Sequence, isInitial: false, update.Status, update.IsStateChange,
                update.Reason, update.EndSeconds, RunSnapshotMessage.From(update.Snapshot, feed.Names), feed.SecondsCompleted,
                update.NewSeconds, 0, update.NewEvents, 0, summary);
            await hub.Clients.Group(RunsHub.GroupFor(update.RunId)).RunUpdated(message);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // One failed send must not end the forwarding of every run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not send an update of run {RunId} to the runs hub.", update.RunId);
        }
    }

    private async Task JoinNowAsync(JoinWork join, CancellationToken stop)
    {
        try
        {
            var state = _feeds.TryGetValue(join.RunId, out var feed)
                ? feed.State(join.RunId)
                : await StateWithoutFeedAsync(join.RunId, stop);
            if (state is null)
            {
                join.Done.TrySetResult($"Run {join.RunId} does not exist.");
                return;
            }
            // State first, then membership: nothing is sent between them, since this loop sends every update.
            await hub.Clients.Client(join.ConnectionId).RunUpdated(state);
            await hub.Groups.AddToGroupAsync(join.ConnectionId, RunsHub.GroupFor(join.RunId), stop);
            join.Done.TrySetResult(null);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            join.Done.TrySetResult("The studio is shutting down; try again once it has restarted.");
            throw;
        }
#pragma warning disable CA1031 // Reported to the client that asked; the loop goes on.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not let a client join run {RunId} on the runs hub.", join.RunId);
            join.Done.TrySetResult($"Could not join run {join.RunId}: {ex.Message}");
        }
    }

    /// <summary>The state of a run this loop has no updates of: ended before this studio started, or not announced yet.</summary>
    private async Task<RunUpdateMessage?> StateWithoutFeedAsync(int runId, CancellationToken stop)
    {
        var saved = await store.GetAsync(runId, stop);
        if (saved is null)
            return null;
        var names = saved.Topology.Devices.ToDictionary(d => d.DeviceId, d => d.Name);
        if (await host.GetLiveAsync(runId, stop) is { } live)
        {
            var from = Math.Max(0, (int)live.Snapshot.NowSeconds - RunUpdateMessage.MaxSeconds - 1);
            var recent = await host.LiveSecondsAsync(runId, from, null, stop) ?? [];
            var completed = recent.Count == 0 ? 0 : recent[^1].Second + 1;
            var events = await host.LiveEventsAsync(runId, stop) ?? [];
            return RunUpdateMessage.Create(runId, 0, isInitial: true, live.Status, stateChanged: false, saved.Reason, live.EndSeconds,
                RunSnapshotMessage.From(live.Snapshot, names), completed, recent, completed - recent.Count, events, 0, null);
        }
        var seconds = await store.GetSecondsAsync(runId, Math.Max(0, saved.SecondsStored - RunUpdateMessage.MaxSeconds), null, stop);
        return RunUpdateMessage.Create(runId, 0, isInitial: true, saved.Status, stateChanged: false, saved.Reason ?? saved.Summary?.AbortReason,
            saved.Settings.DurationSeconds, null, saved.SecondsStored, seconds, saved.SecondsStored - seconds.Count, saved.Events ?? [], 0,
            saved.Summary);
    }

    private async Task<IReadOnlyDictionary<int, string>> NamesAsync(int runId, CancellationToken stop)
    {
        try
        {
            var saved = await store.GetAsync(runId, stop);
            return saved?.Topology.Devices.ToDictionary(d => d.DeviceId, d => d.Name) ?? [];
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // Names are a nicety: the devices still go out, by id.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not read the device names of run {RunId}.", runId);
            return new Dictionary<int, string>();
        }
    }

    private abstract record Work;

    private sealed record UpdateWork(RunUpdate Update) : Work;

    private sealed record JoinWork(string ConnectionId, int RunId, TaskCompletionSource<string?> Done) : Work;

    /// <summary>What the hub's clients have been sent of one live run: enough to give a joining client the state.</summary>
    private sealed class RunFeed(IReadOnlyDictionary<int, string> names)
    {
        private readonly Queue<SecondAggregate> _seconds = new(RunUpdateMessage.MaxSeconds);
        private readonly Queue<RunEvent> _events = new(RunUpdateMessage.MaxEvents);
        private RunStatus _status;
        private string? _reason;
        private double _endSeconds;
        private RunSnapshot? _snapshot;
        private int _eventsSeen;

        public IReadOnlyDictionary<int, string> Names { get; } = names;
        public long Sequence { get; private set; }
        public int SecondsCompleted { get; private set; }

        public void Apply(RunUpdate update)
        {
            Sequence++;
            _status = update.Status;
            _reason = update.Reason;
            _endSeconds = update.EndSeconds;
            _snapshot = update.Snapshot;
            SecondsCompleted += update.NewSeconds.Count;
            _eventsSeen += update.NewEvents.Count;
            Keep(_seconds, update.NewSeconds, RunUpdateMessage.MaxSeconds);
            Keep(_events, update.NewEvents, RunUpdateMessage.MaxEvents);
        }

        public RunUpdateMessage State(int runId) => RunUpdateMessage.Create(runId, Sequence, isInitial: true, _status, stateChanged: false,
            _reason, _endSeconds, _snapshot is null ? null : RunSnapshotMessage.From(_snapshot, Names), SecondsCompleted, [.. _seconds],
            SecondsCompleted - _seconds.Count, [.. _events], _eventsSeen - _events.Count, null);

        private static void Keep<T>(Queue<T> queue, IReadOnlyList<T> items, int max)
        {
            for (var i = Math.Max(0, items.Count - max); i < items.Count; i++)
            {
                if (queue.Count == max)
                    queue.Dequeue();
                queue.Enqueue(items[i]);
            }
        }
    }
}
