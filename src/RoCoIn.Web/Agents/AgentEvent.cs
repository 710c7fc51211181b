namespace RoCoIn.Web.Agents;

/// <summary>What happened to an agent or the local fleet.</summary>
public enum AgentEventKind
{
    /// <summary>An agent registered (possibly replacing the device's previous connection).</summary>
    Connected,
    /// <summary>An agent's connection closed; its pending requests failed.</summary>
    Disconnected,
    /// <summary>A connected agent changed state (measured, loaded, stalled, resumed, rejected a model).</summary>
    StateChanged,
    /// <summary>Local fleet processes started, exited, were killed, hung or resumed.</summary>
    LocalFleetChanged,
}

/// <summary>News from <see cref="AgentRegistry"/> or <see cref="LocalFleet"/>.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="DeviceId">The device concerned, if one.</param>
/// <param name="Agent">The agent after the change (null for fleet-wide news).</param>
public sealed record AgentEvent(AgentEventKind Kind, int? DeviceId, AgentSnapshot? Agent);
