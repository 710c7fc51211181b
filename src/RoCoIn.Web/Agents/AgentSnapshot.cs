namespace RoCoIn.Web.Agents;

/// <summary>One device's agent as the registry knows it at one moment. Values are SI.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceName">Its name.</param>
/// <param name="State">Its state.</param>
/// <param name="Reason">Why it is stalled, rejected its model, or down.</param>
/// <param name="AgentVersion">The agent build's version.</param>
/// <param name="ProcessId">The agent's process id on its machine.</param>
/// <param name="Machine">The agent's host name.</param>
/// <param name="MeasuredFlopsPerSecond">Throughput the agent measured, FLOP/s; null until reported.</param>
/// <param name="ProfileFlopsPerSecond">The device profile's f_n, FLOP/s.</param>
/// <param name="ModelHash">The model the agent has loaded.</param>
/// <param name="AssignedModelHash">The model the studio assigned.</param>
/// <param name="ConnectedUtc">When it registered.</param>
/// <param name="LastHeartbeatUtc">Its last heartbeat.</param>
/// <param name="DownSinceUtc">When it disconnected (down agents).</param>
/// <param name="Emulating">Whether it emulates its profile.</param>
/// <param name="Pending">Inference requests awaiting its reply.</param>
/// <param name="Queued">Requests queued on the agent (last heartbeat).</param>
/// <param name="Served">Replies it sent (last heartbeat).</param>
/// <param name="Dropped">Requests it dropped (last heartbeat).</param>
public sealed record AgentSnapshot(
    int DeviceId,
    string DeviceName,
    AgentState State,
    string? Reason,
    string AgentVersion,
    int ProcessId,
    string Machine,
    double? MeasuredFlopsPerSecond,
    double ProfileFlopsPerSecond,
    string? ModelHash,
    string? AssignedModelHash,
    DateTimeOffset ConnectedUtc,
    DateTimeOffset? LastHeartbeatUtc,
    DateTimeOffset? DownSinceUtc,
    bool Emulating,
    int Pending,
    int Queued,
    long Served,
    long Dropped)
{
    /// <summary>Connected to the studio now (any state but down).</summary>
    public bool IsConnected => State != AgentState.Down;
}
