using System.Globalization;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Agents;

namespace RoCoIn.Web.Runs.Real;

/// <summary>
/// Applies failures to real devices and remembers what it applied, for the devices view: crash = kill the agent
/// process, hang = stop it (SIGSTOP), recover = restart it (or continue it after a hang), slow = the agent's emulated slow-down, link = added delay and lower rates, or a cut.
/// Not thread-safe: the real run calls it from one control path at a time.
/// </summary>
internal sealed class RealDeviceControl(RealRunServices services)
{
    private readonly Dictionary<int, double> _slow = [];
    private readonly HashSet<int> _degraded = [];
    private readonly HashSet<int> _cut = [];

    public double SlowFactor(int deviceId) => _slow.GetValueOrDefault(deviceId, 1);

    public bool LinkDegraded(int deviceId) => _degraded.Contains(deviceId);

    public bool LinkCut(int deviceId) => _cut.Contains(deviceId);

    /// <summary>Why the action cannot be applied to the device now, or null.</summary>
    public string? Refusal(InjectionAction action, int deviceId, string deviceName)
    {
        var local = services.Fleet.Find(deviceId);
        if ((action is InjectionAction.Crash or InjectionAction.Recover or InjectionAction.Hang) && local is null)
            return $"Device '{deviceName}' has no agent process in the local fleet to {(action == InjectionAction.Recover ? "restart" : action == InjectionAction.Hang ? "stop" : "kill")}.";
        if (action == InjectionAction.Hang && local!.State != LocalAgentState.Running)
            return $"Device '{deviceName}' has no running agent process to hang (it is {local.State.ToString().ToLowerInvariant()}).";
        var live = services.Registry.Find(deviceId)?.IsConnected == true;
        if ((action is InjectionAction.Slow or InjectionAction.RestoreSpeed or InjectionAction.DegradeLink or InjectionAction.CutLink
            or InjectionAction.RestoreLink) && !live)
        {
            return $"Device '{deviceName}' is down: its agent cannot take orders; recover it first.";
        }
        return null;
    }

    /// <summary>Kills, restarts or orders the device's agent; returns once the order is given (a restart does not wait until it serves).</summary>
    public async Task ApplyAsync(InjectionAction action, int deviceId, double factor, double extraLatencySeconds, CancellationToken cancellationToken)
    {
        switch (action)
        {
            case InjectionAction.Crash:
                await services.Fleet.KillAsync(deviceId, cancellationToken);
                break;
            case InjectionAction.Hang:
                services.Fleet.Hang(deviceId);
                break;
            case InjectionAction.Recover:
                if (services.Fleet.Find(deviceId)?.State == LocalAgentState.Hung)
                    services.Fleet.Resume(deviceId);
                else
                    await services.Fleet.RestartAsync(deviceId, cancellationToken);
                // A restarted agent starts clean: earlier orders are gone.
                _slow.Remove(deviceId);
                _degraded.Remove(deviceId);
                _cut.Remove(deviceId);
                break;
            case InjectionAction.Slow:
                await services.Registry.OrderAsync(deviceId, AgentOrder.Slow(factor), cancellationToken);
                _slow[deviceId] = factor;
                break;
            case InjectionAction.RestoreSpeed:
                await services.Registry.OrderAsync(deviceId, AgentOrder.Slow(1), cancellationToken);
                _slow.Remove(deviceId);
                break;
            case InjectionAction.DegradeLink:
                await services.Registry.OrderAsync(deviceId, AgentOrder.Link(extraLatencySeconds, 1 / factor), cancellationToken);
                _degraded.Add(deviceId);
                break;
            case InjectionAction.CutLink:
                await services.Registry.OrderAsync(deviceId, AgentOrder.Cut(), cancellationToken);
                _cut.Add(deviceId);
                break;
            case InjectionAction.RestoreLink:
                // The agent's restore undoes every order; a slow-down still in effect is given again.
                await services.Registry.OrderAsync(deviceId, AgentOrder.Restore(), cancellationToken);
                _degraded.Remove(deviceId);
                _cut.Remove(deviceId);
                if (_slow.TryGetValue(deviceId, out var slow))
                    await services.Registry.OrderAsync(deviceId, AgentOrder.Slow(slow), cancellationToken);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(action), action, "Unknown injection action.");
        }
    }

    /// <summary>The device as the live page shows it: up while its agent serves, busy with requests outstanding.</summary>
    public DeviceSnapshot Snapshot(SimulatedDevice device)
    {
        var agent = services.Registry.Find(device.DeviceId);
        var up = agent?.State == AgentState.Ready;
        var outstanding = agent?.Pending ?? 0;
        return new DeviceSnapshot(device.DeviceId, device.Group, up, SlowFactor(device.DeviceId), LinkDegraded(device.DeviceId),
            LinkCut(device.DeviceId), up && outstanding > 0, up ? outstanding : 0);
    }

    public static string Describe(InjectionAction action, double factor, double extraLatencySeconds) => action switch
    {
        InjectionAction.Crash => "killed its agent process",
        InjectionAction.Recover => "recovered its agent (restart, or SIGCONT after a hang)",
        InjectionAction.Hang => "stopped its agent process (SIGSTOP): connected but silent",
        InjectionAction.Slow => string.Create(CultureInfo.InvariantCulture, $"slowed its agent ×{factor:0.###}"),
        InjectionAction.RestoreSpeed => "restored its agent's speed",
        InjectionAction.DegradeLink => string.Create(CultureInfo.InvariantCulture,
            $"degraded its link (rates ×{factor:0.###}, +{extraLatencySeconds * 1e3:0.###} ms each way)"),
        InjectionAction.CutLink => "cut its link",
        InjectionAction.RestoreLink => "restored its link",
        _ => action.ToString(),
    };
}
