namespace RoCoIn.Engine.Simulation;

/// <summary>What an operator does to a running run.</summary>
public enum InjectionAction
{
    /// <summary>Crash the target (until recovered).</summary>
    Crash,

    /// <summary>Bring a crashed target back up (empty queue).</summary>
    Recover,

    /// <summary>Slow the target's compute × <see cref="Injection.Factor"/>.</summary>
    Slow,

    /// <summary>Undo <see cref="Slow"/>.</summary>
    RestoreSpeed,

    /// <summary>Degrade the target's link: rates × <see cref="Injection.Factor"/>, + <see cref="Injection.ExtraLatencySeconds"/>, loss <see cref="Injection.LossProbability"/>.</summary>
    DegradeLink,

    /// <summary>Cut the target's link.</summary>
    CutLink,

    /// <summary>Undo <see cref="DegradeLink"/> and <see cref="CutLink"/>.</summary>
    RestoreLink,

    /// <summary>
    /// The target stops answering but stays connected (a real agent is stopped with SIGSTOP); <see cref="Recover"/>
    /// ends it. The simulator treats it as a crash: nothing it holds is answered until it recovers.
    /// </summary>
    Hang,
}

/// <summary>
/// A manual action on a device or a whole group at simulated time <see cref="AtSeconds"/>. Runs record every injection
/// with the time it took effect, so re-simulating a run with its injections reproduces it exactly: an injection at time
/// t takes effect after every event at or before t and before any later event.
/// </summary>
/// <param name="AtSeconds">Simulated time it takes effect.</param>
/// <param name="Action">What to do.</param>
/// <param name="DeviceId">The target device, or null when <paramref name="Group"/> is set.</param>
/// <param name="Group">The target group index (0-based), or null when <paramref name="DeviceId"/> is set.</param>
/// <param name="Factor">Slow-down k ≥ 1 for <see cref="InjectionAction.Slow"/>; rate factor in (0, 1] for <see cref="InjectionAction.DegradeLink"/>.</param>
/// <param name="ExtraLatencySeconds">For <see cref="InjectionAction.DegradeLink"/>.</param>
/// <param name="LossProbability">For <see cref="InjectionAction.DegradeLink"/>.</param>
public sealed record Injection(
    double AtSeconds,
    InjectionAction Action,
    int? DeviceId = null,
    int? Group = null,
    double Factor = 1,
    double ExtraLatencySeconds = 0,
    double LossProbability = 0);
