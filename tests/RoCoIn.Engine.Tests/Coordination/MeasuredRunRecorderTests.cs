using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Tests.Simulation;
using Member = RoCoIn.Engine.Coordination.MemberOutcome;
using TraceOutcome = RoCoIn.Engine.Simulation.MemberOutcome;

namespace RoCoIn.Engine.Tests.Coordination;

public sealed class MeasuredRunRecorderTests
{
    private const double Objective = 0.05;
    private static readonly Dictionary<int, double> Accuracy = new() { [1] = 0.5, [2] = 0.6, [3] = 0.9 };

    /// <summary>Group 0 (partition 0): devices 1 and 2; group 1 (partition 1): device 3.</summary>
    private static SimulationTopology Plan(FailureMode mode = FailureMode.Strict, double? teacher = 0.95) =>
        SimBuilder.Topology(1, 0.01, Objective, mode, Accuracy, teacher,
            [SimBuilder.Device(0.02, latency: 0.001, p: 0.1), SimBuilder.Device(0.03, latency: 0.001, p: 0.1)],
            [SimBuilder.Device(0.025, latency: 0.002, p: 0.05)]);

    private static SimulationSettings OneAtATime(AutoAbortRule? autoAbort = null) =>
        SimBuilder.ClosedLoop(duration: 60) with { AutoAbort = autoAbort };

    private static MeasuredRunRecorder Recorder(SimulationTopology? topology = null, SimulationSettings? settings = null, int traces = 64) =>
        new(topology ?? Plan(), settings ?? OneAtATime(), traces);

    private static MemberResult Reply(int deviceId, int partition, Member outcome, double? elapsed) =>
        new(deviceId, partition, outcome, elapsed is { } e ? TimeSpan.FromSeconds(e) : null, outcome is Member.Failed ? "boom" : null);

    /// <summary>An outcome of <see cref="Plan"/>: device 1 and device 3 win; device 2 is cancelled.</summary>
    private static RequestOutcome Outcome(long id, bool served, double latency, bool correct = true)
    {
        var members = served
            ? new[]
            {
                Reply(1, 0, Member.Won, latency * 0.5),
                Reply(2, 0, Member.Cancelled, latency * 0.5),
                Reply(3, 1, Member.Won, latency * 0.8),
            }
            : [Reply(1, 0, Member.Won, 0.02), Reply(2, 0, Member.Cancelled, 0.02), Reply(3, 1, Member.Unavailable, null)];
        return new RequestOutcome(id, served, TimeSpan.FromSeconds(latency), served ? 0b11 : 0b01, Label: 1,
            Predicted: served ? (correct ? 1 : 2) : null, members);
    }

    /// <summary>Sends a request at <paramref name="at"/> and completes it at once.</summary>
    private static RequestTrace Request(MeasuredRunRecorder recorder, long id, double at, bool served = true, double latency = 0.03,
        bool correct = true)
    {
        recorder.RequestSent(at);
        return recorder.RequestCompleted(Outcome(id, served, latency, correct), at);
    }

    [Fact]
    public void ASecondCompletesOnlyOnceItsPendingRequestsCompletedAndInOrder()
    {
        var recorder = Recorder();
        recorder.RequestSent(0.2);
        recorder.RequestSent(0.5);
        recorder.RequestSent(1.3);

        recorder.RequestCompleted(Outcome(3, served: true, 0.03), 1.3);
        recorder.RequestCompleted(Outcome(1, served: true, 0.03), 0.2);
        recorder.Advance(2.1);

        recorder.CompletedSeconds.ShouldBeEmpty();
        recorder.Completed.ShouldBe(2);

        recorder.RequestCompleted(Outcome(2, served: false, 0.9), 0.5);

        recorder.CompletedSeconds.Select(s => s.Second).ShouldBe([0, 1]);
        recorder.CompletedSeconds.Select(s => s.Sent).ShouldBe([2L, 1L]);
        recorder.CompletedSeconds.Select(s => s.Served).ShouldBe([1L, 1L]);
        recorder.Sent.ShouldBe(3);
        recorder.Served.ShouldBe(2);
    }

