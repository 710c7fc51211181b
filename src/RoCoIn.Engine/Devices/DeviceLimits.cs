namespace RoCoIn.Engine.Devices;

/// <summary>
/// Plausible bounds for a device profile. A value outside them is almost surely a unit mistake
/// (bit/s typed as Mbps, KB as bytes), so validation rejects it and says by how much it is off.
/// </summary>
public static class DeviceLimits
{
    /// <summary>1 PFLOP/s: well above any single edge accelerator's effective CNN throughput.</summary>
    public const double MaxComputeFlopsPerSecond = 1e15;

    /// <summary>1 TB of model memory.</summary>
    public const long MaxMemoryBytes = 1_000_000_000_000;

    /// <summary>400 Gbit/s, the fastest common Ethernet link.</summary>
    public const double MaxLinkBitsPerSecond = 400e9;

    /// <summary>60 s one-way latency: beyond any deadline the studio plans for.</summary>
    public const double MaxLinkLatencySeconds = 60;

    /// <summary>Ten years, the longest meaningful mean time between failures.</summary>
    public const double MaxMtbfSeconds = 10 * 365.25 * 86400;

    /// <summary>One year, the longest meaningful mean time to repair.</summary>
    public const double MaxMttrSeconds = 365.25 * 86400;

    /// <summary>Longest device name.</summary>
    public const int MaxNameLength = 100;

    /// <summary>Longest hardware-class text.</summary>
    public const int MaxHardwareClassLength = 60;

    /// <summary>Longest notes text.</summary>
    public const int MaxNotesLength = 2000;
}
