namespace RoCoIn.Web.Agents;

/// <summary>What <see cref="LocalFleet.StartFleetAsync"/> did.</summary>
/// <param name="Started">Whether a fleet runs now.</param>
/// <param name="Error">Why nothing was started.</param>
/// <param name="Agents">Agent processes started.</param>
/// <param name="Notes">Devices skipped and other remarks.</param>
public sealed record LocalFleetStart(bool Started, string? Error, int Agents, IReadOnlyList<string> Notes)
{
    public static LocalFleetStart Refused(string error) => new(false, error, 0, []);
}
