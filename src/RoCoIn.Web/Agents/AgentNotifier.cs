using RoCoIn.Web.Notifications;

namespace RoCoIn.Web.Agents;

/// <summary>
/// In-process news of agents and the local fleet, for pages and the coordinator.
/// </summary>
public sealed class AgentNotifier(ILogger<AgentNotifier> logger) : InProcessNotifier<AgentEvent>(logger)
{
    protected override string Describe(AgentEvent update) => $"agent event {update.Kind} of device {update.DeviceId}";
}
