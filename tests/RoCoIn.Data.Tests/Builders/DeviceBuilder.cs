using RoCoIn.Engine.Devices;

namespace RoCoIn.Data.Tests.Builders;

/// <summary>Device profiles for store tests.</summary>
public static class DeviceBuilder
{
    /// <summary>A valid, unstored Raspberry-Pi-like device; tests change fields with <c>with</c>.</summary>
    public static DeviceProfile Valid(string name = "edge-01") => new()
    {
        Name = name,
        HardwareClass = "Raspberry Pi 4",
        ComputeFlopsPerSecond = 10e9,
        MemoryBytes = 1_000_000_000,
        UplinkBitsPerSecond = 100e6,
        DownlinkBitsPerSecond = 100e6,
        LinkLatencySeconds = 0.001,
        NoReplyProbability = 0.01,
    };

    /// <summary>Valid devices with doubles and text that are easy to store or print wrongly.</summary>
    public static IReadOnlyList<DeviceProfile> Awkward() =>
    [
        Valid("plain") with { ComputeFlopsPerSecond = 0.1 + 0.2, LinkLatencySeconds = 1e-7 },
        Valid("comma, \"quoted\"\nname") with
        {
            ComputeFlopsPerSecond = 123456789.123456789,
            UplinkBitsPerSecond = 1.0 / 3.0,
            MtbfSeconds = 12345.678901234567,
            MttrSeconds = 0.1 + 0.7,
            Notes = "line one\r\nline \"two\", with comma",
        },
        Valid("Knoten-東京-🚀") with
        {
            HardwareClass = "Jetson Orin Nano (日本)",
            ComputeFlopsPerSecond = DeviceLimits.MaxComputeFlopsPerSecond,
            MemoryBytes = DeviceLimits.MaxMemoryBytes,
            NoReplyProbability = 0.9999999999999999,
        },
        Valid("tiny") with { ComputeFlopsPerSecond = double.Epsilon, MemoryBytes = 1, DownlinkBitsPerSecond = 1e-300, LinkLatencySeconds = 0 },
    ];
}
