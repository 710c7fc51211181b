using System.Text.Json;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

public class SimulatorDeterminismTests
{
    private static SimulationTopology Plan() => SimBuilder.Topology(0.5, 0.005, 0.2, FailureMode.Degraded,
        new Dictionary<int, double> { [1] = 0.6, [2] = 0.55, [3] = 0.8, [4] = 0.5, [5] = 0.75, [6] = 0.7, [7] = 0.9 }, 0.92,
        [SimBuilder.Device(0.004, 0.002, 0.001, 0.001, 0.05, mtbf: 20, mttr: 2), SimBuilder.Device(0.009, 0.003, 0.002, 0.001, 0.1)],
        [SimBuilder.Device(0.006, 0.002, 0.001, 0.001, 0.02), SimBuilder.Device(0.012, 0.001, 0.001, 0.002, 0.05, mtbf: 15, mttr: 1)],
        [SimBuilder.Device(0.008, 0.002, 0.001, 0.001, 0.03)]);

    private static SimulationSettings Settings() => SimBuilder.Poisson(rate: 150, duration: 30, seed: 2024) with
    {
        JitterCoefficient = 0.4,
        CrashProcesses = true,
    };

    private static IReadOnlyList<DeviceFailure> Scenario() =>
    [
        new DeviceFailure(3, 4, 3, FailureEffect.Slow(4), "scenario 'test', event 1"),
        new DeviceFailure(5, 12, 2.5, FailureEffect.Crash, "scenario 'test', event 2"),
        new DeviceFailure(1, 20, null, FailureEffect.LinkDegraded(0.5, 0.01, 0.2), "scenario 'test', event 3"),
    ];

    private static string Fingerprint(Simulator simulator) => JsonSerializer.Serialize(new
    {
        Result = simulator.Result(),
        simulator.Events,
        simulator.Injections,
        simulator.AbortReason,
        simulator.NowSeconds,
    });

