namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>The studio's answer to <see cref="AgentHello"/>. A refused agent logs <see cref="Reason"/> and exits.</summary>
/// <param name="Accepted">Whether the agent may serve as the device.</param>
/// <param name="RefusalCode">One of <see cref="AgentRefusalCodes"/> when refused.</param>
/// <param name="Reason">Why it was refused, in words.</param>
/// <param name="StudioProtocolVersion">The version the studio speaks.</param>
/// <param name="DeviceId">The device's id (0 when refused).</param>
/// <param name="DeviceName">The device's name as stored.</param>
/// <param name="Profile">The device's figures, for emulation.</param>
/// <param name="Emulate">Whether to emulate the profile (the agent's request or the studio's setting).</param>
/// <param name="HeartbeatIntervalSeconds">How often to send <see cref="AgentProtocol.Heartbeat"/>.</param>
/// <param name="Assignment">The model to load now, if the device has one.</param>
public sealed record AgentRegistration(
    bool Accepted,
    string? RefusalCode,
    string? Reason,
    int StudioProtocolVersion,
    int DeviceId,
    string? DeviceName,
    AgentDeviceProfile? Profile,
    bool Emulate,
    double HeartbeatIntervalSeconds,
    AgentModelAssignment? Assignment);
