namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>What an import would do; applied only when <see cref="Errors"/> is empty (all or nothing).</summary>
/// <param name="Creates">New devices (Id 0).</param>
/// <param name="Updates">Replacements of stored devices, carrying the stored Id.</param>
/// <param name="Errors">Why the import cannot go ahead.</param>
public sealed record DeviceImportPlan(
    IReadOnlyList<DeviceProfile> Creates,
    IReadOnlyList<DeviceProfile> Updates,
    IReadOnlyList<RowError> Errors)
{
    /// <summary>True when the plan can be applied.</summary>
    public bool IsValid => Errors.Count == 0;
}
