using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>
/// How the agent behaves right now: emulation of its profile and the failures the studio ordered. Immutable; the
/// agent swaps the whole value when an order arrives.
/// </summary>
/// <remarks>
/// A request's time is that of rocoin-model.md §3, t = 2ℓ + D_in/r↓ + c/f + b·d/r↑: the input waits
/// <see cref="SendDelay"/> before joining the compute queue, compute is padded to <see cref="ComputeSeconds"/>, and
/// the reply waits <see cref="ReplyDelay"/>. Without emulation only the ordered extra latency and slow-down apply.
/// </remarks>
public sealed record DeviceConditions
{
    /// <summary>b: bits per returned feature value (fp32).</summary>
    public const double BitsPerFeature = 32;

    public bool Emulate { get; init; }
    public AgentDeviceProfile? Profile { get; init; }
    public bool Stalled { get; init; }
    public double SlowFactor { get; init; } = 1;
    public double ExtraLatencySeconds { get; init; }
    public double LinkRateDivisor { get; init; } = 1;
    public bool Cut { get; init; }

    private AgentDeviceProfile? Emulated => Emulate ? Profile : null;

    /// <summary>ℓ + D_in / r↓ (+ ordered extra latency), for an input of <paramref name="inputBytes"/> bytes.</summary>
    public TimeSpan SendDelay(int inputBytes) => Delay(inputBytes * 8.0, Emulated?.DownlinkBitsPerSecond);

    /// <summary>ℓ + b·d / r↑ (+ ordered extra latency), for <paramref name="features"/> returned values.</summary>
    public TimeSpan ReplyDelay(int features) => Delay(features * BitsPerFeature, Emulated?.UplinkBitsPerSecond);

    /// <summary>
    /// How long one inference should take: the measured time, raised to c / f when emulating (a host cannot be
    /// slowed below its own speed), times the ordered slow-down.
    /// </summary>
    public double ComputeSeconds(double measuredSeconds, long flops)
    {
        var seconds = measuredSeconds;
        if (Emulated is { ComputeFlopsPerSecond: > 0 } profile)
            seconds = Math.Max(seconds, flops / profile.ComputeFlopsPerSecond);
        return seconds * SlowFactor;
    }

    /// <summary>These conditions after <paramref name="order"/>, or null when the kind is unknown.</summary>
    public DeviceConditions? After(AgentOrderMessage order)
    {
        ArgumentNullException.ThrowIfNull(order);
        var factor = double.IsFinite(order.Factor) && order.Factor > 0 ? order.Factor : 1;
        var extra = double.IsFinite(order.ExtraLatencySeconds) && order.ExtraLatencySeconds > 0 ? order.ExtraLatencySeconds : 0;
        return order.Kind switch
        {
            AgentOrderKinds.Stall => this with { Stalled = true },
            AgentOrderKinds.Resume => this with { Stalled = false },
            AgentOrderKinds.Slow => this with { SlowFactor = factor },
            AgentOrderKinds.Link => this with { ExtraLatencySeconds = extra, LinkRateDivisor = factor },
            AgentOrderKinds.Cut => this with { Cut = true },
            AgentOrderKinds.Restore => this with { Stalled = false, SlowFactor = 1, ExtraLatencySeconds = 0, LinkRateDivisor = 1, Cut = false },
            AgentOrderKinds.Emulate => this with { Emulate = true },
            AgentOrderKinds.StopEmulating => this with { Emulate = false },
            _ => null,
        };
    }

    private TimeSpan Delay(double bits, double? bitsPerSecond)
    {
        var seconds = ExtraLatencySeconds;
        if (Emulated is { } profile && bitsPerSecond is > 0 and var rate)
            seconds += profile.LinkLatencySeconds + bits * LinkRateDivisor / rate;
        return TimeSpan.FromSeconds(seconds);
    }
}