    [Fact]
    public void AnOpenSecondDoesNotCompleteBeforeTheClockLeavesIt()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.4);
        recorder.Advance(0.99);

        recorder.CompletedSeconds.ShouldBeEmpty();

        recorder.Advance(1);

        recorder.CompletedSeconds.ShouldHaveSingleItem().Sent.ShouldBe(1);
        recorder.NowSeconds.ShouldBe(1);
    }

    [Fact]
    public void ASecondsPercentilesAndCountsComeFromItsServedLatencies()
    {
        var recorder = Recorder();
        for (var i = 1; i <= 10; i++)
            Request(recorder, i, 0.05 * i, latency: 0.01 * i);
        Request(recorder, 11, 0.6, served: false, latency: 1.01);

        recorder.Advance(1.5);

        var second = recorder.CompletedSeconds.ShouldHaveSingleItem();
        second.Sent.ShouldBe(11);
        second.Served.ShouldBe(10);
        second.SuccessRate!.Value.ShouldBe(10.0 / 11, 1e-12);
        second.LatencySumSeconds.ShouldBe(0.55, 1e-12);
        second.P50Seconds!.Value.ShouldBe(0.05, 1e-12);
        second.P95Seconds!.Value.ShouldBe(0.10, 1e-12);
        second.P99Seconds!.Value.ShouldBe(0.10, 1e-12);
        var summary = recorder.Result().Summary;
        summary.MeanLatencySeconds!.Value.ShouldBe(0.055, 1e-12);
        summary.P50Seconds!.Value.ShouldBe(0.05, 1e-12);
    }

    [Fact]
    public void WithinObjectiveAccuracyAndResilienceCountServedRequestsOnly()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.1, latency: 0.03, correct: true);
        Request(recorder, 2, 0.2, latency: Objective, correct: true);
        Request(recorder, 3, 0.3, latency: 0.08, correct: false);
        Request(recorder, 4, 0.4, served: false, latency: 1.01);

        recorder.Finish(2, null);
        var result = recorder.Result();

        result.Seconds.Count.ShouldBe(2);
        var second = result.Seconds[0];
        second.WithinObjective.ShouldBe(2);
        second.Correct.ShouldBe(2);
        var summary = result.Summary;
        summary.SuccessRate.ShouldBe(0.75);
        summary.WithinObjectiveShare!.Value.ShouldBe(2.0 / 3, 1e-12);
        summary.Accuracy!.Value.ShouldBe(2.0 / 3, 1e-12);
        summary.ExpectedAccuracy.ShouldNotBeNull();
        var resilience = summary.Resilience.ShouldNotBeNull();
        resilience.AccuracyRatio.ShouldBe(2.0 / 3 / 0.95, 1e-12);
        resilience.Score.ShouldBe(0.75 * (2.0 / 3 / 0.95) * (2.0 / 3), 1e-12);
        summary.ThroughputPerSecond.ShouldBe(1.5);
        result.Histogram.Sum(b => b.Count).ShouldBe(3);
    }

    [Fact]
    public void ThePredictionAndExpectedAccuracyAreTheSimulatorsForTheSamePlanAndMode()
    {
        var topology = Plan(FailureMode.Strict);
        var settings = OneAtATime() with { Mode = FailureMode.Degraded };
        var simulator = new Simulator(topology, settings);
        var recorder = Recorder(topology, settings);

        recorder.Mode.ShouldBe(FailureMode.Degraded);
        recorder.Prediction.Reliability.ShouldBe(simulator.Prediction.Reliability);
        recorder.Prediction.MeanServedSeconds.ShouldBe(simulator.Prediction.MeanServedSeconds);
        recorder.Prediction.P95Seconds.ShouldBe(simulator.Prediction.P95Seconds);
        recorder.Prediction.GroupFailureProbabilities.ShouldBe(simulator.Prediction.GroupFailureProbabilities);
        recorder.Result().Summary.ExpectedAccuracy.ShouldBe(simulator.Result().Summary.ExpectedAccuracy);
    }

    [Fact]
    public void AutoAbortFiresWithTheSimulatorsReasonTextAndLeavesTheEndToTheCaller()
    {
        var recorder = Recorder(settings: OneAtATime(new AutoAbortRule(0.8, 2)));
        var id = 0;
        foreach (var (second, served) in new[] { (0, true), (0, true), (1, true), (1, true), (2, false), (2, false) })
            Request(recorder, ++id, second + 0.5, served, served ? 0.03 : 0.1);

        recorder.Advance(2.5);

        recorder.AbortReason.ShouldBeNull();

        recorder.Advance(3);

        const string reason = "Success rate 50.0 % over the last 2 s fell below the auto-abort threshold of 80 %.";
        recorder.AbortReason.ShouldBe(reason);
        recorder.Events.ShouldHaveSingleItem().ShouldBe(new RunEvent(3, "abort", reason, null, null));
        recorder.Finished.ShouldBeFalse();

        recorder.Finish(3.2, null);

        recorder.Events.Count(e => e.Kind == "abort").ShouldBe(1);
        recorder.Events[^1].Text.ShouldStartWith("The run stopped at 3.2 s");
        recorder.Result().Summary.AbortReason.ShouldBe(reason);
    }

    [Fact]
    public void AFailureIsRecordedWithItsTimeToRecoverFromTheDropToTheFirstSecondBack()
    {
        var recorder = Recorder();
        var id = 0;
        var index = -1;
        for (var second = 0; second < 12; second++)
        {
            if (second == 5)
                index = recorder.FailureStarted(5, 3, 1, FailureKind.Crash, "manual", "Device dev-3: crash (manual).");
            if (second == 7)
                recorder.FailureEnded(index, 7.5, "Device dev-3: crash ended (manual).");
            var served = second is < 5 or >= 8;
            for (var i = 0; i < 4; i++)
                Request(recorder, ++id, second + (0.2 * i), served, served ? 0.03 : 1.01);
        }

        recorder.Finish(12, null);
        var summary = recorder.Result().Summary;

        index.ShouldBe(0);
        summary.Failures.ShouldHaveSingleItem().ShouldBe(new FailureRecord(5, 7.5, 3, 1, FailureKind.Crash, "manual", 3));
        recorder.Events.Select(e => (e.Kind, e.DeviceId, e.Group)).ShouldBe(
            [("failure-start", 3, 1), ("failure-end", 3, 1), ("end", null, null)]);
        summary.Notes.ShouldContain(n => n.StartsWith("The prediction is the closed form for one isolated request", StringComparison.Ordinal));
    }

    [Fact]
    public void AFailureStillInEffectWithoutRecoveryHasNoTimeToRecover()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.5);
        recorder.FailureStarted(1, null, 0, FailureKind.LinkCut, "scenario 'cut', event 1", "Group 1: cut link.");
        Request(recorder, 2, 1.5, served: false, latency: 1.01);

        recorder.Finish(2, null);

        var failure = recorder.Result().Summary.Failures.ShouldHaveSingleItem();
        failure.EndSeconds.ShouldBeNull();
        failure.DeviceId.ShouldBeNull();
        failure.TimeToRecoverSeconds.ShouldBeNull();
    }

    [Fact]
    public void TraceMapsEveryCoordinatorOutcomeAndPartitionsToGroupIndices()
    {
        // Partitions 2 and 5: group 0 holds devices 1–3, group 1 devices 4 and 5.
        var built = SimBuilder.Topology(1, 0.01, 0.5, FailureMode.Degraded,
            [SimBuilder.Device(0.02), SimBuilder.Device(0.03), SimBuilder.Device(0.04)],
            [SimBuilder.Device(0.02), SimBuilder.Device(0.02)]);
        var topology = built with { Groups = [built.Groups[0] with { Partition = 2 }, built.Groups[1] with { Partition = 5 }] };
        var recorder = Recorder(topology);
        var outcome = new RequestOutcome(9, Served: true, TimeSpan.FromSeconds(0.95), AnsweredMask: 1 << 2, Label: 3, Predicted: 3,
        [
            Reply(4, 5, Member.Unavailable, null),
            Reply(3, 2, Member.Cancelled, 0.0625),
            Reply(5, 5, Member.Failed, 0.0078125),
            Reply(2, 2, Member.Replied, 0.03125),
            Reply(1, 2, Member.Won, 0.015625),
        ]);

        recorder.RequestSent(2);
        var trace = recorder.RequestCompleted(outcome, 2);

        trace.RequestId.ShouldBe(9);
        trace.ArrivalSeconds.ShouldBe(2);
        trace.CompletedSeconds.ShouldBe(2.95, 1e-12);
        trace.LatencySeconds!.Value.ShouldBe(0.95, 1e-12);
        trace.Correct.ShouldBe(true);
        trace.AnsweredGroups.ShouldBe(0b01);
        trace.Members.ShouldBe(
        [
            new MemberTrace(1, 0, TraceOutcome.Replied, 2, null, null, 2.015625, Won: true),
            new MemberTrace(2, 0, TraceOutcome.Replied, 2, null, null, 2.03125, Won: false),
            new MemberTrace(3, 0, TraceOutcome.Cancelled, 2, null, null, null, Won: false),
            new MemberTrace(4, 1, TraceOutcome.Down, null, null, null, null, Won: false),
            new MemberTrace(5, 1, TraceOutcome.Failed, 2, null, null, 2.0078125, Won: false),
        ]);
        recorder.RecentTraces.ShouldHaveSingleItem().ShouldBeSameAs(trace);
        recorder.Snapshot([]).LastAnsweredGroup.ShouldBe(0);
        var usage = recorder.Result().Summary.Devices;
        usage.Select(d => (d.DeviceId, d.Group, d.Replies, d.Wins)).ShouldBe(
            [(1, 0, 1L, 1L), (2, 0, 1L, 0L), (3, 0, 0L, 0L), (4, 1, 0L, 0L), (5, 1, 0L, 0L)]);
    }

    [Fact]
    public void TheLastAnsweredGroupIsTheGroupOfTheSlowestWinnerAndBothPartitionBitsMapToGroupBits()
    {
        var built = SimBuilder.Topology(1, 0.01, 0.5, FailureMode.Strict, [SimBuilder.Device(0.02)], [SimBuilder.Device(0.02)]);
        var topology = built with { Groups = [built.Groups[0] with { Partition = 2 }, built.Groups[1] with { Partition = 5 }] };
        var recorder = Recorder(topology);
        var outcome = new RequestOutcome(1, Served: true, TimeSpan.FromSeconds(0.1), AnsweredMask: (1 << 2) | (1 << 5), 0, 0,
            [Reply(1, 2, Member.Won, 0.04), Reply(2, 5, Member.Won, 0.09)]);

        recorder.RequestSent(0);
        var trace = recorder.RequestCompleted(outcome, 0);

        trace.AnsweredGroups.ShouldBe(0b11);
        var devices = new[] { new DeviceSnapshot(1, 0, true, 1, false, false, false, 0) };
        var snapshot = recorder.Snapshot(devices);
        snapshot.ShouldBe(new RunSnapshot(0.1, 1, 1, 1, false, null, 1, devices));
    }

    [Fact]
    public void AnOutcomeOutsideThePlanIsRejectedWithoutCountingIt()
    {
        var recorder = Recorder();
        recorder.RequestSent(0);
        var strangerDevice = new RequestOutcome(1, true, TimeSpan.FromSeconds(0.1), 0b11, 0, 0, [Reply(99, 0, Member.Won, 0.05)]);
        var strangerBit = new RequestOutcome(1, true, TimeSpan.FromSeconds(0.1), 0b111, 0, 0, [Reply(1, 0, Member.Won, 0.05)]);

        Should.Throw<ArgumentException>(() => recorder.RequestCompleted(strangerDevice, 0));
        Should.Throw<ArgumentException>(() => recorder.RequestCompleted(strangerBit, 0));
        Should.Throw<InvalidOperationException>(() => recorder.RequestCompleted(Outcome(2, true, 0.1), 3));

        recorder.Completed.ShouldBe(0);
    }

    [Fact]
    public void FinishCompletesEverySecondWithPendingRequestsAsSentNotServedAndIsIdempotent()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.5);
        recorder.RequestSent(1.2);
        recorder.RequestSent(2.7);

        recorder.Finish(3.5, null);

        recorder.Finished.ShouldBeTrue();
        recorder.CompletedSeconds.Select(s => (s.Second, s.Sent, s.Served)).ShouldBe([(0, 1L, 1L), (1, 1L, 0L), (2, 1L, 0L), (3, 0L, 0L)]);
        recorder.Completed.ShouldBe(3);
        var summary = recorder.Result().Summary;
        summary.Sent.ShouldBe(3);
        summary.Served.ShouldBe(1);
        summary.SuccessRate.ShouldBe(1.0 / 3, 1e-12);
        summary.SimulatedSeconds.ShouldBe(3.5);
        summary.AbortReason.ShouldBeNull();
        recorder.Events.ShouldHaveSingleItem().ShouldBe(new RunEvent(3.5, "end", "The run ended at 3.5 s: 3 requests sent, 1 served.", null, null));

        recorder.Finish(9, "stopped by the operator");
        recorder.Advance(10);
        recorder.RequestSent(10);
        recorder.RequestCompleted(Outcome(2, true, 0.03), 1.2);

        recorder.Events.Count.ShouldBe(1);
        recorder.AbortReason.ShouldBeNull();
        recorder.NowSeconds.ShouldBe(3.5);
        recorder.CompletedSeconds.Count.ShouldBe(4);
        recorder.Sent.ShouldBe(3);
        recorder.Served.ShouldBe(1);
        recorder.Result().Summary.SimulatedSeconds.ShouldBe(3.5);
    }

    [Fact]
    public void FinishWithAReasonRecordsItAsTheAbortReason()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.5);

        recorder.Finish(0.8, "Stopped by the operator.");

        recorder.AbortReason.ShouldBe("Stopped by the operator.");
        recorder.Events.Select(e => e.Kind).ShouldBe(["abort", "end"]);
        recorder.Events[^1].Text.ShouldBe("The run stopped at 0.8 s: 1 requests sent, 1 served.");
    }

    [Fact]
    public void APartialResultSaysSoAndAFinishedOneDoesNot()
    {
        var recorder = Recorder();
        Request(recorder, 1, 0.5);
        recorder.RequestSent(1.2);
        recorder.Advance(1.5);

        var partial = recorder.Result().Summary;

        partial.Sent.ShouldBe(1);
        partial.SimulatedSeconds.ShouldBe(1.5);
        partial.Notes.ShouldBe(
        [
            MeasuredRunRecorder.MeasuredNote,
            "Partial result at 1.5 s: 1 requests still in flight are not counted yet.",
        ]);

        recorder.RequestCompleted(Outcome(2, true, 0.03), 1.2);
        recorder.Finish(2, null);

        recorder.Result().Summary.Notes.ShouldBe([MeasuredRunRecorder.MeasuredNote]);
    }

    [Fact]
    public void NotesSayWhatTheMeasuredRunCannotCompareOrCompute()
    {
        var topology = Plan(teacher: null) with { AccuracyBySubset = null };
        var recorder = Recorder(topology, SimBuilder.Poisson(rate: 10, duration: 60));
        Request(recorder, 1, 0.5);
        recorder.Finish(1, null);

        var summary = recorder.Result().Summary;

        summary.Accuracy.ShouldBe(1.0);
        summary.ExpectedAccuracy.ShouldBeNull();
        summary.Resilience.ShouldBeNull();
        summary.Notes.ShouldBe(
        [
            MeasuredRunRecorder.MeasuredNote,
            MeasuredRunRecorder.NoAccuracyTableNote,
            "No teacher accuracy: the resilience score is not computed.",
            "The prediction is the closed form for one isolated request (concurrency 1, no jitter, no injected failures); queueing, jitter and failures of this run are not in it.",
        ]);
    }

    [Fact]
    public void UtilisationIsTheUnionOfOverlappingReplyIntervalsOverTheRunTime()
    {
        var topology = SimBuilder.Topology(1, 0.01, 0.5, FailureMode.Strict, [SimBuilder.Device(0.02), SimBuilder.Device(0.02)]);
        var recorder = Recorder(topology);
        void Send(long id, double at, double elapsed, Member first, Member second)
        {
            recorder.RequestSent(at);
            recorder.RequestCompleted(new RequestOutcome(id, true, TimeSpan.FromSeconds(elapsed + 0.01), 1, 0, 0,
                [Reply(1, 0, first, elapsed), Reply(2, 0, second, second == Member.Cancelled ? elapsed : elapsed + 0.1)]), at);
        }

        Send(1, 0.0, 0.4, Member.Won, Member.Cancelled);
        Send(2, 0.2, 0.4, Member.Won, Member.Cancelled);
        Send(3, 1.0, 0.2, Member.Won, Member.Replied);
        recorder.Finish(2, null);

        var devices = recorder.Result().Summary.Devices;
        devices[0].Utilisation.ShouldBe(0.4, 1e-12);
        devices[0].Replies.ShouldBe(3);
        devices[0].Wins.ShouldBe(3);
        devices[1].Utilisation.ShouldBe(0.15, 1e-12);
        devices[1].Replies.ShouldBe(1);
        devices[1].Wins.ShouldBe(0);
    }

    [Fact]
    public void RecentTracesKeepTheLastOnesOldestFirst()
    {
        var recorder = Recorder(traces: 2);
        for (var id = 1; id <= 3; id++)
            Request(recorder, id, id * 0.1);

        recorder.RecentTraces.Select(t => t.RequestId).ShouldBe([2L, 3L]);
    }

    [Fact]
    public void BadInputIsRejected()
    {
        Should.Throw<ArgumentNullException>(() => new MeasuredRunRecorder(null!, OneAtATime()));
        Should.Throw<ArgumentNullException>(() => new MeasuredRunRecorder(Plan(), null!));
        Should.Throw<ArgumentOutOfRangeException>(() => new MeasuredRunRecorder(Plan(), OneAtATime(), -1));
        var twice = Plan() with { Groups = [Plan().Groups[0], Plan().Groups[1] with { Partition = 0 }] };
        Should.Throw<ArgumentException>(() => new MeasuredRunRecorder(twice, OneAtATime()));

        var recorder = Recorder();
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.RequestSent(double.NaN));
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.Advance(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => recorder.FailureEnded(0, 1, "no such failure"));
    }
}
