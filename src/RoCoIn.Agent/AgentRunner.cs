using System.Globalization;
using System.Reflection;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>
/// The agent's life: connect out to the studio, register, measure throughput, load the assigned model, serve, and
/// reconnect when the connection drops, until an order, a signal or the parent's exit stops it, or the studio refuses.
/// </summary>
public sealed class AgentRunner : IAsyncDisposable
{
    /// <summary>How often the agent pings the studio; the studio drops a connection silent for 3 s.</summary>
    public static readonly TimeSpan KeepAliveInterval = TimeSpan.FromSeconds(1);

    /// <summary>How long the agent waits for any message (the studio pings every second) before reconnecting.</summary>
    public static readonly TimeSpan ServerTimeout = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(5);

    private readonly AgentOptions _options;
    private readonly AgentLog _log;
    private readonly HttpClient _http;
    private readonly HubConnection _connection;
    private readonly ModelLoader _models;
    private readonly InferenceWorker _worker;
    private readonly Channel<AgentModelAssignment> _assignments = Channel.CreateUnbounded<AgentModelAssignment>();
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private AgentThroughput? _throughput;
    private AgentDeviceProfile? _storedProfile;

    public AgentRunner(AgentOptions options, AgentLog log)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options;
        _log = log;
        _http = new HttpClient { BaseAddress = options.Studio, Timeout = TimeSpan.FromSeconds(60) };
        _models = new ModelLoader(_http, options.Token, options.Threads);
        _connection = new HubConnectionBuilder()
            // Agents connect out through NAT: WebSockets only, no negotiate round trip.
            .WithUrl(options.HubUri, HttpTransportType.WebSockets, o => o.SkipNegotiation = true)
            .AddMessagePackProtocol()
            .ConfigureLogging(logging => logging.AddProvider(new AgentLoggerProvider(log, options.Verbose ? LogLevel.Warning : LogLevel.None)))
            .Build();
        _connection.KeepAliveInterval = KeepAliveInterval;
        _connection.ServerTimeout = ServerTimeout;
        _connection.HandshakeTimeout = TimeSpan.FromSeconds(10);
        _worker = new InferenceWorker(reply => _connection.SendAsync(AgentProtocol.InferenceReply, reply), log);

