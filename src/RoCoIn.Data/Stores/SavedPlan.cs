using RoCoIn.Engine.Planning;

namespace RoCoIn.Data.Stores;

/// <summary>A saved plan with its document.</summary>
public sealed record SavedPlan(int Id, string Name, int? FleetId, string FleetName, DateTimeOffset CreatedUtc, int? JobId,
    int? BasedOnModelSetId, PlanDocument Document, bool FleetChanged);
