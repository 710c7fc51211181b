namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>A device's figures an emulating agent pads to (SI units, rocoin-model.md §2).</summary>
/// <param name="ComputeFlopsPerSecond">f_n, FLOP/s.</param>
/// <param name="DownlinkBitsPerSecond">r_n↓, bit/s.</param>
/// <param name="UplinkBitsPerSecond">r_n↑, bit/s.</param>
/// <param name="LinkLatencySeconds">ℓ_n, one way, seconds.</param>
public sealed record AgentDeviceProfile(double ComputeFlopsPerSecond, double DownlinkBitsPerSecond, double UplinkBitsPerSecond, double LinkLatencySeconds);