        _connection.On<AgentModelAssignment>(AgentProtocol.AssignModel, a => _assignments.Writer.TryWrite(a));
        _connection.On<AgentInferenceRequest>(AgentProtocol.Infer, _worker.Enqueue);
        _connection.On<long>(AgentProtocol.CancelInference, _worker.Cancel);
        _connection.On<AgentOrderMessage>(AgentProtocol.Order, OnOrder);
        _connection.Closed += error =>
        {
            Volatile.Read(ref _closed).TrySetResult(error);
            return Task.CompletedTask;
        };
    }

    /// <summary>This build's version, as the studio shows it.</summary>
    public static string Version { get; } = (typeof(AgentRunner).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()
        ?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>Runs until stopped; returns the process exit code (<see cref="AgentExitCodes"/>).</summary>
    public async Task<int> RunAsync(CancellationToken stop)
    {
        using var cancellation = CancellationTokenSource.CreateLinkedTokenSource(stop);
        using var onStop = stop.Register(() => _exit.TrySetResult(AgentExitCodes.Stopped));
        if (_options.ParentPid is { } parent)
            _ = WatchParentAsync(parent, cancellation.Token);
        var worker = _worker.RunAsync(cancellation.Token);
        var sessions = ConnectLoopAsync(cancellation.Token);

        var first = await Task.WhenAny(_exit.Task, sessions);
        var code = first == _exit.Task ? await _exit.Task : await sessions;
        await cancellation.CancelAsync();
        await StopConnectionAsync();
        try
        {
            await worker;
        }
        catch (OperationCanceledException)
        {
            // the normal end of the worker
        }
        return code;
    }

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _models.Dispose();
        _http.Dispose();
    }

    private async Task<int> ConnectLoopAsync(CancellationToken cancellationToken)
    {
        var backoff = TimeSpan.FromMilliseconds(250);
        while (!cancellationToken.IsCancellationRequested)
        {
            Volatile.Write(ref _closed, new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously));
            AgentRegistration registration;
            try
            {
                await _connection.StartAsync(cancellationToken);
                registration = await _connection.InvokeAsync<AgentRegistration>(AgentProtocol.Register, Hello(), cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return AgentExitCodes.Stopped;
            }
#pragma warning disable CA1031 // Whatever stops the connection (refused, reset, DNS, TLS), the agent tries again.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                _log.Warn(string.Create(CultureInfo.InvariantCulture,
                    $"Cannot reach the studio at {_options.HubUri}: {ex.Message} Retrying in {backoff.TotalSeconds:0.##} s."));
                await StopConnectionAsync();
                await Task.Delay(backoff, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
                backoff = TimeSpan.FromTicks(Math.Min(backoff.Ticks * 2, MaxBackoff.Ticks));
                continue;
            }

            if (!registration.Accepted)
            {
                _log.Error($"Refused by the studio ({registration.RefusalCode}): {registration.Reason}");
                await StopConnectionAsync();
                return AgentExitCodes.ForRefusal(registration.RefusalCode);
            }
            backoff = TimeSpan.FromMilliseconds(250);
            _log.Info(string.Create(CultureInfo.InvariantCulture,
                $"Registered with the studio as device '{registration.DeviceName}' (id {registration.DeviceId}), protocol {registration.StudioProtocolVersion}{(registration.Emulate || _options.Emulate ? ", emulating its profile" : "")}."));
            var lost = await ServeAsync(registration, cancellationToken);
            if (cancellationToken.IsCancellationRequested)
                return AgentExitCodes.Stopped;
            _log.Warn($"Lost the studio connection ({lost?.Message ?? "closed by the studio"}); reconnecting.");
        }
        return AgentExitCodes.Stopped;
    }

    /// <summary>Serves one registered connection; returns when it closes.</summary>
    private async Task<Exception?> ServeAsync(AgentRegistration registration, CancellationToken cancellationToken)
    {
        _storedProfile = registration.Profile;
        _worker.Update(c => c with
        {
            Emulate = c.Emulate || _options.Emulate || registration.Emulate,
            Profile = registration.Assignment?.Profile ?? registration.Profile,
        });
        // Assignments queued for the previous connection are stale: the registration carries the current one.
        while (_assignments.Reader.TryRead(out _))
        {
        }
        using var session = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var interval = TimeSpan.FromSeconds(Math.Clamp(registration.HeartbeatIntervalSeconds, 0.1, 60));
        var heartbeat = HeartbeatAsync(interval, session.Token);
        var control = ControlAsync(registration.Assignment, session.Token);
        Exception? lost;
        try
        {
            lost = await Volatile.Read(ref _closed).Task.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            lost = null;
        }
        await session.CancelAsync();
        await Task.WhenAll(heartbeat, control);
        return lost;
    }

    private async Task ControlAsync(AgentModelAssignment? assignment, CancellationToken cancellationToken)
    {
        try
        {
            if (_throughput is null)
            {
                try
                {
                    _throughput = await Task.Run(() => ThroughputBenchmark.Measure(TimeSpan.FromSeconds(_options.BenchmarkSeconds), _options.Threads,
                        cancellationToken), cancellationToken);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A host that cannot run the benchmark through ONNX Runtime cannot serve a student either.
                    _log.Error($"The throughput benchmark failed: {ex.Message}");
                    _exit.TrySetResult(AgentExitCodes.Failed);
                    return;
                }
                _log.Info(string.Create(CultureInfo.InvariantCulture,
                    $"Measured throughput: {SiFormat.Flops(_throughput.FlopsPerSecond)} ({_throughput.Runs} runs of {SiFormat.FlopCount(_throughput.BenchmarkFlops)} in {_throughput.Seconds:0.###} s)."));
            }
            await ReportAsync(() => _connection.InvokeAsync(AgentProtocol.ReportThroughput, _throughput, cancellationToken));
            if (assignment is not null)
                await ReportAsync(() => ApplyAsync(assignment, cancellationToken));
            await foreach (var next in _assignments.Reader.ReadAllAsync(cancellationToken))
                await ReportAsync(() => ApplyAsync(next, cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // the connection closed or the agent stops
        }
    }

    /// <summary>Runs one exchange with the studio; a failure is logged and the next assignment is still served.</summary>
    private async Task ReportAsync(Func<Task> exchange)
    {
        try
        {
            await exchange();
        }
#pragma warning disable CA1031 // The connection may close under a call; the next registration starts over.
        catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
        {
            _log.Warn($"A report to the studio failed: {ex.Message}");
        }
    }

    private async Task ApplyAsync(AgentModelAssignment assignment, CancellationToken cancellationToken)
    {
        _log.Info(string.Create(CultureInfo.InvariantCulture,
            $"Assigned model {Short(assignment.ModelHash)} (partition {assignment.Partition}, {assignment.Width} features, {SiFormat.FlopCount(assignment.Flops)})."));
        _worker.Update(c => c with { Profile = assignment.Profile ?? _storedProfile });
        var (model, error) = await _models.LoadAsync(assignment, cancellationToken);
        _worker.Model = model;
        if (model is null)
            _log.Error($"Refused model {Short(assignment.ModelHash)}: {error}");
        else
            _log.Info($"Model {Short(model.Hash)} verified and loaded; serving.");
        await _connection.InvokeAsync(AgentProtocol.ReportModel, new AgentModelStatus(assignment.ModelHash ?? "", model is not null, error), cancellationToken);
    }

    private async Task HeartbeatAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            do
            {
                // A stalled agent is silent, like a hung one.
                await _worker.WhenRunningAsync(cancellationToken);
                try
                {
                    await _connection.SendAsync(AgentProtocol.Heartbeat, new AgentHeartbeat(_worker.Model?.Hash, _worker.Queued, _worker.Served,
                        _worker.Dropped, _worker.Conditions.Emulate), cancellationToken);
                }
#pragma warning disable CA1031 // A broken connection ends the session through the Closed event, not here.
                catch (Exception ex) when (ex is not OperationCanceledException)
#pragma warning restore CA1031
                {
                }
            }
            while (await timer.WaitForNextTickAsync(cancellationToken));
        }
        catch (OperationCanceledException)
        {
            // the session ended
        }
    }

    private void OnOrder(AgentOrderMessage order)
    {
        if (order?.Kind == AgentOrderKinds.Shutdown)
        {
            _log.Info("Shutdown ordered by the studio.");
            _exit.TrySetResult(AgentExitCodes.Stopped);
            return;
        }
        DeviceConditions? next = null;
        if (order is not null)
            _worker.Update(c => (next = c.After(order)) ?? c);
        if (next is null)
            _log.Warn($"Ignored an unknown order '{order?.Kind}'.");
        else
            _log.Info(string.Create(CultureInfo.InvariantCulture, $"Order from the studio: {order!.Kind}{Detail(order)}."));
    }

    private static string Detail(AgentOrderMessage order) => order.Kind switch
    {
        AgentOrderKinds.Slow => string.Create(CultureInfo.InvariantCulture, $" ×{order.Factor:0.###}"),
        AgentOrderKinds.Link => string.Create(CultureInfo.InvariantCulture, $" +{order.ExtraLatencySeconds * 1e3:0.###} ms each way, rates ÷{order.Factor:0.###}"),
        _ => "",
    };

    private async Task WatchParentAsync(int pid, CancellationToken cancellationToken)
    {
        try
        {
            await ParentWatcher.WaitForExitAsync(pid, TimeSpan.FromMilliseconds(250), cancellationToken);
            _log.Warn(string.Create(CultureInfo.InvariantCulture, $"Parent process {pid} exited; stopping."));
            _exit.TrySetResult(AgentExitCodes.ParentExited);
        }
        catch (OperationCanceledException)
        {
            // the agent stops for another reason
        }
    }

    private AgentHello Hello() => new(_options.ProtocolVersion, _options.Device, _options.Token, Version, Environment.ProcessId,
        Environment.MachineName, _options.Emulate);

    private async Task StopConnectionAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await _connection.StopAsync(timeout.Token);
        }
#pragma warning disable CA1031 // Stopping a broken connection may fail; it is gone either way.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    private static string Short(string? hash) => hash is { Length: > 12 } ? hash[..12] : hash ?? "";
}
