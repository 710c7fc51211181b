namespace RoCoIn.Data.Entities;

/// <summary>
/// A saved plan. The whole <c>PlanDocument</c> (settings, device snapshot, result, baselines) is one JSON column:
/// plans are immutable and always read whole; the other columns serve lists and filters.
/// </summary>
public sealed class PlanRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public int? FleetId { get; set; }
    public required string FleetName { get; set; }
    public required string FleetHash { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public int? JobId { get; set; }
    public int? BasedOnModelSetId { get; set; }
    public bool Feasible { get; set; }
    public int Groups { get; set; }
    public double? ObjectiveJ { get; set; }
    public double? Reliability { get; set; }
    public required string DocumentJson { get; set; }
}
