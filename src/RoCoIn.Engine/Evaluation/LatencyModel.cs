using RoCoIn.Engine.Devices;

namespace RoCoIn.Engine.Evaluation;

/// <summary>Per-device time and reliability of one isolated request (rocoin-model.md §3).</summary>
public static class LatencyModel
{
    /// <summary>
    /// t_nk = 2ℓ_n + D_in / r_n↓ + c_k / f_n + b·d_k / r_n↑: input down, student compute, features up, in seconds.
    /// </summary>
    /// <param name="device">The group member.</param>
    /// <param name="studentFlops">c_k, FLOP of one student inference (batch 1).</param>
    /// <param name="width">d_k ≥ 1, the number of features the student returns.</param>
    /// <param name="costs">D_in and b.</param>
    /// <exception cref="ArgumentException">A rate is not finite and positive, the latency is negative or not finite,
    /// <paramref name="studentFlops"/> is negative or not finite, or a cost is negative or not finite.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="width"/> is below 1.</exception>
    public static double MemberSeconds(DeviceProfile device, double studentFlops, int width, RequestCosts costs)
    {
        ArgumentNullException.ThrowIfNull(device);
        ArgumentNullException.ThrowIfNull(costs);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        RequirePositive(device.ComputeFlopsPerSecond, "device.ComputeFlopsPerSecond", nameof(device));
        RequirePositive(device.DownlinkBitsPerSecond, "device.DownlinkBitsPerSecond", nameof(device));
        RequirePositive(device.UplinkBitsPerSecond, "device.UplinkBitsPerSecond", nameof(device));
        RequireNonNegative(device.LinkLatencySeconds, "device.LinkLatencySeconds", nameof(device));
        RequireNonNegative(studentFlops, nameof(studentFlops), nameof(studentFlops));
        RequireNonNegative(costs.InputBits, "costs.InputBits", nameof(costs));
        RequireNonNegative(costs.BitsPerFeature, "costs.BitsPerFeature", nameof(costs));

        return (2 * device.LinkLatencySeconds)
            + (costs.InputBits / device.DownlinkBitsPerSecond)
            + (studentFlops / device.ComputeFlopsPerSecond)
            + (costs.BitsPerFeature * width / device.UplinkBitsPerSecond);
    }

    /// <summary>
    /// p_eff = 1 − (1 − p)·MTBF / (MTBF + MTTR) when the device has both MTBF and MTTR: the request finds the device
    /// down with the steady-state probability MTTR / (MTBF + MTTR), and otherwise gets no reply with probability p.
    /// Without them, p itself.
    /// </summary>
    /// <param name="device">The device.</param>
    /// <exception cref="ArgumentException">p is outside [0, 1], MTBF is not finite and positive, or MTTR is
    /// negative or not finite.</exception>
    public static double EffectiveNoReplyProbability(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var p = device.NoReplyProbability;
        if (!(p is >= 0 and <= 1))
            throw new ArgumentException(EvaluationGuard.Invalid("device.NoReplyProbability", p, "must lie in [0, 1]"), nameof(device));
        if (device.MtbfSeconds is not { } mtbf || device.MttrSeconds is not { } mttr)
            return p;

        RequirePositive(mtbf, "device.MtbfSeconds", nameof(device));
        RequireNonNegative(mttr, "device.MttrSeconds", nameof(device));
        return 1 - ((1 - p) * (mtbf / (mtbf + mttr)));
    }

    private static void RequirePositive(double value, string name, string paramName)
    {
        if (!(double.IsFinite(value) && value > 0))
            throw new ArgumentException(EvaluationGuard.Invalid(name, value, "must be finite and > 0"), paramName);
    }

    private static void RequireNonNegative(double value, string name, string paramName)
    {
        if (!(double.IsFinite(value) && value >= 0))
            throw new ArgumentException(EvaluationGuard.Invalid(name, value, "must be finite and ≥ 0"), paramName);
    }
}
