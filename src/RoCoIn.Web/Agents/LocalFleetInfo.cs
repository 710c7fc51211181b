namespace RoCoIn.Web.Agents;

/// <summary>The local fleet running now.</summary>
/// <param name="PlanId">The plan whose devices it runs.</param>
/// <param name="PlanName">The plan's name.</param>
/// <param name="ModelSetId">The model set whose students the agents load; null when they wait idle.</param>
/// <param name="ModelSetName">The model set's name.</param>
/// <param name="Emulate">Whether the agents emulate the plan's device profiles.</param>
/// <param name="StartedUtc">When it started.</param>
/// <param name="Agents">Agent processes started.</param>
public sealed record LocalFleetInfo(int PlanId, string PlanName, int? ModelSetId, string? ModelSetName, bool Emulate, DateTimeOffset StartedUtc, int Agents);
