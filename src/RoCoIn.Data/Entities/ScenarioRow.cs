namespace RoCoIn.Data.Entities;

/// <summary>
/// A saved failure scenario. The engine's <c>Scenario</c> is one JSON column (its own <c>ToJson</c> form); name and
/// description are copied out for lists and for the unique name index.
/// </summary>
public sealed class ScenarioRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    public string Description { get; set; } = "";
    public int EventCount { get; set; }
    public required string Json { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset UpdatedUtc { get; set; }
}
