using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Agents;

/// <summary>
/// Runs one agent process per device of a saved plan on this machine: issues each a fresh token, assigns it its
/// group's student, starts it with --parent-pid (so it dies with the studio), and restarts, kills (crash), stops
/// (SIGSTOP, a hang) or continues it on demand. Every process is killed and reaped when the fleet or the studio stops.
/// </summary>
public sealed partial class LocalFleet(
    AgentRegistry registry,
    AgentTokenStore tokens,
    PlanAssigner assigner,
    AgentProgram program,
    IServer server,
    AgentNotifier notifier,
    IOptions<AgentsOptions> options,
    TimeProvider time,
    ILogger<LocalFleet> logger) : IHostedService, IDisposable
{
    /// <summary>Label of the tokens the local fleet issues; they are revoked when it stops (and at start-up, after a crash).</summary>
    public const string TokenLabel = "local fleet";

    private static readonly TimeSpan ReapTimeout = TimeSpan.FromSeconds(10);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Lock _lock = new();
    private readonly Dictionary<int, LocalAgent> _agents = [];
    private LocalFleetInfo? _current;

    /// <summary>The fleet running now, or null.</summary>
    public LocalFleetInfo? Current
    {
        get
        {
            lock (_lock)
                return _current;
        }
    }

    /// <summary>Its agent processes, by device name.</summary>
    public IReadOnlyList<LocalAgentInfo> Agents
    {
        get
        {
            lock (_lock)
                return _agents.Values.Select(a => a.Info()).OrderBy(a => a.DeviceName, StringComparer.OrdinalIgnoreCase).ToList();
        }
    }

    /// <summary>The local process of <paramref name="deviceId"/>, or null when the device is not in the local fleet.</summary>
    public LocalAgentInfo? Find(int deviceId)
    {
        lock (_lock)
            return _agents.TryGetValue(deviceId, out var agent) ? agent.Info() : null;
    }

    /// <summary>
    /// Stops any running fleet, then starts one agent per device in the plan's groups (unused devices stay off). The
    /// model set defaults to the one the plan was based on, else the newest distilled for it; without one the agents
    /// wait idle.
    /// </summary>
    public async Task<LocalFleetStart> StartFleetAsync(int planId, int? modelSetId, bool emulate, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var (assignment, refusal) = await assigner.ResolveAsync(planId, modelSetId, cancellationToken);
            if (assignment is null)
                return LocalFleetStart.Refused(refusal!);
            var (plan, set) = (assignment.Plan, assignment.ModelSet);
            string programPath, studioUrl;
            try
            {
                programPath = program.Path();
                studioUrl = StudioUrl();
            }
            catch (InvalidOperationException ex)
            {
                return LocalFleetStart.Refused(ex.Message);
            }

            await StopCoreAsync(cancellationToken);
            // Devices the plan names that this studio lacks (or cannot tell apart) are not started; the rest run.
            var notes = assignment.Problems.Select(p => p + " Its agent was not started.").ToList();
            var launch = new Launch(programPath, studioUrl, emulate);
            foreach (var device in assignment.Devices)
            {
                var stored = device.Device;
                var issued = await tokens.IssueAsync(stored.Id, TokenLabel, cancellationToken);
                if (issued.Value is not { } token)
                {
                    notes.Add($"No token could be issued for device '{stored.Name}': {issued.Message}");
                    continue;
                }
                if (assignment.StudentOf(device) is { } student)
                    await registry.AssignAsync(stored.Id, student, cancellationToken);
                else
                    registry.Unassign(stored.Id);
                var agent = new LocalAgent(stored.Id, stored.Name, token.Token, launch, options.Value.LogLines);
                lock (_lock)
                    _agents[stored.Id] = agent;
                Start(agent);
            }
            if (set is null)
                notes.Add($"Plan '{plan.Name}' has no distilled model set: the agents connect and measure, then wait idle.");
            int count;
            lock (_lock)
            {
                count = _agents.Count;
                _current = new LocalFleetInfo(plan.Id, plan.Name, set?.Id, set?.Name, emulate, time.GetUtcNow(), count);
            }
            LogStarted(count, plan.Name, emulate);
            Raise(null);
            return new LocalFleetStart(true, null, count, notes);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills and reaps every agent process, forgets their agents and revokes their tokens.</summary>
    public async Task StopFleetAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            await StopCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Kills the device's agent process if it runs (or hangs), and starts a new one with the same token.</summary>
    public async Task RestartAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            var agent = Get(deviceId);
            await KillProcessAsync(agent, cancellationToken);
            Start(agent);
            Raise(deviceId);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>Crash injection: kills the device's agent process (SIGKILL) and reaps it.</summary>
    public async Task KillAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        var agent = Get(deviceId);
        await KillProcessAsync(agent, cancellationToken);
        Raise(deviceId);
    }

    /// <summary>Hang injection: stops the device's agent process with SIGSTOP; its connection times out.</summary>
    public void Hang(int deviceId) => Signal(deviceId, LocalAgentState.Running, LocalAgentState.Hung, PosixSignals.Stop);

    /// <summary>Continues a hung agent process with SIGCONT; it reconnects and serves again.</summary>
    public void Resume(int deviceId) => Signal(deviceId, LocalAgentState.Hung, LocalAgentState.Running, PosixSignals.Continue);

    async Task IHostedService.StartAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Agents of a previous run died with it (--parent-pid); their tokens must not outlive them.
            var revoked = await tokens.RevokeLabelledAsync(TokenLabel, cancellationToken);
            if (revoked > 0)
                LogRevokedLeftovers(revoked);
        }
