using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Fleets;

/// <summary>Checks a fleet's own fields; that its devices exist is the store's job.</summary>
public static class FleetValidator
{
    /// <summary>Longest fleet name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest description.</summary>
    public const int MaxDescriptionLength = 2000;

    /// <summary>Most devices in one fleet: the planner's design size is N = 1000.</summary>
    public const int MaxDevices = 1000;

    /// <summary>Every problem with <paramref name="fleet"/>; empty when valid.</summary>
    public static IReadOnlyList<FieldError> Validate(Fleet fleet)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        var errors = new List<FieldError>();
        if (string.IsNullOrWhiteSpace(fleet.Name))
            errors.Add(new("name", "Name is required."));
        else if (fleet.Name.Trim().Length != fleet.Name.Length)
            errors.Add(new("name", "Name must not start or end with spaces."));
        else if (fleet.Name.Length > MaxNameLength)
            errors.Add(new("name", $"Name must be at most {MaxNameLength} characters (got {fleet.Name.Length})."));
        if (fleet.Description.Length > MaxDescriptionLength)
            errors.Add(new("description", $"Description must be at most {MaxDescriptionLength} characters (got {fleet.Description.Length})."));
        if (fleet.DeviceIds.Count > MaxDevices)
            errors.Add(new("deviceIds", $"A fleet holds at most {MaxDevices} devices (got {fleet.DeviceIds.Count})."));
        var duplicate = fleet.DeviceIds.GroupBy(id => id).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
            errors.Add(new("deviceIds", $"Device {duplicate.Key} is listed {duplicate.Count()} times; list each device once."));
        return errors;
    }
}
