using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

public class SimulatorApiTests
{
    private const double Tau = 1;
    private const double Delta = 0.05;

    /// <summary>
    /// Group 1: device 1 always drops (p = 1), device 2 replies at 0.3 s, device 3 too late (0.98 s &gt; τ − δ).
    /// Group 2: device 4 (0.4 s) and device 5 (0.2 s, crashed by the test's scenario).
    /// </summary>
    private static SimulationTopology Plan(FailureMode mode = FailureMode.Strict) => SimBuilder.Topology(Tau, Delta, 0.5, mode,
        [SimBuilder.Device(0.1, p: 1), SimBuilder.Device(0.3), SimBuilder.Device(0.98)],
        [SimBuilder.Device(0.4, latency: 0.01), SimBuilder.Device(0.2)]);

    [Fact]
    public void StepReturnsTheNextRequestsTraceWithEveryMembersOutcome()
    {
        var crash = new DeviceFailure(5, 0, null, FailureEffect.Crash, "test");
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10), [crash]);

        var first = simulator.StepRequest()!;
        var second = simulator.StepRequest()!;

        first.RequestId.ShouldBe(1);
        second.RequestId.ShouldBe(2);
        first.ArrivalSeconds.ShouldBe(0);
        first.Served.ShouldBeTrue();
        first.LatencySeconds!.Value.ShouldBe(0.42 + Delta, 1e-12);
        first.CompletedSeconds.ShouldBe(first.LatencySeconds.Value, 1e-12);
        simulator.NowSeconds.ShouldBe(second.CompletedSeconds);
        first.AnsweredGroups.ShouldBe(3);
        first.Correct.ShouldBeNull();

        var members = first.Members.ToDictionary(m => m.DeviceId);
        members[1].Outcome.ShouldBe(MemberOutcome.NoReply);
        members[1].ReceivedSeconds.ShouldBe(0);
        members[1].StartSeconds.ShouldBeNull();
        members[2].Outcome.ShouldBe(MemberOutcome.Replied);
        members[2].Won.ShouldBeTrue();
        members[2].ReplySeconds.ShouldBe(0.3);
        members[3].Outcome.ShouldBe(MemberOutcome.TooLate);
        members[3].ReplySeconds.ShouldBe(0.98);
        members[3].Won.ShouldBeFalse();
        members[4].Outcome.ShouldBe(MemberOutcome.Replied);
        members[4].Won.ShouldBeTrue();
        members[4].ReceivedSeconds.ShouldBe(0.01);
        members[4].StartSeconds.ShouldBe(0.01);
        members[4].FinishSeconds!.Value.ShouldBe(0.41, 1e-12);
        members[4].ReplySeconds!.Value.ShouldBe(0.42, 1e-12);
        members[5].Outcome.ShouldBe(MemberOutcome.Down);
        members[5].ReceivedSeconds.ShouldBeNull();
        first.Members.Select(m => m.Group).ShouldBe([0, 0, 0, 1, 1]);
    }

    [Fact]
    public void TheTooLateMembersQueueDelaysTheNextRequestOnIt()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10));

        simulator.StepRequest();
        var second = simulator.StepRequest()!;

        // Request 1 is served at 0.3 + δ by devices 2 and 5; device 3 is busy with it until 0.98.
        var member = second.Members.Single(m => m.DeviceId == 3);
        member.ReceivedSeconds!.Value.ShouldBe(0.35, 1e-12);
        member.StartSeconds!.Value.ShouldBe(0.98, 1e-12);
        member.FinishSeconds!.Value.ShouldBe(1.96, 1e-12);
    }

    [Fact]
    public void TracesAreKeptUpToTheCapacityAndRaisedOnlyToSubscribers()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10), traceCapacity: 5);
        var raised = 0;
        simulator.RequestCompleted += _ => raised++;

        simulator.RunToEnd(TestContext.Current.CancellationToken);

        simulator.RecentTraces.Count.ShouldBe(5);
        simulator.RecentTraces.Select(t => t.RequestId).ShouldBeInOrder();
        simulator.RecentTraces[^1].RequestId.ShouldBe(simulator.Snapshot().Completed);
        raised.ShouldBe((int)simulator.Snapshot().Completed);
        new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10)).RecentTraces.ShouldBeEmpty();
    }

    [Fact]
    public void ValidateInjectionNamesEachBadField()
    {
        var topology = Plan();

        Simulator.ValidateInjection(topology, new Injection(1, InjectionAction.Crash, DeviceId: 2)).ShouldBeEmpty();
        Simulator.ValidateInjection(topology, new Injection(1, InjectionAction.Recover, Group: 1)).ShouldBeEmpty();
        Fields(topology, new Injection(1, InjectionAction.Crash)).ShouldBe(["deviceId"]);
        Fields(topology, new Injection(1, InjectionAction.Crash, DeviceId: 2, Group: 0)).ShouldBe(["group"]);
        Fields(topology, new Injection(1, InjectionAction.Crash, DeviceId: 99)).ShouldBe(["deviceId"]);
        Fields(topology, new Injection(1, InjectionAction.Crash, Group: 2)).ShouldBe(["group"]);
        Fields(topology, new Injection(-1, InjectionAction.Crash, Group: 0)).ShouldBe(["atSeconds"]);
        Fields(topology, new Injection(1, (InjectionAction)42, Group: 0)).ShouldBe(["action"]);
        Fields(topology, new Injection(1, InjectionAction.Slow, DeviceId: 1, Factor: 0.5)).ShouldBe(["factor"]);
        Fields(topology, new Injection(1, InjectionAction.DegradeLink, DeviceId: 1, Factor: 1.5, ExtraLatencySeconds: -1, LossProbability: 2))
            .ShouldBe(["factor", "extraLatencySeconds", "lossProbability"]);
        Simulator.ValidateInjection(topology, new Injection(1, InjectionAction.Crash, DeviceId: 99))[0].Message
            .ShouldBe("Device 99 is not in this plan.");
        Simulator.ValidateInjection(topology, new Injection(1, InjectionAction.Crash, Group: 2))[0].Message
            .ShouldBe("Group index 2 does not exist; this plan has 2 groups (indices 0 to 1).");
    }

    private static IEnumerable<string> Fields(SimulationTopology topology, Injection injection) =>
        Simulator.ValidateInjection(topology, injection).Select(e => e.Field);

    [Fact]
    public void InjectRefusesBadInjectionsAndFinishedRuns()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 2));

        Should.Throw<ArgumentException>(() => simulator.Inject(new Injection(0, InjectionAction.Slow, DeviceId: 77, Factor: 2)))
            .Message.ShouldContain("Device 77 is not in this plan.");
        Should.Throw<ArgumentException>(() => simulator.Inject(new Injection(0, InjectionAction.Slow, DeviceId: 2, Factor: 0)))
            .Message.ShouldContain("slow-down factor");
        simulator.Injections.ShouldBeEmpty();
        simulator.RunToEnd(TestContext.Current.CancellationToken);
        Should.Throw<InvalidOperationException>(() => simulator.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 2)));
    }

    [Fact]
    public void InjectTakesEffectNowWhateverTimeItCarries()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10));

        simulator.RunUntil(2.5);
        simulator.Inject(new Injection(7, InjectionAction.Slow, DeviceId: 2, Factor: 2));

        simulator.Injections.ShouldHaveSingleItem().AtSeconds.ShouldBe(2.5);
        simulator.Snapshot().Devices.Single(d => d.DeviceId == 2).SlowFactor.ShouldBe(2);
        simulator.Events.ShouldContain(e => e.Kind == "injection" && e.AtSeconds == 2.5 && e.DeviceId == 2);
    }

    [Fact]
    public void TheConstructorRefusesBadFailuresAndInjectionsWithClearMessages()
    {
        var settings = SimBuilder.ClosedLoop(duration: 10);

        Should.Throw<ArgumentException>(() => new Simulator(Plan(), settings, [new DeviceFailure(9, 1, 1, FailureEffect.Crash, "scenario 'x', event 1")]))
            .Message.ShouldContain("scheduledFailures[0] (scenario 'x', event 1) names device 9, which is not in the plan.");
        Should.Throw<ArgumentException>(() => new Simulator(Plan(), settings, [new DeviceFailure(1, 1, 1, FailureEffect.Slow(0.5), "s")]))
            .Message.ShouldContain("slow-down factor");
        Should.Throw<ArgumentException>(() => new Simulator(Plan(), settings, recordedInjections: [new Injection(11, InjectionAction.Crash, DeviceId: 1)]))
            .Message.ShouldContain("after the end of the run");
        Should.Throw<ArgumentException>(() => new Simulator(Plan(), settings, recordedInjections: [new Injection(1, InjectionAction.Crash)]))
            .Message.ShouldContain("Choose a target");
    }

    [Fact]
    public void TheConstructorRefusesAnInconsistentTopology()
    {
        var settings = SimBuilder.ClosedLoop(duration: 10);
        var plan = Plan();

        Should.Throw<ArgumentException>(() => new Simulator(plan with { ObjectiveSeconds = 2 }, settings)).Message.ShouldContain("L_obj");
        Should.Throw<ArgumentException>(() => new Simulator(plan with { Groups = [] }, settings)).Message.ShouldContain("no groups");
        var duplicate = plan with { Groups = [plan.Groups[0], plan.Groups[0]] };
        Should.Throw<ArgumentException>(() => new Simulator(duplicate, settings)).Message.ShouldContain("appears more than once");
    }

    [Fact]
    public void StopEndsTheRunNowWithItsReason()
    {
        var simulator = new Simulator(Plan(), SimBuilder.Poisson(rate: 20, duration: 60));

        simulator.RunUntil(7.25);
        simulator.Stop("Stopped by the operator.");

        simulator.Finished.ShouldBeTrue();
        simulator.NowSeconds.ShouldBe(7.25);
        simulator.AbortReason.ShouldBe("Stopped by the operator.");
        var result = simulator.Result();
        result.Summary.SimulatedSeconds.ShouldBe(7.25);
        result.Summary.Sent.ShouldBe(simulator.Snapshot().Sent);
        result.Seconds.Count.ShouldBe(8);
        simulator.StepRequest().ShouldBeNull();
        simulator.Events.Select(e => e.Kind).ShouldBe(["abort", "end"]);
    }

    [Fact]
    public void TheRequestLimitEndsTheRunOnceTheLastRequestCompletes()
    {
        var settings = SimBuilder.ClosedLoop(duration: 1000) with { MaxRequests = 25 };
        var simulator = new Simulator(Plan(), settings);

        simulator.RunToEnd(TestContext.Current.CancellationToken);

        var summary = simulator.Result().Summary;
        summary.Sent.ShouldBe(25);
        simulator.Finished.ShouldBeTrue();
        simulator.AbortReason.ShouldBeNull();
        summary.SimulatedSeconds.ShouldBe(25 * (0.3 + Delta), 1e-9);
        summary.ThroughputPerSecond.ShouldBe(25 / summary.SimulatedSeconds, 1e-9);
    }

    [Fact]
    public void SnapshotShowsQueuesAndDeviceStates()
    {
        // Four clients at once on one 1 s device: one in service, three waiting.
        var topology = SimBuilder.Topology(10, 0, 10, FailureMode.Strict, [SimBuilder.Device(1)]);
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 20, concurrency: 4));

        simulator.RunUntil(0.5);
        var busy = simulator.Snapshot();
        simulator.Inject(new Injection(0, InjectionAction.CutLink, DeviceId: 1));
        var cut = simulator.Snapshot();

        busy.Sent.ShouldBe(4);
        busy.Completed.ShouldBe(0);
        var device = busy.Devices.ShouldHaveSingleItem();
        device.Busy.ShouldBeTrue();
        device.QueueLength.ShouldBe(4);
        device.Up.ShouldBeTrue();
        cut.Devices[0].LinkCut.ShouldBeTrue();
        cut.Devices[0].LinkDegraded.ShouldBeFalse();
    }

    [Fact]
    public void RunToEndCanBeCancelledAndResumed()
    {
        var simulator = new Simulator(Plan(), SimBuilder.Poisson(rate: 1000, duration: 100));
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();

        Should.Throw<OperationCanceledException>(() => simulator.RunToEnd(cancellation.Token));
        simulator.Finished.ShouldBeFalse();
        simulator.RunToEnd(TestContext.Current.CancellationToken);

        simulator.Finished.ShouldBeTrue();
        simulator.Result().Seconds.Count.ShouldBe(100);
    }
}