#pragma warning disable CA1031 // A database problem here must not stop the studio; /health reports the database.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRevokeFailed(ex.Message);
        }
    }

    Task IHostedService.StopAsync(CancellationToken cancellationToken) => StopCoreAsync(CancellationToken.None);

    /// <summary>The last resort when the container goes without the host stopping us: kill and reap what is left.</summary>
    public void Dispose()
    {
        List<LocalAgent> agents;
        lock (_lock)
        {
            agents = [.. _agents.Values];
            _agents.Clear();
            _current = null;
        }
        foreach (var agent in agents)
        {
            try
            {
                if (agent.Process is { HasExited: false } process)
                {
                    process.Kill(entireProcessTree: true);
                    process.WaitForExit(ReapTimeout);
                }
            }
            catch (InvalidOperationException)
            {
                // already gone
            }
            agent.Dispose();
        }
        _gate.Dispose();
    }

    private async Task StopCoreAsync(CancellationToken cancellationToken)
    {
        List<LocalAgent> agents;
        lock (_lock)
        {
            agents = [.. _agents.Values];
            _agents.Clear();
            _current = null;
        }
        if (agents.Count == 0)
            return;
        await Task.WhenAll(agents.Select(a => KillProcessAsync(a, CancellationToken.None)));
        foreach (var agent in agents)
        {
            registry.Unassign(agent.DeviceId);
            // The hub sees a killed agent's socket close at once; give it a moment before the row is dropped.
            using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            wait.CancelAfter(TimeSpan.FromSeconds(2));
            try
            {
                await registry.WaitForAsync(agent.DeviceId, s => s is null || !s.IsConnected, wait.Token);
            }
            catch (OperationCanceledException)
            {
                // forget it anyway below, if it is down by then
            }
            registry.Forget(agent.DeviceId);
            agent.Dispose();
        }
        try
        {
            await tokens.RevokeLabelledAsync(TokenLabel, CancellationToken.None);
        }
#pragma warning disable CA1031 // Shutting down with a broken database still kills every process above.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            LogRevokeFailed(ex.Message);
        }
        LogStopped(agents.Count);
        Raise(null);
    }

    private void Start(LocalAgent agent)
    {
        var launch = agent.Launch;
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(launch.ProgramPath),
        };
        start.ArgumentList.Add(launch.ProgramPath);
        foreach (var arg in new[] { "--studio", launch.StudioUrl, "--device", agent.DeviceName,
                     "--parent-pid", Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                     "--benchmark-seconds", options.Value.BenchmarkSeconds.ToString(CultureInfo.InvariantCulture),
                     "--threads", options.Value.Threads.ToString(CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(arg);
        if (launch.Emulate)
            start.ArgumentList.Add("--emulate");
        // In the environment, not on the command line: /proc/<pid>/cmdline is world-readable.
        start.Environment[AgentProtocol.TokenVariable] = agent.Token;

        var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.ErrorDataReceived += (_, e) => agent.AddLine(e.Data);
        process.OutputDataReceived += (_, e) => agent.AddLine(e.Data);
        process.Exited += (_, _) => OnExited(agent, process);
        process.Start();
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        lock (_lock)
            agent.Started(process, time.GetUtcNow());
        LogAgentStarted(agent.DeviceName, process.Id);
    }

    private void OnExited(LocalAgent agent, Process process)
    {
        int code;
        try
        {
            code = process.ExitCode;
        }
        catch (InvalidOperationException)
        {
            return;   // disposed by a stop that got there first
        }
        bool current;
        lock (_lock)
            current = agent.Exited(process, code);
        if (!current)
            return;
        LogAgentExited(agent.DeviceName, code);
        Raise(agent.DeviceId);
    }

    private async Task KillProcessAsync(LocalAgent agent, CancellationToken cancellationToken)
    {
        Process? process;
        lock (_lock)
            process = agent.Process;
        if (process is null)
            return;
        try
        {
            if (!process.HasExited)
            {
                lock (_lock)
                    agent.Killed = true;
                process.Kill(entireProcessTree: true);
            }
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(ReapTimeout);
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (InvalidOperationException)
        {
            // it had already gone
        }
        lock (_lock)
            agent.Exited(process, process.HasExited ? process.ExitCode : null);
    }

    private void Signal(int deviceId, LocalAgentState from, LocalAgentState to, Action<int> send)
    {
        var agent = Get(deviceId);
        lock (_lock)
        {
            if (agent.State != from || agent.Process is not { } process)
                throw new InvalidOperationException($"The agent of device '{agent.DeviceName}' is {agent.State.ToString().ToLowerInvariant()}, not {from.ToString().ToLowerInvariant()}.");
            send(process.Id);
            agent.State = to;
        }
        Raise(deviceId);
    }

    private LocalAgent Get(int deviceId)
    {
        lock (_lock)
        {
            return _agents.TryGetValue(deviceId, out var agent)
                ? agent
                : throw new InvalidOperationException(Text($"Device {deviceId} has no agent in the local fleet."));
        }
    }

    private string StudioUrl()
    {
        var configured = options.Value.StudioUrl;
        if (!string.IsNullOrWhiteSpace(configured))
            return configured.TrimEnd('/');
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var chosen = addresses.OrderBy(a => a.StartsWith("http://", StringComparison.OrdinalIgnoreCase) ? 0 : 1).FirstOrDefault()
            ?? throw new InvalidOperationException("The studio has no listening address to give local agents; set RoCoIn:Agents:StudioUrl.");
        // A wildcard listener is reached through loopback from this machine.
        foreach (var wildcard in new[] { "://+:", "://*:", "://0.0.0.0:", "://[::]:" })
            chosen = chosen.Replace(wildcard, "://127.0.0.1:", StringComparison.Ordinal);
        return chosen.TrimEnd('/');
    }

    private void Raise(int? deviceId) =>
        _ = notifier.NotifyAsync(new AgentEvent(AgentEventKind.LocalFleetChanged, deviceId, deviceId is { } id ? registry.Find(id) : null));

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local fleet started: {Count} agents for plan {Plan} (emulation {Emulate}).")]
    private partial void LogStarted(int count, string plan, bool emulate);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local fleet stopped: {Count} agent processes killed and reaped.")]
    private partial void LogStopped(int count);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Local agent for device {Device} started as process {ProcessId}.")]
    private partial void LogAgentStarted(string device, int processId);

    [LoggerMessage(Level = LogLevel.Information, Message = "Local agent for device {Device} exited with code {ExitCode}.")]
    private partial void LogAgentExited(string device, int exitCode);

    [LoggerMessage(Level = LogLevel.Information, Message = "Revoked {Count} local-fleet agent tokens left by a previous run.")]
    private partial void LogRevokedLeftovers(int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not revoke local-fleet agent tokens: {Reason}")]
    private partial void LogRevokeFailed(string reason);

    private sealed record Launch(string ProgramPath, string StudioUrl, bool Emulate);

    /// <summary>One device's process slot; mutated under the fleet's lock (its log has its own).</summary>
    private sealed class LocalAgent(int deviceId, string deviceName, string token, Launch launch, int logLines) : IDisposable
    {
        private readonly Queue<string> _log = new();

        public int DeviceId { get; } = deviceId;
        public string DeviceName { get; } = deviceName;
        public string Token { get; } = token;
        public Launch Launch { get; } = launch;
        public Process? Process { get; private set; }
        public LocalAgentState State { get; set; } = LocalAgentState.Exited;
        public int? ExitCode { get; private set; }
        public bool Killed { get; set; }
        public DateTimeOffset StartedUtc { get; private set; }
        public int Starts { get; private set; }

        public void Started(Process process, DateTimeOffset now)
        {
            Process?.Dispose();
            Process = process;
            State = LocalAgentState.Running;
            ExitCode = null;
            Killed = false;
            StartedUtc = now;
            Starts++;
        }

        /// <summary>Records the exit; false when <paramref name="process"/> is no longer this slot's process.</summary>
        public bool Exited(Process process, int? code)
        {
            if (!ReferenceEquals(process, Process))
                return false;
            State = LocalAgentState.Exited;
            ExitCode ??= code;
            return true;
        }

        public void AddLine(string? line)
        {
            if (line is null)
                return;
            lock (_log)
            {
                _log.Enqueue(line);
                while (_log.Count > logLines)
                    _log.Dequeue();
            }
        }

        public LocalAgentInfo Info()
        {
            string[] lines;
            lock (_log)
                lines = [.. _log];
            return new LocalAgentInfo(DeviceId, DeviceName, Process is null ? null : SafeId(Process), State, ExitCode, Killed, StartedUtc, Starts, lines);
        }

        public void Dispose()
        {
            Process?.Dispose();
            Process = null;
        }

        private static int? SafeId(Process process)
        {
            try
            {
                return process.Id;
            }
            catch (InvalidOperationException)
            {
                return null;
            }
        }
    }
}
