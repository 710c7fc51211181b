namespace RoCoIn.Data.Stores;

/// <summary>A saved plan as lists show it.</summary>
public sealed record PlanSummary(int Id, string Name, int? FleetId, string FleetName, DateTimeOffset CreatedUtc, bool Feasible,
    int Groups, double? ObjectiveJ, double? Reliability, bool FleetChanged, int? BasedOnModelSetId = null);
