namespace RoCoIn.Data.Stores;

/// <summary>A fleet as lists show it.</summary>
public sealed record FleetSummary(int Id, string Name, string Description, int DeviceCount, DateTimeOffset CreatedUtc);
