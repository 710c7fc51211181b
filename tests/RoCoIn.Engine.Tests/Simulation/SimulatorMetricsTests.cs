using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

public class SimulatorMetricsTests
{
    /// <summary>Group 1: devices 1 and 2; group 2: device 3 alone. 2–4 ms of compute: up to 100 requests/s load them at most 40 %.</summary>
    private static SimulationTopology Plan(FailureMode mode = FailureMode.Strict, IReadOnlyDictionary<int, double>? accuracy = null,
        double? teacher = null, double p = 0) =>
        SimBuilder.Topology(1, 0.001, 0.05, mode, accuracy, teacher,
            [SimBuilder.Device(0.002, latency: 0.001, p: p), SimBuilder.Device(0.004, latency: 0.001, p: p)],
            [SimBuilder.Device(0.003, latency: 0.002, p: p)]);

    [Fact]
    public void PoissonLoadQueuesAndRaisesP95AboveTheClosedForm()
    {
        // One 10 ms device at 80 requests/s: utilisation 0.8, an M/D/1 queue.
        var topology = SimBuilder.Topology(2, 0, 1, FailureMode.Strict, [SimBuilder.Device(0.01)]);
        var simulator = new Simulator(topology, SimBuilder.Poisson(rate: 80, duration: 500, seed: 9));

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var summary = simulator.Result().Summary;

        summary.Prediction.P95Seconds!.Value.ShouldBe(0.01, 1e-12);
        summary.P95Seconds!.Value.ShouldBeGreaterThan(0.02);
        summary.P50Seconds!.Value.ShouldBeGreaterThan(0.01);
        // M/D/1 mean wait ρ·s / (2(1 − ρ)) = 0.02 s, plus the 0.01 s service.
        summary.MeanLatencySeconds!.Value.ShouldBe(0.03, 0.004);
        summary.Devices.ShouldHaveSingleItem().Utilisation.ShouldBe(0.8, 0.02);
        summary.ThroughputPerSecond.ShouldBe(80, 2);
        summary.Notes.ShouldContain(n => n.StartsWith("The prediction is the closed form for one isolated request", StringComparison.Ordinal));
    }

    [Fact]
    public void JitterSpreadsLatenciesAroundTheSameMean()
    {
        var topology = SimBuilder.Topology(5, 0, 5, FailureMode.Strict, [SimBuilder.Device(0.1)]);
        var settings = SimBuilder.ClosedLoop(duration: 2000, seed: 4) with { JitterCoefficient = 0.5 };
        var simulator = new Simulator(topology, settings);

        var latencies = SimBuilder.RunCollecting(simulator).Select(t => t.LatencySeconds!.Value).ToList();

        var mean = latencies.Average();
        var sd = Math.Sqrt(latencies.Sum(t => (t - mean) * (t - mean)) / (latencies.Count - 1));
        mean.ShouldBe(0.1, 4 * 0.05 / Math.Sqrt(latencies.Count));
        (sd / mean).ShouldBe(0.5, 0.03);
    }

    [Fact]
    public void AutoAbortStopsTheRunWhenSuccessFallsBelowTheThreshold()
    {
        var settings = SimBuilder.Poisson(rate: 100, duration: 60) with { AutoAbort = new AutoAbortRule(0.8, 3) };
        var crash = new DeviceFailure(3, 10, null, FailureEffect.Crash, "scenario 'outage', event 1");
        var simulator = new Simulator(Plan(), settings, [crash]);

        simulator.RunToEnd(TestContext.Current.CancellationToken);

        simulator.Finished.ShouldBeTrue();
        simulator.AbortReason.ShouldNotBeNull();
        simulator.AbortReason.ShouldMatch(@"^Success rate \d+\.\d % over the last 3 s fell below the auto-abort threshold of 80 %\.$");
        simulator.NowSeconds.ShouldBeInRange(11, 15);
        simulator.Events.ShouldContain(e => e.Kind == "abort" && e.Text == simulator.AbortReason);
        simulator.Events[^1].Kind.ShouldBe("end");
        var result = simulator.Result();
        result.Summary.AbortReason.ShouldBe(simulator.AbortReason);
        result.Summary.SimulatedSeconds.ShouldBe(simulator.NowSeconds);
        result.Seconds.Count.ShouldBe((int)Math.Ceiling(simulator.NowSeconds));
        result.Seconds.Take(9).ShouldAllBe(s => s.SuccessRate == 1);
    }

    [Fact]
    public void TimeToRecoverRunsFromTheCrashToTheFirstSecondBackAtTheEarlierLevel()
    {
        var crash = new DeviceFailure(3, 10, 5, FailureEffect.Crash, "test");
        var redundant = new DeviceFailure(1, 30, 5, FailureEffect.Crash, "test");
        var permanent = new DeviceFailure(3, 50, null, FailureEffect.Crash, "test");
        var simulator = new Simulator(Plan(), SimBuilder.Poisson(rate: 100, duration: 60), [crash, redundant, permanent]);

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var failures = simulator.Result().Summary.Failures;

        failures.Count.ShouldBe(3);
        failures[0].TimeToRecoverSeconds.ShouldBe(5);
        failures[0].EndSeconds.ShouldBe(15);
        // Device 2 stands in for device 1: the success rate never drops.
        failures[1].TimeToRecoverSeconds.ShouldBe(0);
        failures[2].TimeToRecoverSeconds.ShouldBeNull();
        failures[2].EndSeconds.ShouldBeNull();
    }

