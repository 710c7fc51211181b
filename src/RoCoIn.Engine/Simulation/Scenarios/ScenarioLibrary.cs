namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// Built-in example scenarios, offered as starting points. Each selects devices by "*" or group 1 only, so each
/// validates and resolves on every plan whose groups have at least one device.
/// </summary>
/// <remarks>"One device of each group" cannot be written plan-independently (the number of groups differs per plan),
/// so the crash examples draw from every device instead.</remarks>
public static class ScenarioLibrary
{
    /// <summary>One device, drawn with the run's seed, crashes at 10 s and comes back at 20 s.</summary>
    public static Scenario SingleCrash { get; } = new(
        "One device crashes",
        "One device, drawn with the run's seed, crashes at t = 10 s and recovers at t = 20 s with an empty queue.",
        [new(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 10, 10)]);

    /// <summary>Three crashes of one drawn device each, for 10 s from 10 s, 25 s and 40 s.</summary>
    public static Scenario RollingCrash { get; } = new(
        "Rolling crash",
        "Three times a device drawn with the run's seed crashes for 10 s: from t = 10 s, 25 s and 40 s. " +
        "The draws are independent, so the same device may crash more than once.",
        [
            new(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 10, 10),
            new(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 25, 10),
            new(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 40, 10),
        ]);

    /// <summary>Every device of group 1 crashes at 20 s and comes back at 30 s.</summary>
    public static Scenario GroupDown { get; } = new(
        "A whole group down",
        "Every device of group 1 crashes at t = 20 s and recovers at t = 30 s: in strict mode no request is served " +
        "meanwhile; in degraded mode the other groups answer without group 1's features.",
        [new(FailureEffect.Crash, TargetSelector.InGroup(1), null, 20, 10)]);

    /// <summary>A quarter of the devices (rounded up) compute four times slower from 5 s to 35 s.</summary>
    public static Scenario Stragglers { get; } = new(
        "Stragglers",
        "25 % of the devices (rounded up), drawn with the run's seed, compute ×4 slower from t = 5 s to t = 35 s.",
        [new(FailureEffect.Slow(4), TargetSelector.AllDevices, BlastRadius.Percentage(25), 5, 30)]);

    /// <summary>From 10 s to the end of the run every link runs at half rate, with 20 ms more latency and 5 % loss.</summary>
    public static Scenario FlakyLinks { get; } = new(
        "Flaky links",
        "From t = 10 s to the end of the run every device's link carries half its rate, adds 20 ms each way and " +
        "loses 5 % of messages.",
        [new(FailureEffect.LinkDegraded(0.5, 0.020, 0.05), TargetSelector.AllDevices, null, 10, null)]);

    /// <summary>Every example, in the order the studio lists them.</summary>
    public static IReadOnlyList<Scenario> All { get; } = [SingleCrash, RollingCrash, GroupDown, Stragglers, FlakyLinks];
}
