namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>What the studio can order an agent to do (<see cref="AgentOrderMessage.Kind"/>).</summary>
public static class AgentOrderKinds
{
    /// <summary>Stop answering and heartbeating (a hang); requests wait until <see cref="Resume"/>.</summary>
    public const string Stall = "stall";

    /// <summary>Answer again after <see cref="Stall"/>.</summary>
    public const string Resume = "resume";

    /// <summary>Multiply compute time by <see cref="AgentOrderMessage.Factor"/>.</summary>
    public const string Slow = "slow";

    /// <summary>Add <see cref="AgentOrderMessage.ExtraLatencySeconds"/> each way and divide link rates by <see cref="AgentOrderMessage.Factor"/>.</summary>
    public const string Link = "link";

    /// <summary>Cut the link: drop every request and reply.</summary>
    public const string Cut = "cut";

    /// <summary>Undo stall, slow, link and cut.</summary>
    public const string Restore = "restore";

    /// <summary>Exit (code 0).</summary>
    public const string Shutdown = "shutdown";

    /// <summary>Start emulating the device profile.</summary>
    public const string Emulate = "emulate";

    /// <summary>Stop emulating: run at the host's own speed.</summary>
    public const string StopEmulating = "stop-emulating";

    /// <summary>Every kind.</summary>
    public static IReadOnlyList<string> All { get; } = [Stall, Resume, Slow, Link, Cut, Restore, Shutdown, Emulate, StopEmulating];
}
