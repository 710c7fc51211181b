using RoCoIn.Engine.Devices.Exchange;

namespace RoCoIn.Data.Stores;

/// <summary>What an import did, or every reason it did nothing.</summary>
/// <param name="Created">Devices added.</param>
/// <param name="Replaced">Stored devices overwritten (replace mode).</param>
/// <param name="Errors">Row errors; when any, nothing was imported.</param>
public sealed record DeviceImportOutcome(int Created, int Replaced, IReadOnlyList<RowError> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}
