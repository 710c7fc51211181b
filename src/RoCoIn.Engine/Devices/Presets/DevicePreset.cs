namespace RoCoIn.Engine.Devices.Presets;

/// <summary>
/// A real hardware class with typical figures, used to fill a new device. Figures are rounded
/// estimates of <em>effective</em> batch-1 fp32 CNN throughput, not datasheet peaks; each has its source
/// next to it in <see cref="DevicePresetCatalogue"/>.
/// </summary>
/// <param name="Key">Stable identifier, e.g. "rpi4".</param>
/// <param name="HardwareClass">Display name of the class.</param>
/// <param name="ComputeFlopsPerSecond">Effective fp32 CNN-inference throughput, FLOP/s.</param>
/// <param name="MemoryBytes">Memory set aside for one model (weights and activations), bytes.</param>
/// <param name="UplinkBitsPerSecond">Typical link rate device → requester, bit/s.</param>
/// <param name="DownlinkBitsPerSecond">Typical link rate requester → device, bit/s.</param>
/// <param name="LinkLatencySeconds">Typical one-way latency, s.</param>
/// <param name="NoReplyProbability">Typical share of requests that get no reply.</param>
/// <param name="Summary">One line on what the class is and where its figures come from.</param>
public sealed record DevicePreset(
    string Key,
    string HardwareClass,
    double ComputeFlopsPerSecond,
    long MemoryBytes,
    double UplinkBitsPerSecond,
    double DownlinkBitsPerSecond,
    double LinkLatencySeconds,
    double NoReplyProbability,
    string Summary)
{
    /// <summary>A device of this class under <paramref name="name"/>.</summary>
    public DeviceProfile ToDevice(string name) => new()
    {
        Name = name,
        HardwareClass = HardwareClass,
        ComputeFlopsPerSecond = ComputeFlopsPerSecond,
        MemoryBytes = MemoryBytes,
        UplinkBitsPerSecond = UplinkBitsPerSecond,
        DownlinkBitsPerSecond = DownlinkBitsPerSecond,
        LinkLatencySeconds = LinkLatencySeconds,
        NoReplyProbability = NoReplyProbability,
        Notes = $"From preset '{Key}': {Summary}",
    };
}
