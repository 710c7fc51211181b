using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

/// <summary>
/// At closed-loop concurrency 1 and zero jitter the simulator must agree with the closed form (rocoin-model.md §3).
/// The plans keep every member's work inside its request (a long link latency, small compute differences), so no
/// member is still busy when the next request arrives — the closed form's isolated request.
/// </summary>
public class SimulatorClosedFormTests
{
    private const double Latency = 0.25;
    private const double Transfer = 0.01;

    private static SimulatedDevice Member(double compute, double p) =>
        SimBuilder.Device(compute, latency: Latency, down: Transfer, up: Transfer, p: p);

    public static TheoryData<string> Plans => ["strict-two-groups", "degraded-three-groups", "strict-certain", "strict-three-groups"];

    private static SimulationTopology Plan(string name) => name switch
    {
        // The 0.20 member takes t = 0.72 > τ − δ = 0.68: it never counts.
        "strict-two-groups" => SimBuilder.Topology(0.7, 0.02, 0.6, FailureMode.Strict,
            [Member(0.02, 0.3), Member(0.06, 0.2), Member(0.20, 0.1)],
            [Member(0.04, 0.25), Member(0.10, 0.4)]),
        "degraded-three-groups" => SimBuilder.Topology(0.7, 0.02, 0.6, FailureMode.Degraded,
            [Member(0.03, 0.5)],
            [Member(0.05, 0.4), Member(0.12, 0.3)],
            [Member(0.08, 0.6), Member(0.15, 0.5)]),
        "strict-certain" => SimBuilder.Topology(0.7, 0.02, 0.6, FailureMode.Strict,
            [Member(0.05, 0), Member(0.10, 0)]),
        "strict-three-groups" => SimBuilder.Topology(0.7, 0.01, 0.59, FailureMode.Strict,
            [Member(0.02, 0.1), Member(0.07, 0.3), Member(0.11, 0.2)],
            [Member(0.03, 0.35), Member(0.09, 0.15)],
            [Member(0.05, 0.05)]),
        _ => throw new ArgumentOutOfRangeException(nameof(name)),
    };

    [Theory]
    [MemberData(nameof(Plans))]
    public void ConcurrencyOneWithoutJitterMatchesTheClosedForm(string plan)
    {
        var topology = Plan(plan);
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 20_000, seed: 77));

        var traces = SimBuilder.RunCollecting(simulator);
        var prediction = simulator.Prediction;

        var n = traces.Count;
        n.ShouldBeGreaterThan(20_000);
        var served = traces.Where(t => t.Served).Select(t => t.LatencySeconds!.Value).Order().ToArray();

        // R within 4σ (plus rounding, for R = 1).
        var r = prediction.Reliability;
        var rate = (double)served.Length / n;
        Math.Abs(rate - r).ShouldBeLessThanOrEqualTo((4 * Math.Sqrt(r * (1 - r) / n)) + 1e-12, plan);

        // Mean of served within 4σ of E[T | served].
        var mean = served.Average();
        var sd = Math.Sqrt(served.Sum(t => (t - mean) * (t - mean)) / (served.Length - 1));
        Math.Abs(mean - prediction.MeanServedSeconds!.Value).ShouldBeLessThanOrEqualTo((4 * sd / Math.Sqrt(served.Length)) + 1e-9, plan);

        // Empirical CDF of all requests within the DKW bound at α = 0.001.
        var dkw = Math.Sqrt(Math.Log(2 / 0.001) / (2.0 * n));
        SupDistance(served, n, prediction.Cdf).ShouldBeLessThanOrEqualTo(dkw, plan);

        // The run's own summary says the same.
        var summary = simulator.Result().Summary;
        summary.Sent.ShouldBe(n);
        summary.Served.ShouldBe(served.Length);
        summary.SuccessRate.ShouldBe(rate);
        summary.MeanLatencySeconds!.Value.ShouldBe(mean, 1e-9);
    }

    [Fact]
    public void CertainRepliesGiveExactlyTheClosedFormLatency()
    {
        var topology = Plan("strict-certain");
        var simulator = new Simulator(topology, SimBuilder.ClosedLoop(duration: 100));

        var traces = SimBuilder.RunCollecting(simulator);

        var expected = (2 * Latency) + Transfer + 0.05 + Transfer + 0.02;
        traces.ShouldAllBe(t => t.Served && Math.Abs(t.LatencySeconds!.Value - expected) < 1e-9);
        simulator.Prediction.P50Seconds!.Value.ShouldBe(expected, 1e-12);
        simulator.Result().Summary.P99Seconds!.Value.ShouldBe(expected, 1e-9);
        simulator.Result().Summary.Notes.ShouldContain(Simulator.NoModelSetNote);
    }

    /// <summary>
    /// sup_t |F_n(t) − F(t)| where F steps at the closed form's points: every served latency must sit on one of them
    /// (up to rounding), and the two step functions are compared just before and just after each step.
    /// </summary>
    private static double SupDistance(double[] servedSorted, int n, IReadOnlyList<CdfPoint> cdf)
    {
        const double eta = 1e-9;
        foreach (var t in servedSorted)
            cdf.Any(p => Math.Abs(p.Seconds - t) < eta).ShouldBeTrue($"latency {t} is not a step of the closed form");
        double Empirical(double t) => CountAtOrBelow(servedSorted, t) / (double)n;
        var sup = 0.0;
        var previous = 0.0;
        foreach (var point in cdf)
        {
            sup = Math.Max(sup, Math.Abs(Empirical(point.Seconds - eta) - previous));
            sup = Math.Max(sup, Math.Abs(Empirical(point.Seconds + eta) - point.Probability));
            previous = point.Probability;
        }
        return sup;
    }

    private static int CountAtOrBelow(double[] sorted, double t)
    {
        var index = Array.BinarySearch(sorted, t);
        if (index < 0)
            return ~index;
        while (index + 1 < sorted.Length && sorted[index + 1] <= t)
            index++;
        return index + 1;
    }
}
