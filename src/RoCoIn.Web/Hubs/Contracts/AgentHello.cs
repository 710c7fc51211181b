namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>What an agent says first (<see cref="AgentProtocol.Register"/>).</summary>
/// <param name="ProtocolVersion">The agent's <see cref="AgentProtocol.Version"/>.</param>
/// <param name="Device">The device's name in the studio.</param>
/// <param name="Token">The device's agent token, as issued (shown once).</param>
/// <param name="AgentVersion">The agent build's version.</param>
/// <param name="ProcessId">The agent's process id on its machine.</param>
/// <param name="Machine">The machine's host name.</param>
/// <param name="Emulate">Whether the agent was started with --emulate.</param>
public sealed record AgentHello(int ProtocolVersion, string? Device, string? Token, string? AgentVersion, int ProcessId, string? Machine, bool Emulate);
