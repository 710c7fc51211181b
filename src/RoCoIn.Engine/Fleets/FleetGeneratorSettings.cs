namespace RoCoIn.Engine.Fleets;

/// <summary>
/// Ranges for <see cref="FleetGenerator"/>. Defaults are the paper's evaluation setting
/// (rocoin-model.md §9): 8 devices, compute uniform in 5–30 MFLOPS, links 0.5–1 Mbps.
/// </summary>
public sealed record FleetGeneratorSettings
{
    /// <summary>Number of devices, 1–1000. Default 8.</summary>
    public int Count { get; init; } = 8;

    /// <summary>Prefix of device names; devices are named "{prefix}-01", "{prefix}-02", …</summary>
    public string NamePrefix { get; init; } = "edge";

    /// <summary>Lower bound of compute, FLOP/s. Default 5 MFLOPS.</summary>
    public double MinComputeFlopsPerSecond { get; init; } = 5e6;

    /// <summary>Upper bound of compute, FLOP/s. Default 30 MFLOPS.</summary>
    public double MaxComputeFlopsPerSecond { get; init; } = 30e6;

    /// <summary>Lower bound of link rate (up and down drawn separately), bit/s. Default 0.5 Mbps.</summary>
    public double MinLinkBitsPerSecond { get; init; } = 0.5e6;

    /// <summary>Upper bound of link rate, bit/s. Default 1 Mbps.</summary>
    public double MaxLinkBitsPerSecond { get; init; } = 1e6;

    /// <summary>Model memory of every device, bytes. Default 2 MB: the paper's ≈1.1 MB students fit.</summary>
    public long MemoryBytes { get; init; } = 2_000_000;

    /// <summary>Lower bound of one-way latency, s. Default 5 ms.</summary>
    public double MinLinkLatencySeconds { get; init; } = 0.005;

    /// <summary>Upper bound of one-way latency, s. Default 20 ms.</summary>
    public double MaxLinkLatencySeconds { get; init; } = 0.020;

    /// <summary>Lower bound of p(no reply). Default 0.01.</summary>
    public double MinNoReplyProbability { get; init; } = 0.01;

    /// <summary>Upper bound of p(no reply). Default 0.10.</summary>
    public double MaxNoReplyProbability { get; init; } = 0.10;

    /// <summary>Seed; the same seed gives the same fleet on any machine.</summary>
    public long Seed { get; init; } = 2406_14185;
}
