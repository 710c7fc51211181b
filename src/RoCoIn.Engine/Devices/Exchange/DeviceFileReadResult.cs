namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>What a device file held: the devices that parsed and validated, and every row error.</summary>
/// <param name="Devices">Valid devices, in file order (Id 0).</param>
/// <param name="Rows">The 1-based file row of each entry of <paramref name="Devices"/>.</param>
/// <param name="Errors">Every problem found; an import goes ahead only when this is empty.</param>
public sealed record DeviceFileReadResult(IReadOnlyList<DeviceProfile> Devices, IReadOnlyList<int> Rows, IReadOnlyList<RowError> Errors)
{
    /// <summary>True when the file had no errors at all.</summary>
    public bool IsValid => Errors.Count == 0;

    /// <summary>A result that failed as a whole file.</summary>
    public static DeviceFileReadResult FileError(string message) => new([], [], [new RowError(0, null, "file", message)]);

    /// <summary>A result that failed in its header or envelope.</summary>
    public static DeviceFileReadResult Failed(IReadOnlyList<RowError> errors) => new([], [], errors);
}
