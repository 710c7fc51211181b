namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>Sent every <see cref="AgentRegistration.HeartbeatIntervalSeconds"/>; a stalled agent stops sending it.</summary>
/// <param name="ModelHash">The loaded model, if any.</param>
/// <param name="Queued">Requests waiting for compute.</param>
/// <param name="Served">Replies sent since the agent started.</param>
/// <param name="Dropped">Requests dropped (link cut, cancelled, failed).</param>
/// <param name="Emulating">Whether the agent emulates its profile now.</param>
public sealed record AgentHeartbeat(string? ModelHash, int Queued, long Served, long Dropped, bool Emulating);
