namespace RoCoIn.Engine.Devices;

/// <summary>
/// The names of <see cref="DeviceProfile"/> fields as the API and JSON files spell them, so that
/// validation errors, forms and files all point at a field the same way.
/// </summary>
public static class DeviceFields
{
    /// <summary>JSON name of <see cref="DeviceProfile.Name"/>.</summary>
    public const string Name = "name";
    /// <summary>JSON name of <see cref="DeviceProfile.HardwareClass"/>.</summary>
    public const string HardwareClass = "hardwareClass";
    /// <summary>JSON name of <see cref="DeviceProfile.ComputeFlopsPerSecond"/>.</summary>
    public const string ComputeFlopsPerSecond = "computeFlopsPerSecond";
    /// <summary>JSON name of <see cref="DeviceProfile.MemoryBytes"/>.</summary>
    public const string MemoryBytes = "memoryBytes";
    /// <summary>JSON name of <see cref="DeviceProfile.UplinkBitsPerSecond"/>.</summary>
    public const string UplinkBitsPerSecond = "uplinkBitsPerSecond";
    /// <summary>JSON name of <see cref="DeviceProfile.DownlinkBitsPerSecond"/>.</summary>
    public const string DownlinkBitsPerSecond = "downlinkBitsPerSecond";
    /// <summary>JSON name of <see cref="DeviceProfile.LinkLatencySeconds"/>.</summary>
    public const string LinkLatencySeconds = "linkLatencySeconds";
    /// <summary>JSON name of <see cref="DeviceProfile.NoReplyProbability"/>.</summary>
    public const string NoReplyProbability = "noReplyProbability";
    /// <summary>JSON name of <see cref="DeviceProfile.MtbfSeconds"/>.</summary>
    public const string MtbfSeconds = "mtbfSeconds";
    /// <summary>JSON name of <see cref="DeviceProfile.MttrSeconds"/>.</summary>
    public const string MttrSeconds = "mttrSeconds";
    /// <summary>JSON name of <see cref="DeviceProfile.Notes"/>.</summary>
    public const string Notes = "notes";
}
