namespace RoCoIn.Engine.Devices;

/// <summary>
/// One edge device as the planner sees it (rocoin-model.md §2). Every quantity is in SI units.
/// </summary>
/// <remarks>
/// <see cref="Id"/> is 0 until the device is stored. Human units (MFLOPS, KB, Mbps, ms) exist only
/// in forms and formatters; see <see cref="Units.SiFormat"/>.
/// </remarks>
public sealed record DeviceProfile
{
    /// <summary>Storage identity; 0 for a device that has not been stored yet.</summary>
    public int Id { get; init; }

    /// <summary>Unique, human-chosen name (1–100 characters, no leading or trailing spaces).</summary>
    public required string Name { get; init; }

    /// <summary>Hardware class, e.g. "Raspberry Pi 4" or "MCU"; free text, 1–60 characters.</summary>
    public required string HardwareClass { get; init; }

    /// <summary>Effective fp32 CNN-inference throughput f_n in FLOP/s (measured, not datasheet peak).</summary>
    public required double ComputeFlopsPerSecond { get; init; }

    /// <summary>Memory M_n available for one model (weights and activations), in bytes.</summary>
    public required long MemoryBytes { get; init; }

    /// <summary>Link rate device → requester, r_n↑, in bit/s.</summary>
    public required double UplinkBitsPerSecond { get; init; }

    /// <summary>Link rate requester → device, r_n↓, in bit/s.</summary>
    public required double DownlinkBitsPerSecond { get; init; }

    /// <summary>One-way link latency ℓ_n in seconds.</summary>
    public required double LinkLatencySeconds { get; init; }

    /// <summary>Probability p_n in [0, 1) that the device gives no reply at all to a request.</summary>
    public required double NoReplyProbability { get; init; }

    /// <summary>Mean time between crashes in seconds; null when the device is not modelled as crashing.</summary>
    public double? MtbfSeconds { get; init; }

    /// <summary>Mean time to repair after a crash in seconds; set exactly when <see cref="MtbfSeconds"/> is.</summary>
    public double? MttrSeconds { get; init; }

    /// <summary>Free-text notes (at most 2000 characters).</summary>
    public string Notes { get; init; } = "";
}
