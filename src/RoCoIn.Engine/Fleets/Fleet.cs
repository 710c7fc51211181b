namespace RoCoIn.Engine.Fleets;

/// <summary>A named set of devices: the unit a plan is made for. A device may belong to several fleets.</summary>
public sealed record Fleet
{
    /// <summary>Storage identity; 0 until stored.</summary>
    public int Id { get; init; }

    /// <summary>Unique name, 1–100 characters.</summary>
    public required string Name { get; init; }

    /// <summary>Free-text description.</summary>
    public string Description { get; init; } = "";

    /// <summary>Member device ids, in the order they were added; no duplicates.</summary>
    public IReadOnlyList<int> DeviceIds { get; init; } = [];
}
