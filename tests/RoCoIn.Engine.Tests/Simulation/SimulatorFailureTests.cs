using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

public class SimulatorFailureTests
{
    private const double Tau = 2;
    private const double Delta = 0.1;

    /// <summary>Group 1: devices 1 (0.2 s) and 2 (0.3 s); group 2: device 3 (0.5 s). No link time, p = 0: T = 0.6 s.</summary>
    private static SimulationTopology Plan(FailureMode mode = FailureMode.Strict) => SimBuilder.Topology(Tau, Delta, 1, mode,
        [SimBuilder.Device(0.2), SimBuilder.Device(0.3)],
        [SimBuilder.Device(0.5)]);

    private static RunSummary Run(SimulationTopology topology, params DeviceFailure[] failures)
    {
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 60), failures);
        simulator.RunToEnd(TestContext.Current.CancellationToken);
        return simulator.Result().Summary;
    }

    private static DeviceFailure Whole(int device, FailureEffect effect) => new(device, 0, null, effect, "test");

    [Fact]
    public void AHealthyRunServesEveryRequestAtTheClosedFormLatency()
    {
        var summary = Run(Plan());

        summary.SuccessRate.ShouldBe(1);
        summary.P50Seconds!.Value.ShouldBe(0.6, 1e-12);
        summary.Prediction.MeanServedSeconds!.Value.ShouldBe(0.6, 1e-12);
        summary.Failures.ShouldBeEmpty();
    }

    [Fact]
    public void OneCrashedMemberOfATwoDeviceGroupKeepsTheSuccessRate()
    {
        var summary = Run(Plan(), Whole(1, FailureEffect.Crash));

        summary.SuccessRate.ShouldBe(1);
        summary.P50Seconds!.Value.ShouldBe(0.6, 1e-12);
        summary.Devices.Single(d => d.DeviceId == 2).Wins.ShouldBe(summary.Served);
        summary.Devices.Single(d => d.DeviceId == 1).Replies.ShouldBe(0);
        summary.Failures.ShouldHaveSingleItem().Kind.ShouldBe(FailureKind.Crash);
    }

    [Fact]
    public void BothMembersCrashedFailEveryRequestInStrictModeButNotInDegraded()
    {
        var strict = Run(Plan(FailureMode.Strict), Whole(1, FailureEffect.Crash), Whole(2, FailureEffect.Crash));
        var degraded = Run(Plan(FailureMode.Degraded), Whole(1, FailureEffect.Crash), Whole(2, FailureEffect.Crash));

        strict.SuccessRate.ShouldBe(0);
        strict.P50Seconds.ShouldBeNull();
        degraded.SuccessRate.ShouldBe(1);
        // Partial answers complete at τ + δ: the requester waits for the deadline.
        degraded.P50Seconds!.Value.ShouldBe(Tau + Delta, 1e-12);
    }

    [Fact]
    public void ASlowDownRaisesLatencyByItsFactor()
    {
        var summary = Run(Plan(), Whole(3, FailureEffect.Slow(3)));

        summary.SuccessRate.ShouldBe(1);
        summary.P50Seconds!.Value.ShouldBe((0.5 * 3) + Delta, 1e-12);
    }

    [Fact]
    public void ACutLinkGetsNoReply()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10), [Whole(3, FailureEffect.LinkCut)]);

        var trace = simulator.StepRequest()!;
        simulator.RunToEnd(TestContext.Current.CancellationToken);

        trace.Served.ShouldBeFalse();
        trace.Members.Single(m => m.DeviceId == 3).Outcome.ShouldBe(MemberOutcome.Lost);
        trace.Members.Single(m => m.DeviceId == 3).ReceivedSeconds.ShouldBeNull();
        simulator.Result().Summary.SuccessRate.ShouldBe(0);
    }

    [Fact]
    public void ALinkLosingEveryMessageGetsNoReply()
    {
        var summary = Run(Plan(), Whole(3, FailureEffect.LinkDegraded(1, 0, 1)));

        summary.SuccessRate.ShouldBe(0);
        summary.Devices.Single(d => d.DeviceId == 3).Replies.ShouldBe(0);
    }

    [Fact]
    public void ADegradedLinkSlowsTransfersAndAddsLatencyEachWay()
    {
        var topology = SimBuilder.Topology(Tau, Delta, 1, FailureMode.Strict, [SimBuilder.Device(0.5, latency: 0.01, down: 0.02, up: 0.03)]);

        var summary = Run(topology, Whole(1, FailureEffect.LinkDegraded(0.5, 0.1, 0)));

        // 2(ℓ + 0.1) + (0.02 + 0.03)/0.5 + 0.5 + δ.
        summary.P50Seconds!.Value.ShouldBe((2 * 0.11) + 0.1 + 0.5 + Delta, 1e-9);
    }

    [Fact]
    public void ACrashKillsTheRequestInFlight()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10));
        var traces = new List<RequestTrace>();
        simulator.RequestCompleted += traces.Add;

        simulator.RunUntil(0.4);
        simulator.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 3));
        simulator.RunUntil(5);

        var first = traces[0];
        first.Served.ShouldBeFalse();
        first.CompletedSeconds.ShouldBe(Tau + Delta, 1e-12);
        var member = first.Members.Single(m => m.DeviceId == 3);
        member.Outcome.ShouldBe(MemberOutcome.Down);
        member.StartSeconds.ShouldBe(0);
        member.FinishSeconds.ShouldBeNull();
        member.ReplySeconds.ShouldBeNull();
        first.Members.Single(m => m.DeviceId == 1).Outcome.ShouldBe(MemberOutcome.Replied);
        // The next request, sent at τ + δ, finds the device down.
        traces[1].Members.Single(m => m.DeviceId == 3).Outcome.ShouldBe(MemberOutcome.Down);
        traces[1].Members.Single(m => m.DeviceId == 3).ReceivedSeconds.ShouldBeNull();
    }

    [Fact]
    public void AHangIsSimulatedAsACrashAndARecoverEndsIt()
    {
        var crashed = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10));
        var hung = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 10));
        foreach (var (simulator, action) in new[] { (crashed, InjectionAction.Crash), (hung, InjectionAction.Hang) })
        {
            simulator.RunUntil(2);
            simulator.Inject(new Injection(0, action, DeviceId: 3));
            simulator.RunUntil(6);
            simulator.Inject(new Injection(0, InjectionAction.Recover, DeviceId: 3));
            simulator.RunToEnd(TestContext.Current.CancellationToken);
        }

        var hangResult = hung.Result();
        hangResult.Seconds.ShouldBe(crashed.Result().Seconds);
        var failure = hangResult.Summary.Failures.ShouldHaveSingleItem();
        failure.Kind.ShouldBe(FailureKind.Crash);
        failure.StartSeconds.ShouldBe(2);
        failure.EndSeconds.ShouldBe(6);
        hung.Events.ShouldContain(e => e.Text.Contains("hang", StringComparison.Ordinal));
    }

    [Fact]
    public void ACrashOfTheFastMemberMidRequestLeavesTheSlowerOnesReply()
    {
        // Group 1 has devices 1 (0.2 s) and 2 (0.3 s); group 2 is device 3 at 0.1 s, so group 1 decides the latency.
        var topology = SimBuilder.Topology(Tau, Delta, 1, FailureMode.Strict,
            [SimBuilder.Device(0.2), SimBuilder.Device(0.3)],
            [SimBuilder.Device(0.1)]);
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 10));
        var traces = new List<RequestTrace>();
        simulator.RequestCompleted += traces.Add;

        simulator.RunUntil(0.15);
        simulator.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 1));
        simulator.RunUntil(1);

        traces[0].Served.ShouldBeTrue();
        traces[0].LatencySeconds!.Value.ShouldBe(0.3 + Delta, 1e-12);
        traces[0].Members.Single(m => m.DeviceId == 2).Won.ShouldBeTrue();
        traces[0].Members.Single(m => m.DeviceId == 1).Outcome.ShouldBe(MemberOutcome.Down);
    }

    [Fact]
    public void RecoveringRestoresServiceWithAnEmptyQueue()
    {
        var simulator = new Simulator(Plan(), SimBuilder.ClosedLoop(duration: 30));

        simulator.RunUntil(5);
        simulator.Inject(new Injection(0, InjectionAction.Crash, DeviceId: 3));
        simulator.RunUntil(12);
        simulator.Snapshot().Devices.Single(d => d.DeviceId == 3).Up.ShouldBeFalse();
        simulator.Inject(new Injection(0, InjectionAction.Recover, DeviceId: 3));
        simulator.RunToEnd(TestContext.Current.CancellationToken);

        var seconds = simulator.CompletedSeconds;
        seconds.Where(s => s.Second is >= 6 and < 12).ShouldAllBe(s => s.Served == 0);
        seconds.Where(s => s.Second >= 13).ShouldAllBe(s => s.Sent == 0 || s.SuccessRate == 1);
        var failure = simulator.Result().Summary.Failures.ShouldHaveSingleItem();
        failure.StartSeconds.ShouldBe(5);
        failure.EndSeconds.ShouldBe(12);
        failure.Source.ShouldBe("manual");
    }

    [Fact]
    public void ASlowDownAppliesToJobsThatStartAfterItNotToTheOneInService()
    {
        // Three clients queue on one 1 s device at t = 0: service [0, 1], [1, 2], [2, 3]. A slow-down ×2 at 0.5
        // leaves the first at 1 and stretches the others: finishes at 3 and 5.
        var topology = SimBuilder.Topology(10, 0, 10, FailureMode.Strict, [SimBuilder.Device(1)]);
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 6, concurrency: 3));
        var latencies = new List<double>();
        simulator.RequestCompleted += t => latencies.Add(t.LatencySeconds!.Value);

        simulator.RunUntil(0.5);
        simulator.Inject(new Injection(0, InjectionAction.Slow, DeviceId: 1, Factor: 2));
        simulator.RunUntil(5);

        latencies.Take(3).ShouldBe([1.0, 3.0, 5.0]);
    }

    [Fact]
    public void RestoringALinkBeforeTheReplyIsSentBringsTheCompletionForward()
    {
        // The input travels the degraded link (+1 s) and arrives at 1; the link is restored at 0.5, so the reply,
        // sent at 2, goes at normal speed: latency 2, not the 3 computed when the request was sent.
        var topology = SimBuilder.Topology(10, 0, 10, FailureMode.Strict, [SimBuilder.Device(1)]);
        var failure = new DeviceFailure(1, 0, 0.5, FailureEffect.LinkDegraded(1, 1, 0), "test");
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 3), [failure]);

        var trace = simulator.StepRequest()!;

        trace.LatencySeconds.ShouldBe(2);
        trace.CompletedSeconds.ShouldBe(2);
        trace.Members[0].ReceivedSeconds.ShouldBe(1);
    }

    [Fact]
    public void AGroupInjectionHitsEveryMemberAndIsOneFailure()
    {
        var simulator = new Simulator(Plan(FailureMode.Degraded), SimBuilder.ClosedLoop(duration: 20));

        simulator.RunUntil(2);
        simulator.Inject(new Injection(0, InjectionAction.Crash, Group: 0));
        var snapshot = simulator.Snapshot();
        simulator.RunUntil(10);
        simulator.Inject(new Injection(0, InjectionAction.Recover, Group: 0));
        simulator.RunToEnd(TestContext.Current.CancellationToken);

        snapshot.Devices.Where(d => d.Group == 0).ShouldAllBe(d => !d.Up);
        snapshot.Devices.Single(d => d.Group == 1).Up.ShouldBeTrue();
        var failure = simulator.Result().Summary.Failures.ShouldHaveSingleItem();
        failure.DeviceId.ShouldBeNull();
        failure.Group.ShouldBe(0);
        failure.EndSeconds.ShouldBe(10);
        simulator.Events.Select(e => e.Kind).ShouldBe(["injection", "failure-start", "injection", "failure-end", "end"]);
    }

    [Fact]
    public void CrashProcessesLowerSuccessTowardsTheEffectiveNoReplyProbability()
    {
        // One device, down a fifth of the time: p_eff = 1 − MTBF/(MTBF + MTTR) = 0.2. Poisson arrivals see time averages.
        var topology = SimBuilder.Topology(1, 0, 1, FailureMode.Strict, [SimBuilder.Device(0.001, mtbf: 1, mttr: 0.25)]);
        var settings = SimBuilder.Poisson(rate: 50, duration: 2000, seed: 3) with { CrashProcesses = true };
        var simulator = new Simulator(topology, settings);

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var summary = simulator.Result().Summary;

        summary.Prediction.Reliability.ShouldBe(0.8, 1e-12);
        summary.SuccessRate.ShouldBe(0.8, 0.025);
        summary.Failures.Count.ShouldBeGreaterThan(1000);
        summary.Failures.ShouldAllBe(f => f.Source == "crash process" && f.Kind == FailureKind.Crash);
        summary.Notes.ShouldContain(n => n.Contains("p_eff"));
    }

    [Fact]
    public void WithoutCrashProcessesTheirDevicesNeverCrash()
    {
        var topology = SimBuilder.Topology(1, 0, 1, FailureMode.Strict, [SimBuilder.Device(0.001, mtbf: 1, mttr: 0.25)]);
        var simulator = new Simulator(topology, SimBuilder.Poisson(rate: 50, duration: 100));

        simulator.RunToEnd(TestContext.Current.CancellationToken);

        simulator.Result().Summary.SuccessRate.ShouldBe(1);
        simulator.Prediction.Reliability.ShouldBe(1);
    }
}
