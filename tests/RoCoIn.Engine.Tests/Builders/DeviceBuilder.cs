using RoCoIn.Engine.Devices;

namespace RoCoIn.Engine.Tests.Builders;

/// <summary>Device profiles for tests: a plain valid one, and ones whose values are awkward to store or print.</summary>
public static class DeviceBuilder
{
    /// <summary>A valid Raspberry-Pi-like device; tests change one field with <c>with</c> to break one rule.</summary>
    public static DeviceProfile Valid(string name = "edge-01", int id = 0) => new()
    {
        Id = id,
        Name = name,
        HardwareClass = "Raspberry Pi 4",
        ComputeFlopsPerSecond = 10e9,
        MemoryBytes = 1_000_000_000,
        UplinkBitsPerSecond = 100e6,
        DownlinkBitsPerSecond = 100e6,
        LinkLatencySeconds = 0.001,
        NoReplyProbability = 0.01,
        Notes = "",
    };

    /// <summary>A valid device that models crashes (MTBF and MTTR both set).</summary>
    public static DeviceProfile Crashing(string name = "edge-crash") =>
        Valid(name) with { MtbfSeconds = 86_400, MttrSeconds = 600 };

    /// <summary>
    /// Valid devices whose doubles have long shortest round-trip forms and whose text needs quoting or escaping,
    /// so that file round-trips have something to get wrong.
    /// </summary>
    public static IReadOnlyList<DeviceProfile> Awkward() =>
    [
        Valid("plain") with { ComputeFlopsPerSecond = 0.1 + 0.2, LinkLatencySeconds = 1e-7, NoReplyProbability = 0.1 + 0.2 },
        Valid("comma, \"quoted\" name") with
        {
            ComputeFlopsPerSecond = 123456789.123456789,
            UplinkBitsPerSecond = 1.0 / 3.0,
            DownlinkBitsPerSecond = 2.0 / 3.0,
            MtbfSeconds = 12345.678901234567,
            MttrSeconds = 5e-324 * 1e300,
            Notes = "line one\nline two\r\nline \"three\", with comma",
        },
        Valid("multi\nline name") with { HardwareClass = "Pi, rev. \"B\"", NoReplyProbability = 0, LinkLatencySeconds = 0 },
        Valid("Überwachung-Knoten-東京-🚀") with
        {
            HardwareClass = "Jetson Orin Nano (日本)",
            ComputeFlopsPerSecond = DeviceLimits.MaxComputeFlopsPerSecond,
            MemoryBytes = DeviceLimits.MaxMemoryBytes,
            Notes = "Ünïcödé — ✓, tab\there",
        },
        Valid("tiny") with
        {
            ComputeFlopsPerSecond = double.Epsilon,
            MemoryBytes = 1,
            UplinkBitsPerSecond = 1e-300,
            DownlinkBitsPerSecond = 0.30000000000000004,
            NoReplyProbability = 0.9999999999999999,
            Notes = " leading and trailing spaces ",
        },
    ];
}
