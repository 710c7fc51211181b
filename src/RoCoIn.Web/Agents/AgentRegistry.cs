using System.Globalization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RoCoIn.Engine.Devices;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Agents;

/// <summary>
/// Every agent connected to /hubs/agents, by device: its state, figures and pending requests; the models assigned to
/// devices; and the calls a coordinator makes — <see cref="Live"/>, <see cref="InferAsync"/>, <see cref="OrderAsync"/>
/// and <see cref="AgentNotifier"/> for connects, disconnects and state changes.
/// </summary>
/// <remarks>
/// One lock guards all state; hub sends, notifications and aborts happen outside it. A watchdog (the hosted part)
/// closes connections that do not register in time, and marks agents stalled when their heartbeats stop.
/// </remarks>
public sealed partial class AgentRegistry(
    IHubContext<AgentsHub, IAgentClient> hub,
    AgentNotifier notifier,
    IOptions<AgentsOptions> options,
    TimeProvider time,
    ILogger<AgentRegistry> logger) : IHostedService, IDisposable
{
    /// <summary>How long a refused connection may stay open for its refusal to reach the agent.</summary>
    private static readonly TimeSpan RefusedGrace = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly Dictionary<string, Connection> _connections = new(StringComparer.Ordinal);
    private readonly Dictionary<int, Entry> _devices = [];
    private readonly Dictionary<int, AgentAssignment> _assignments = [];
    private readonly CancellationTokenSource _stopping = new();
    private Task? _watchdog;
    private bool _disposed;

    /// <summary>Every known agent (down ones too, until forgotten), by device name.</summary>
    public IReadOnlyList<AgentSnapshot> List()
    {
        lock (_lock)
            return _devices.Values.Select(e => e.Snapshot()).OrderBy(s => s.DeviceName, StringComparer.OrdinalIgnoreCase).ToList();
    }

    /// <summary>The agent of <paramref name="deviceId"/>, or null when none ever registered (or it was forgotten).</summary>
    public AgentSnapshot? Find(int deviceId)
    {
        lock (_lock)
            return _devices.TryGetValue(deviceId, out var entry) ? entry.Snapshot() : null;
    }

    /// <summary>The agents among <paramref name="deviceIds"/> that are connected and ready to serve.</summary>
    public IReadOnlyList<AgentSnapshot> Live(IEnumerable<int> deviceIds)
    {
        ArgumentNullException.ThrowIfNull(deviceIds);
        lock (_lock)
        {
            return deviceIds.Distinct()
                .Select(id => _devices.TryGetValue(id, out var entry) ? entry : null)
                .Where(e => e is { State: AgentState.Ready })
                .Select(e => e!.Snapshot())
                .ToList();
        }
    }

    /// <summary>The model assigned to <paramref name="deviceId"/>, if any.</summary>
    public AgentAssignment? AssignmentOf(int deviceId)
    {
        lock (_lock)
            return _assignments.GetValueOrDefault(deviceId);
    }

    /// <summary>
    /// Sends one input to the device's agent and waits for its features. Cancelling removes the pending request and
    /// tells the agent to skip it if it has not computed it yet; a reply that comes later is ignored.
    /// </summary>
    /// <param name="deviceId">The device.</param>
    /// <param name="requestId">The caller's id; unique among this agent's pending requests.</param>
    /// <param name="pixels">uint8 pixels (28·28 for Fashion-MNIST); the agent normalises them.</param>
    /// <param name="cancellationToken">Cancels the wait (the coordinator's deadline or "first reply won").</param>
    /// <exception cref="AgentUnavailableException">No agent is connected and ready (or stalled) for the device, or it
    /// disconnected before replying.</exception>
    /// <exception cref="AgentInferenceException">The agent replied with an error or with features the studio refuses.</exception>
    /// <exception cref="ArgumentException">The pixels are empty or too many, or the request id is already pending there.</exception>
    public async Task<float[]> InferAsync(int deviceId, long requestId, byte[] pixels, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        if (pixels.Length is 0 or > AgentProtocol.MaxPixels)
            throw new ArgumentException(Text($"An input has 1 to {AgentProtocol.MaxPixels} pixels; got {pixels.Length}."), nameof(pixels));
        cancellationToken.ThrowIfCancellationRequested();
        var reply = new TaskCompletionSource<float[]>(TaskCreationOptions.RunContinuationsAsynchronously);
        string connectionId;
        lock (_lock)
        {
            if (!_devices.TryGetValue(deviceId, out var entry) || entry.ConnectionId is null)
                throw new AgentUnavailableException(Text($"Device {deviceId} has no connected agent."));
            if (entry.State is not (AgentState.Ready or AgentState.Stalled))
                throw new AgentUnavailableException(Text($"The agent of device '{entry.DeviceName}' is {entry.State}, not ready."));
            if (!entry.Pending.TryAdd(requestId, reply))
                throw new ArgumentException(Text($"Request {requestId} is already pending on device '{entry.DeviceName}'."), nameof(requestId));
            connectionId = entry.ConnectionId;
        }
        using var onCancel = cancellationToken.Register(() => CancelPending(deviceId, connectionId, requestId, reply, cancellationToken));
        try
        {
            await hub.Clients.Client(connectionId).Infer(new AgentInferenceRequest(requestId, pixels));
        }
#pragma warning disable CA1031 // Any send failure means the agent is unreachable; the caller gets one exception type.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RemovePending(deviceId, connectionId, requestId, reply);
            throw new AgentUnavailableException(Text($"Could not send request {requestId} to device {deviceId}: {ex.Message}"), ex);
        }
        return await reply.Task;
    }

    /// <summary>Sends an order to the device's agent (stall, resume, slow, link, cut, restore, shutdown, emulate).</summary>
    /// <exception cref="AgentUnavailableException">No agent is connected for the device.</exception>
    public async Task OrderAsync(int deviceId, AgentOrder order, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(order);
        if (!AgentOrderKinds.All.Contains(order.Kind))
            throw new ArgumentException($"Unknown order kind '{order.Kind}'.", nameof(order));
        string connectionId;
        AgentEvent? changed;
        lock (_lock)
        {
            if (!_devices.TryGetValue(deviceId, out var entry) || entry.ConnectionId is null)
                throw new AgentUnavailableException(Text($"Device {deviceId} has no connected agent."));
            connectionId = entry.ConnectionId;
            var before = entry.State;
            switch (order.Kind)
            {
                case AgentOrderKinds.Stall:
                    entry.StallOrdered = true;
                    break;
                case AgentOrderKinds.Resume or AgentOrderKinds.Restore:
                    entry.StallOrdered = false;
                    break;
            }
            changed = Changed(entry, before);
        }
        await hub.Clients.Client(connectionId).Order(order.ToMessage()).WaitAsync(cancellationToken);
        Raise(changed);
    }

    /// <summary>Assigns a model to a device, now and for every later connection of its agent.</summary>
    public async Task AssignAsync(int deviceId, AgentAssignment assignment, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(assignment);
        string? connectionId;
        AgentEvent? changed = null;
        lock (_lock)
        {
            _assignments[deviceId] = assignment;
            connectionId = null;
            if (_devices.TryGetValue(deviceId, out var entry) && entry.ConnectionId is not null)
            {
                var before = entry.State;
                entry.Assigned = assignment;
                entry.ModelError = null;
                connectionId = entry.ConnectionId;
                changed = Changed(entry, before);
            }
        }
        Raise(changed);
        if (connectionId is not null)
            await hub.Clients.Client(connectionId).AssignModel(assignment.ToMessage()).WaitAsync(cancellationToken);
    }

    /// <summary>Removes the device's assignment (a connected agent keeps serving what it has loaded).</summary>
    public void Unassign(int deviceId)
    {
        lock (_lock)
            _assignments.Remove(deviceId);
    }

    /// <summary>Forgets a device whose agent is down, so lists no longer show it.</summary>
    public void Forget(int deviceId)
    {
        lock (_lock)
        {
            if (_devices.TryGetValue(deviceId, out var entry) && entry.ConnectionId is null)
                _devices.Remove(deviceId);
        }
    }

    /// <summary>Closes the device's agent connection (the agent reconnects unless it was refused or stopped).</summary>
    public void Disconnect(int deviceId)
    {
        HubCallerContext? context = null;
        lock (_lock)
        {
            if (_devices.TryGetValue(deviceId, out var entry) && entry.ConnectionId is { } id && _connections.TryGetValue(id, out var connection))
                context = connection.Context;
        }
        context?.Abort();
    }

    /// <summary>
    /// Closes every connection registered with token <paramref name="tokenId"/> (it was just revoked): the agent's
    /// reconnection is refused, so it stops. Returns how many were closed.
    /// </summary>
    public int DisconnectToken(int tokenId)
    {
        List<HubCallerContext> closing = [];
        lock (_lock)
        {
            foreach (var entry in _devices.Values)
            {
                if (entry.TokenId == tokenId && entry.ConnectionId is { } id && _connections.TryGetValue(id, out var connection))
                    closing.Add(connection.Context);
            }
        }
        foreach (var context in closing)
            context.Abort();
        return closing.Count;
    }

    /// <summary>Waits until the device's agent satisfies <paramref name="condition"/> (null: never registered or forgotten).</summary>
    public async Task<AgentSnapshot?> WaitForAsync(int deviceId, Func<AgentSnapshot?, bool> condition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var done = new TaskCompletionSource<AgentSnapshot?>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var subscription = notifier.Subscribe(e =>
        {
            if (e.DeviceId == deviceId && condition(e.Agent))
                done.TrySetResult(e.Agent);
            return Task.CompletedTask;
        });
        var now = Find(deviceId);
        if (condition(now))
            return now;
        return await done.Task.WaitAsync(cancellationToken);
    }

    // ---- Hub side -------------------------------------------------------------------------------------------------

    internal void Opened(HubCallerContext context)
    {
        lock (_lock)
            _connections[context.ConnectionId] = new Connection(context, time.GetUtcNow());
    }

    /// <summary>Records that the connection was refused; the watchdog closes it after a grace period.</summary>
    internal void Refused(HubCallerContext context)
    {
        lock (_lock)
        {
            if (_connections.TryGetValue(context.ConnectionId, out var connection))
                connection.RefusedUtc = time.GetUtcNow();
        }
    }

    internal AgentRegistration Register(HubCallerContext context, AgentHello hello, DeviceProfile device, int? tokenId = null)
    {
        HubCallerContext? replaced = null;
        List<TaskCompletionSource<float[]>> orphans = [];
        AgentAssignment? assignment;
        AgentEvent connected;
        lock (_lock)
        {
            if (!_connections.TryGetValue(context.ConnectionId, out var connection))
                throw new HubException("The connection closed while registering.");
            if (connection.Entry is not null)
                throw new HubException("This connection is already registered.");
            if (_devices.TryGetValue(device.Id, out var previous) && previous.ConnectionId is { } previousId)
            {
                // The token proves the device: its newest connection wins, the stale one is closed.
                replaced = _connections.TryGetValue(previousId, out var old) ? old.Context : null;
                if (old is not null)
                    old.Entry = null;
                orphans.AddRange(previous.TakePending());
            }
            assignment = _assignments.GetValueOrDefault(device.Id);
            var entry = new Entry(device, hello, context.ConnectionId, time.GetUtcNow()) { Assigned = assignment, TokenId = tokenId };
            entry.State = entry.Compute();
            _devices[device.Id] = entry;
            connection.Entry = entry;
            connected = new AgentEvent(AgentEventKind.Connected, device.Id, entry.Snapshot());
        }
        replaced?.Abort();
        Fail(orphans, "Another agent connected for the same device.");
        Raise(connected);
        LogRegistered(device.Name, device.Id, hello.AgentVersion ?? "?", hello.ProcessId, hello.Machine ?? "?");
        return new AgentRegistration(true, null, null, AgentProtocol.Version, device.Id, device.Name, AgentAssignment.ProfileOf(device),
            Emulate: false, options.Value.HeartbeatInterval.TotalSeconds, assignment?.ToMessage());
    }

    internal void Throughput(string connectionId, AgentThroughput throughput)
    {
        if (throughput is null || !double.IsFinite(throughput.FlopsPerSecond) || throughput.FlopsPerSecond is <= 0 or > 1e18)
            throw new HubException("The throughput must be a positive, finite number of FLOP/s.");
        Update(connectionId, e => e.MeasuredFlopsPerSecond = throughput.FlopsPerSecond);
    }

    internal void ModelReport(string connectionId, AgentModelStatus status)
    {
        if (status is null)
            throw new HubException("The model status is missing.");
        Update(connectionId, e =>
        {
            // A report on an older assignment changes nothing.
            if (!string.Equals(status.ModelHash, e.Assigned?.ModelHash, StringComparison.Ordinal))
                return;
            e.LoadedHash = status.Loaded ? status.ModelHash : null;
            e.ModelError = status.Loaded ? null : Clip(status.Reason ?? "The agent refused the model without a reason.");
        });
    }

    internal void Heartbeat(string connectionId, AgentHeartbeat heartbeat)
    {
        if (heartbeat is null)
            throw new HubException("The heartbeat is missing.");
        Update(connectionId, e =>
        {
            e.LastHeartbeatUtc = time.GetUtcNow();
            e.HeartbeatLate = false;
            e.Emulating = heartbeat.Emulating;
            e.Queued = Math.Max(0, heartbeat.Queued);
            e.Served = Math.Max(0, heartbeat.Served);
            e.Dropped = Math.Max(0, heartbeat.Dropped);
        });
    }

    internal void Reply(string connectionId, AgentInferenceReply reply)
    {
        if (reply is null)
            throw new HubException("The reply is missing.");
        TaskCompletionSource<float[]>? pending;
        int? width;
        lock (_lock)
        {
            var entry = EntryOf(connectionId);
            if (!entry.Pending.Remove(reply.RequestId, out pending))
                return;   // cancelled, or already answered: a late reply is ignored
            width = entry.Assigned?.Width;
        }
        if (reply.Error is { } error)
            pending.TrySetException(new AgentInferenceException(Clip(error)));
        else if (reply.Features is not { Length: > 0 and <= AgentProtocol.MaxFeatures } features)
            pending.TrySetException(new AgentInferenceException(Text($"The agent replied to request {reply.RequestId} with no features or too many.")));
        else if (width is { } d && features.Length != d)
            pending.TrySetException(new AgentInferenceException(Text($"The agent returned {features.Length} features; its student has {d}.")));
        else if (!features.All(float.IsFinite))
            pending.TrySetException(new AgentInferenceException(Text($"The agent returned features that are not finite for request {reply.RequestId}.")));
        else
            pending.TrySetResult(features);
    }

    internal void Closed(string connectionId, Exception? error)
    {
        List<TaskCompletionSource<float[]>> orphans = [];
        AgentEvent? disconnected = null;
        string? name = null;
        lock (_lock)
        {
            if (_connections.Remove(connectionId, out var connection) && connection.Entry is { } entry && entry.ConnectionId == connectionId)
            {
                entry.ConnectionId = null;
                entry.DownSinceUtc = time.GetUtcNow();
                entry.DownReason = error is null ? "The agent disconnected." : Clip($"The connection was lost: {error.Message}");
                entry.State = AgentState.Down;
                orphans.AddRange(entry.TakePending());
                disconnected = new AgentEvent(AgentEventKind.Disconnected, entry.DeviceId, entry.Snapshot());
                name = entry.DeviceName;
            }
        }
        if (name is not null)
        {
            LogDisconnected(name, error?.Message ?? "closed");
            Fail(orphans, Text($"The agent of device '{name}' disconnected before replying."));
        }
        Raise(disconnected);
    }

    // ---- Watchdog -------------------------------------------------------------------------------------------------

    Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        _watchdog = WatchAsync(_stopping.Token);
        return Task.CompletedTask;
    }

    async Task IHostedService.StopAsync(CancellationToken cancellationToken)
    {
        // A host may stop after its container disposed us (test factories do): then there is nothing left to stop.
        if (Volatile.Read(ref _disposed))
            return;
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check above and here (the container and the host stop concurrently): stopped already.
            return;
        }
        if (_watchdog is not null)
            await _watchdog.WaitAsync(cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, true))
            return;
        _stopping.Cancel();
        _stopping.Dispose();
    }

    private async Task WatchAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(250), time);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                Sweep();
        }
        catch (OperationCanceledException)
        {
            // the studio stops
        }
    }

    /// <summary>Closes connections that never registered or were refused; marks silent agents stalled.</summary>
    internal void Sweep()
    {
        var now = time.GetUtcNow();
        var settings = options.Value;
        List<HubCallerContext> close = [];
        List<AgentEvent> events = [];
        lock (_lock)
        {
            foreach (var connection in _connections.Values)
            {
                if (connection.RefusedUtc is { } refused ? now - refused > RefusedGrace
                    : connection.Entry is null && now - connection.OpenedUtc > settings.RegistrationTimeout)
                    close.Add(connection.Context);
            }
            foreach (var entry in _devices.Values.Where(e => e.ConnectionId is not null))
            {
                var before = entry.State;
                var silent = now - (entry.LastHeartbeatUtc ?? entry.ConnectedUtc);
                entry.HeartbeatLate = silent > settings.StallAfter;
                if (Changed(entry, before) is { } changed)
                    events.Add(changed);
            }
        }
        foreach (var context in close)
            context.Abort();
        foreach (var e in events)
            Raise(e);
    }

    // ---- Helpers --------------------------------------------------------------------------------------------------

    private void Update(string connectionId, Action<Entry> change)
    {
        AgentEvent? changed;
        lock (_lock)
        {
            var entry = EntryOf(connectionId);
            var before = entry.State;
            change(entry);
            changed = Changed(entry, before);
        }
        Raise(changed);
    }

    private Entry EntryOf(string connectionId) =>
        _connections.TryGetValue(connectionId, out var connection) && connection.Entry is { } entry
            ? entry
            : throw new HubException("Register first: this connection has not registered a device.");

    private static AgentEvent? Changed(Entry entry, AgentState before)
    {
        entry.State = entry.Compute();
        return entry.State == before ? null : new AgentEvent(AgentEventKind.StateChanged, entry.DeviceId, entry.Snapshot());
    }

    private void Raise(AgentEvent? agentEvent)
    {
        if (agentEvent is not null)
            _ = notifier.NotifyAsync(agentEvent);
    }

    private void CancelPending(int deviceId, string connectionId, long requestId, TaskCompletionSource<float[]> reply, CancellationToken token)
    {
        if (!RemovePending(deviceId, connectionId, requestId, reply))
            return;
        reply.TrySetCanceled(token);
        // Best effort: the agent skips the request if it has not computed it yet.
        _ = hub.Clients.Client(connectionId).CancelInference(requestId).ContinueWith(
            t => LogCancelFailed(requestId, t.Exception),
            CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
    }

    private bool RemovePending(int deviceId, string connectionId, long requestId, TaskCompletionSource<float[]> reply)
    {
        lock (_lock)
        {
            return _devices.TryGetValue(deviceId, out var entry) && entry.ConnectionId == connectionId
                && entry.Pending.TryGetValue(requestId, out var current) && current == reply && entry.Pending.Remove(requestId);
        }
    }

    private static void Fail(List<TaskCompletionSource<float[]>> pending, string reason)
    {
        foreach (var reply in pending)
            reply.TrySetException(new AgentUnavailableException(reason));
    }

    private static string Clip(string text) => text.Length <= AgentProtocol.MaxTextLength ? text : text[..AgentProtocol.MaxTextLength] + "…";

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent registered for device {Device} (id {DeviceId}): version {Version}, process {ProcessId} on {Machine}.")]
    private partial void LogRegistered(string device, int deviceId, string version, int processId, string machine);

    [LoggerMessage(Level = LogLevel.Information, Message = "Agent of device {Device} disconnected: {Reason}")]
    private partial void LogDisconnected(string device, string reason);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Could not tell an agent to cancel request {RequestId}.")]
    private partial void LogCancelFailed(long requestId, Exception? exception);

    private sealed class Connection(HubCallerContext context, DateTimeOffset openedUtc)
    {
        public HubCallerContext Context { get; } = context;
        public DateTimeOffset OpenedUtc { get; } = openedUtc;
        public DateTimeOffset? RefusedUtc { get; set; }
        public Entry? Entry { get; set; }
    }

    /// <summary>One device's agent; mutated only under the registry's lock.</summary>
    private sealed class Entry(DeviceProfile device, AgentHello hello, string connectionId, DateTimeOffset connectedUtc)
    {
        public int DeviceId { get; } = device.Id;
        public string DeviceName { get; } = device.Name;
        public DeviceProfile Device { get; } = device;
        public string AgentVersion { get; } = Clip(hello.AgentVersion ?? "?");
        public int ProcessId { get; } = hello.ProcessId;
        public string Machine { get; } = Clip(hello.Machine ?? "?");
        public DateTimeOffset ConnectedUtc { get; } = connectedUtc;
        public string? ConnectionId { get; set; } = connectionId;
        public AgentState State { get; set; }
        public double? MeasuredFlopsPerSecond { get; set; }
        public AgentAssignment? Assigned { get; set; }
        public string? LoadedHash { get; set; }
        public string? ModelError { get; set; }
        public bool StallOrdered { get; set; }
        public bool HeartbeatLate { get; set; }
        public int? TokenId { get; set; }
        public DateTimeOffset? LastHeartbeatUtc { get; set; }
        public DateTimeOffset? DownSinceUtc { get; set; }
        public string? DownReason { get; set; }
        public bool Emulating { get; set; } = hello.Emulate;
        public int Queued { get; set; }
        public long Served { get; set; }
        public long Dropped { get; set; }
        public Dictionary<long, TaskCompletionSource<float[]>> Pending { get; } = [];

        /// <summary>The state that follows from what is known; computed, never set by hand (except Down).</summary>
        public AgentState Compute()
        {
            if (ConnectionId is null)
                return AgentState.Down;
            if (StallOrdered || HeartbeatLate)
                return AgentState.Stalled;
            if (MeasuredFlopsPerSecond is null)
                return AgentState.Connecting;
            if (ModelError is not null)
                return AgentState.ModelRejected;
            if (Assigned is null)
                return LoadedHash is null ? AgentState.Idle : AgentState.Ready;
            return string.Equals(LoadedHash, Assigned.ModelHash, StringComparison.Ordinal) ? AgentState.Ready : AgentState.LoadingModel;
        }

        public List<TaskCompletionSource<float[]>> TakePending()
        {
            var pending = Pending.Values.ToList();
            Pending.Clear();
            return pending;
        }

        public AgentSnapshot Snapshot() => new(DeviceId, DeviceName, State, Reason(), AgentVersion, ProcessId, Machine, MeasuredFlopsPerSecond,
            Device.ComputeFlopsPerSecond, LoadedHash, Assigned?.ModelHash, ConnectedUtc, LastHeartbeatUtc, DownSinceUtc, Emulating, Pending.Count,
            Queued, Served, Dropped);

        private string? Reason() => State switch
        {
            AgentState.Down => DownReason,
            AgentState.Stalled => StallOrdered ? "A stall was ordered." : "No heartbeat: the agent stopped answering.",
            AgentState.ModelRejected => ModelError,
            _ => null,
        };
    }
}
