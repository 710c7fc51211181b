using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Agents;

/// <summary>An order for an agent (<see cref="AgentRegistry.OrderAsync"/>); build one with the factory methods.</summary>
/// <param name="Kind">One of <see cref="AgentOrderKinds"/>.</param>
/// <param name="Factor">Slow-down factor, or link-rate divisor.</param>
/// <param name="ExtraLatencySeconds">Added one-way latency, seconds.</param>
public sealed record AgentOrder(string Kind, double Factor = 1, double ExtraLatencySeconds = 0)
{
    /// <summary>Stop answering and heartbeating, keeping the connection (a hang the transport does not see).</summary>
    public static AgentOrder Stall() => new(AgentOrderKinds.Stall);

    /// <summary>Answer again after a stall.</summary>
    public static AgentOrder Resume() => new(AgentOrderKinds.Resume);

    /// <summary>Compute <paramref name="factor"/> times slower (≥ 1 slows; 1 restores).</summary>
    public static AgentOrder Slow(double factor) =>
        double.IsFinite(factor) && factor > 0 ? new(AgentOrderKinds.Slow, factor) : throw new ArgumentOutOfRangeException(nameof(factor), factor, "A slow-down factor must be positive.");

    /// <summary>Add <paramref name="extraLatencySeconds"/> each way and divide the emulated link rates by <paramref name="rateDivisor"/>.</summary>
    public static AgentOrder Link(double extraLatencySeconds, double rateDivisor = 1)
    {
        if (!double.IsFinite(extraLatencySeconds) || extraLatencySeconds < 0)
            throw new ArgumentOutOfRangeException(nameof(extraLatencySeconds), extraLatencySeconds, "Extra latency must be zero or more seconds.");
        if (!double.IsFinite(rateDivisor) || rateDivisor <= 0)
            throw new ArgumentOutOfRangeException(nameof(rateDivisor), rateDivisor, "A rate divisor must be positive.");
        return new(AgentOrderKinds.Link, rateDivisor, extraLatencySeconds);
    }

    /// <summary>Cut the link: requests and replies are dropped.</summary>
    public static AgentOrder Cut() => new(AgentOrderKinds.Cut);

    /// <summary>Undo stall, slow, link and cut.</summary>
    public static AgentOrder Restore() => new(AgentOrderKinds.Restore);

    /// <summary>Make the agent exit cleanly.</summary>
    public static AgentOrder Shutdown() => new(AgentOrderKinds.Shutdown);

    /// <summary>Start or stop emulating the device profile.</summary>
    public static AgentOrder Emulate(bool on) => new(on ? AgentOrderKinds.Emulate : AgentOrderKinds.StopEmulating);

    internal AgentOrderMessage ToMessage() => new(Kind, Factor, ExtraLatencySeconds);
}
