namespace RoCoIn.Data.Entities;

/// <summary>
/// A fleet as stored. The engine's <c>Fleet</c> holds a plain list of device ids; a table needs a
/// join row per member, so the fleet gets its own row type.
/// </summary>
public sealed class FleetRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public DateTimeOffset CreatedUtc { get; set; }
    public List<FleetMemberRow> Members { get; set; } = [];
}