    [Fact]
    public void AccuracyIsDrawnFromTheSubsetTableAndFeedsTheResilienceScore()
    {
        var table = new Dictionary<int, double> { [1] = 0.5, [2] = 0.6, [3] = 0.9 };
        var simulator = new Simulator(Plan(FailureMode.Degraded, table, teacher: 0.95, p: 0.3), SimBuilder.Poisson(rate: 50, duration: 1000, seed: 11));

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var summary = simulator.Result().Summary;

        var expected = AccuracyModel.ExpectedServedAccuracy(table, summary.Prediction.GroupFailureProbabilities, FailureMode.Degraded)!.Value;
        summary.ExpectedAccuracy!.Value.ShouldBe(expected, 1e-12);
        summary.Accuracy!.Value.ShouldBe(expected, 4 * Math.Sqrt(expected * (1 - expected) / summary.Served));
        summary.SuccessRate.ShouldBe(summary.Prediction.Reliability, 4 * Math.Sqrt(0.25 / summary.Sent));
        var resilience = summary.Resilience.ShouldNotBeNull();
        resilience.SuccessRate.ShouldBe(summary.SuccessRate);
        resilience.AccuracyRatio.ShouldBe(summary.Accuracy.Value / 0.95, 1e-12);
        resilience.WithinObjectiveShare.ShouldBe(summary.WithinObjectiveShare!.Value);
        resilience.Score.ShouldBe(resilience.SuccessRate * resilience.AccuracyRatio * resilience.WithinObjectiveShare, 1e-12);
        summary.Notes.ShouldNotContain(Simulator.NoModelSetNote);
        simulator.CompletedSeconds.Sum(s => s.Correct).ShouldBe((long)Math.Round(summary.Accuracy.Value * summary.Served));
    }

    [Fact]
    public void WithoutAModelSetThereIsNoAccuracyAndTheNotesSaySo()
    {
        var simulator = new Simulator(Plan(), SimBuilder.Poisson(rate: 50, duration: 10));

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var summary = simulator.Result().Summary;

        summary.Accuracy.ShouldBeNull();
        summary.ExpectedAccuracy.ShouldBeNull();
        summary.Resilience.ShouldBeNull();
        summary.Notes.ShouldContain("No model set: accuracy is not measured for this plan; latency and success only.");
        simulator.CompletedSeconds.ShouldAllBe(s => s.Correct == 0);
    }

    [Fact]
    public void PerSecondAggregatesAddUpToTheSummary()
    {
        var simulator = new Simulator(Plan(p: 0.2), SimBuilder.Poisson(rate: 100, duration: 20, seed: 5));

        simulator.RunToEnd(TestContext.Current.CancellationToken);
        var result = simulator.Result();

        result.Seconds.Select(s => s.Second).ShouldBe(Enumerable.Range(0, 20));
        result.Seconds.Sum(s => s.Sent).ShouldBe(result.Summary.Sent);
        result.Seconds.Sum(s => s.Served).ShouldBe(result.Summary.Served);
        result.Seconds.Sum(s => s.LatencySumSeconds).ShouldBe(result.Summary.MeanLatencySeconds!.Value * result.Summary.Served, 1e-9);
        result.Histogram.Sum(b => b.Count).ShouldBe(result.Summary.Served);
        result.Seconds.ShouldAllBe(s => s.P50Seconds <= s.P95Seconds && s.P95Seconds <= s.P99Seconds);
        result.Summary.Devices.Sum(d => d.Wins).ShouldBeGreaterThan(0);
    }

    [Fact]
    public void AMillionRequestRunKeepsOneAggregatePerSecond()
    {
        // Microsecond devices, so 10⁵ requests/s load them at most 20 %.
        var topology = SimBuilder.Topology(0.01, 1e-6, 0.001, FailureMode.Strict,
            [SimBuilder.Device(1e-6, latency: 1e-5), SimBuilder.Device(2e-6, latency: 1e-5)],
            [SimBuilder.Device(1.5e-6, latency: 2e-5)]);
        var simulator = new Simulator(topology, SimBuilder.Poisson(rate: 100_000, duration: 10, seed: 8));
        var sizes = new List<int>();

        for (var t = 1; t <= 10; t++)
        {
            simulator.RunUntil(t);
            sizes.Add(simulator.CompletedSeconds.Count);
        }
        var result = simulator.Result();

        result.Summary.Sent.ShouldBeGreaterThan(990_000);
        simulator.CompletedSeconds.Count.ShouldBe(10);
        result.Seconds.Count.ShouldBe(10);
        // While running, only seconds whose requests have all completed are listed.
        sizes.Take(9).ShouldAllBe(n => n <= 9);
        sizes.Zip(sizes.Skip(1)).ShouldAllBe(pair => pair.First <= pair.Second);
        result.Histogram.Count.ShouldBeLessThan(500);
    }

    [Fact]
    public void APartialResultCountsCompletedRequestsAndSaysSo()
    {
        var simulator = new Simulator(Plan(), SimBuilder.Poisson(rate: 100, duration: 30));

        simulator.RunUntil(10.5);
        var result = simulator.Result();

        result.Summary.SimulatedSeconds.ShouldBe(10.5);
        result.Summary.Sent.ShouldBeLessThanOrEqualTo(simulator.Snapshot().Sent);
        result.Summary.Notes.ShouldContain(n => n.StartsWith("Partial result at 10.5 s", StringComparison.Ordinal));
        result.Seconds.Count.ShouldBe(10);
    }
}