    /// <summary>A live run: runs in uneven steps and injects at the times it stopped at, including right after a step.</summary>
    private static Simulator LiveRun()
    {
        var simulator = new Simulator(Plan(), Settings(), Scenario());
        simulator.RunUntil(3.3);
        simulator.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 2));
        simulator.RunUntil(5);
        simulator.Inject(new Injection(0, InjectionAction.Slow, Group: 1, Factor: 3));
        simulator.StepRequest().ShouldNotBeNull();
        simulator.Inject(new Injection(0, InjectionAction.Recover, DeviceId: 2));
        simulator.RunUntil(8.25);
        simulator.Inject(new Injection(0, InjectionAction.CutLink, DeviceId: 4));
        simulator.Inject(new Injection(0, InjectionAction.DegradeLink, DeviceId: 1, Factor: 0.25, ExtraLatencySeconds: 0.02, LossProbability: 0.3));
        simulator.RunUntil(9);
        simulator.Inject(new Injection(0, InjectionAction.RestoreLink, DeviceId: 4));
        simulator.Inject(new Injection(0, InjectionAction.RestoreSpeed, Group: 1));
        simulator.RunUntil(15);
        simulator.Inject(new Injection(0, InjectionAction.Crash, Group: 2));
        simulator.RunUntil(16);
        simulator.Inject(new Injection(0, InjectionAction.Recover, Group: 2));
        simulator.RunToEnd(TestContext.Current.CancellationToken);
        return simulator;
    }

    [Fact]
    public void TheSameSeedAndInputsGiveTheSameRunBitForBit()
    {
        var a = new Simulator(Plan(), Settings(), Scenario());
        var b = new Simulator(Plan(), Settings(), Scenario(), traceCapacity: 50);
        b.RequestCompleted += _ => { };

        a.RunToEnd(TestContext.Current.CancellationToken);
        for (var t = 0.37; t < 31; t += 0.37)
            b.RunUntil(t);

        b.Finished.ShouldBeTrue();
        Fingerprint(b).ShouldBe(Fingerprint(a));
    }

    [Fact]
    public void AnotherSeedGivesAnotherRun()
    {
        var a = new Simulator(Plan(), Settings());
        var b = new Simulator(Plan(), Settings() with { Seed = 2025 });

        a.RunToEnd(TestContext.Current.CancellationToken);
        b.RunToEnd(TestContext.Current.CancellationToken);

        Fingerprint(b).ShouldNotBe(Fingerprint(a));
    }

    [Fact]
    public void ReplayingTheRecordedInjectionsReproducesTheLiveRunExactly()
    {
        var live = LiveRun();
        live.Injections.Count.ShouldBe(9);
        live.Injections.Select(i => i.AtSeconds).ShouldBeInOrder();
        live.Injections[0].AtSeconds.ShouldBe(3.3);

        var replay = new Simulator(Plan(), Settings(), Scenario(), recordedInjections: live.Injections);
        replay.RunToEnd(TestContext.Current.CancellationToken);

        var stepped = new Simulator(Plan(), Settings(), Scenario(), recordedInjections: live.Injections, traceCapacity: 10);
        while (stepped.StepRequest() is not null)
        {
        }

        Fingerprint(replay).ShouldBe(Fingerprint(live));
        Fingerprint(stepped).ShouldBe(Fingerprint(live));
    }

    [Fact]
    public void TheLiveRunsInjectionsChangeTheOutcome()
    {
        var live = LiveRun();
        var untouched = new Simulator(Plan(), Settings(), Scenario());
        untouched.RunToEnd(TestContext.Current.CancellationToken);

        live.Result().Summary.Served.ShouldNotBe(untouched.Result().Summary.Served);
        live.Result().Summary.Failures.Count(f => f.Source == "manual").ShouldBe(5);
    }

    [Fact]
    public void AScheduledFailureAndTheSameInjectionByHandGiveTheSameRequests()
    {
        // Poisson arrivals never fall exactly on these times, so the two orderings cannot differ.
        var settings = Settings() with { CrashProcesses = false };
        var scheduled = new Simulator(Plan(), settings,
        [
            new DeviceFailure(2, 3.3, 4.4, FailureEffect.Crash, "s"),
            new DeviceFailure(4, 5.1, 2.2, FailureEffect.Slow(5), "s"),
            new DeviceFailure(1, 6.2, 3.1, FailureEffect.LinkDegraded(0.3, 0.004, 0.25), "s"),
            new DeviceFailure(5, 8.7, 1.6, FailureEffect.LinkCut, "s"),
        ]);
        var manual = new Simulator(Plan(), settings);

        scheduled.RunToEnd(TestContext.Current.CancellationToken);
        manual.RunUntil(3.3);
        manual.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 2));
        manual.RunUntil(5.1);
        manual.Inject(new Injection(0, InjectionAction.Slow, DeviceId: 4, Factor: 5));
        manual.RunUntil(6.2);
        manual.Inject(new Injection(0, InjectionAction.DegradeLink, DeviceId: 1, Factor: 0.3, ExtraLatencySeconds: 0.004, LossProbability: 0.25));
        manual.RunUntil(5.1 + 2.2);
        manual.Inject(new Injection(0, InjectionAction.RestoreSpeed, DeviceId: 4));
        manual.RunUntil(3.3 + 4.4);
        manual.Inject(new Injection(0, InjectionAction.Recover, DeviceId: 2));
        manual.RunUntil(8.7);
        manual.Inject(new Injection(0, InjectionAction.CutLink, DeviceId: 5));
        manual.RunUntil(6.2 + 3.1);
        manual.Inject(new Injection(0, InjectionAction.RestoreLink, DeviceId: 1));
        manual.RunUntil(8.7 + 1.6);
        manual.Inject(new Injection(0, InjectionAction.RestoreLink, DeviceId: 5));
        manual.RunToEnd(TestContext.Current.CancellationToken);

        var a = scheduled.Result();
        var b = manual.Result();
        JsonSerializer.Serialize(b.Seconds).ShouldBe(JsonSerializer.Serialize(a.Seconds));
        JsonSerializer.Serialize(b.Summary.Devices).ShouldBe(JsonSerializer.Serialize(a.Summary.Devices));
        a.Summary.Served.ShouldBeLessThan(a.Summary.Sent);
    }
}
