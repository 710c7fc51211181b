using RoCoIn.Engine.Devices;

namespace RoCoIn.Web.Api.Contracts;

/// <summary>A device on the wire: SI units, names that say the unit.</summary>
public sealed record DeviceDto(
    int Id,
    string Name,
    string HardwareClass,
    double ComputeFlopsPerSecond,
    long MemoryBytes,
    double UplinkBitsPerSecond,
    double DownlinkBitsPerSecond,
    double LinkLatencySeconds,
    double NoReplyProbability,
    double? MtbfSeconds,
    double? MttrSeconds,
    string Notes)
{
    public static DeviceDto From(DeviceProfile d) => new(d.Id, d.Name, d.HardwareClass, d.ComputeFlopsPerSecond, d.MemoryBytes,
        d.UplinkBitsPerSecond, d.DownlinkBitsPerSecond, d.LinkLatencySeconds, d.NoReplyProbability, d.MtbfSeconds, d.MttrSeconds, d.Notes);
}
