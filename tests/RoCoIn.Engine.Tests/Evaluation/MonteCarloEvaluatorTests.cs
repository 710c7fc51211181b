using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Evaluation;

public class MonteCarloEvaluatorTests
{
    private const int Requests = 100_000;

    [Fact]
    public void MonteCarloAgreesWithTheClosedFormOnRandomPlans()
    {
        var random = new SeededRandom(404);
        // DKW: P(sup |F_n − F| > ε) ≤ 2·exp(−2nε²); ε for α = 0.001.
        var dkw = Math.Sqrt(Math.Log(2 / 0.001) / (2.0 * Requests));
        var informative = 0;
        for (var plan = 0; plan < 30; plan++)
        {
            var groups = TimingBuilder.Random(random, maxMembers: 16, maxGroups: 4, deadline: 1, maxP: 0.5, certainties: false);
            var mode = plan % 2 == 0 ? FailureMode.Strict : FailureMode.Degraded;
            var settings = new EvaluationSettings(1, random.NextUniform(0, 0.1), 0.5, mode);

            var closed = ClosedFormEvaluator.Evaluate(groups, settings);
            var mc = MonteCarloEvaluator.Run(groups, settings, Requests, seed: 1000 + plan);

            // Sums of 10^5 equal latencies are off by rounding, not by chance: allow that much.
            const double rounding = 1e-10;
            var r = closed.Reliability;
            Math.Abs(mc.Reliability - r).ShouldBeLessThanOrEqualTo((4 * Math.Sqrt(r * (1 - r) / Requests)) + rounding, $"plan {plan}");
            Math.Abs(mc.MeanCappedSeconds - closed.ObjectiveJ)
                .ShouldBeLessThanOrEqualTo((4 * mc.StdDevCappedSeconds / Math.Sqrt(Requests)) + rounding, $"plan {plan}");
            if (closed.MeanServedSeconds is { } mean && mc.Served > 1)
                Math.Abs(mc.MeanServedSeconds!.Value - mean)
                    .ShouldBeLessThanOrEqualTo((4 * mc.StdDevServedSeconds!.Value / Math.Sqrt(mc.Served)) + rounding, $"plan {plan}");
            SupDistance(mc, closed).ShouldBeLessThanOrEqualTo(dkw, $"plan {plan}");
            if (r is > 0 and < 1 && closed.Cdf.Count > 1)
                informative++;
        }
        informative.ShouldBeGreaterThanOrEqualTo(20);
    }

    [Fact]
    public void SameSeedGivesTheSameResultAndAnotherSeedDoesNot()
    {
        var groups = TimingBuilder.Groups([(1, 0.3), (2, 0.4)], [(1.5, 0.5)]);
        var settings = new EvaluationSettings(5, 0.1, 2, FailureMode.Degraded);

        var a = MonteCarloEvaluator.Run(groups, settings, 1000, seed: 5);
        var b = MonteCarloEvaluator.Run(groups, settings, 1000, seed: 5);
        var c = MonteCarloEvaluator.Run(groups, settings, 1000, seed: 6);

        b.ServedLatencies.ShouldBe(a.ServedLatencies);
        b.MeanCappedSeconds.ShouldBe(a.MeanCappedSeconds);
        c.ServedLatencies.ShouldNotBe(a.ServedLatencies);
    }

    [Fact]
    public void CertainRepliesGiveTheExactLatencyWithNoSpread()
    {
        var groups = TimingBuilder.Groups([(1, 0), (3, 0.5)], [(2, 0)]);
        var settings = new EvaluationSettings(5, 0.25, 2, FailureMode.Strict);

        var mc = MonteCarloEvaluator.Run(groups, settings, 500, seed: 1);

        mc.Served.ShouldBe(500);
        mc.Reliability.ShouldBe(1);
        mc.MeanServedSeconds.ShouldBe(2.25);
        mc.StdDevServedSeconds.ShouldBe(0);
        mc.MeanCappedSeconds.ShouldBe(2.25);
        mc.StdDevCappedSeconds.ShouldBe(0);
        mc.Percentile(0.99).ShouldBe(2.25);
    }

    [Fact]
    public void NothingServedGivesNullLatenciesAndTheDeadlineAsCost()
    {
        var groups = TimingBuilder.Groups([(1, 1)], [(9, 0)]);
        var settings = new EvaluationSettings(5, 0, 2, FailureMode.Degraded);

        var mc = MonteCarloEvaluator.Run(groups, settings, 100, seed: 3);

        mc.Served.ShouldBe(0);
        mc.Reliability.ShouldBe(0);
        mc.MeanServedSeconds.ShouldBeNull();
        mc.StdDevServedSeconds.ShouldBeNull();
        mc.MeanCappedSeconds.ShouldBe(5);
        mc.StdDevCappedSeconds.ShouldBe(0);
        mc.ServedLatencies.ShouldBeEmpty();
        mc.Percentile(0.5).ShouldBeNull();
    }

    [Fact]
    public void DegradedPartialAnswersCompleteAtDeadlinePlusAggregatorTimeAndCostTheDeadline()
    {
        // Group 2 is too slow ever to count: every served request is partial.
        var groups = TimingBuilder.Groups([(1, 0)], [(4.9, 0)]);
        var settings = new EvaluationSettings(5, 0.2, 2, FailureMode.Degraded);

        var mc = MonteCarloEvaluator.Run(groups, settings, 50, seed: 3);

        mc.Served.ShouldBe(50);
        mc.ServedLatencies.ShouldAllBe(t => t == 5.2);
        mc.MeanCappedSeconds.ShouldBe(5);
    }

    [Fact]
    public void PercentileUsesTheLowerInverseOfTheEmpiricalDistribution()
    {
        var mc = new MonteCarloResult(5, 4, 0.8, 2.5, 1.29, 3, 1.5, [1.0, 2.0, 3.0, 4.0]);

        mc.Percentile(0.5).ShouldBe(2);
        mc.Percentile(0.5 + 1e-9).ShouldBe(3);
        mc.Percentile(0.75).ShouldBe(3);
        mc.Percentile(0.1).ShouldBe(1);
        mc.Percentile(1).ShouldBe(4);
        Should.Throw<ArgumentOutOfRangeException>(() => mc.Percentile(0));
    }

    [Fact]
    public void RunRejectsFewerThanOneRequest()
    {
        var groups = TimingBuilder.Groups([(1, 0)]);

        Should.Throw<ArgumentOutOfRangeException>(() =>
            MonteCarloEvaluator.Run(groups, new EvaluationSettings(5, 0, 2, FailureMode.Strict), 0, 1));
    }

    /// <summary>
    /// sup_t |F_n(t) − F_T(t)| over all requests. Both are step functions whose jumps sit at the closed form's steps
    /// (a request's latency is one of the t_nk + δ or τ + δ exactly), so the sup is attained at a step or just before it.
    /// </summary>
    private static double SupDistance(MonteCarloResult mc, PlanMetrics closed)
    {
        var served = mc.ServedLatencies;
        var n = (double)mc.Requests;
        var sup = 0.0;
        var before = 0.0;
        foreach (var step in closed.Cdf)
        {
            var atOrBelow = CountBelow(served, step.Seconds, inclusive: true) / n;
            var below = CountBelow(served, step.Seconds, inclusive: false) / n;
            sup = Math.Max(sup, Math.Max(Math.Abs(atOrBelow - step.Probability), Math.Abs(below - before)));
            before = step.Probability;
        }
        // After the last step both are flat; every served latency must lie on a step.
        sup = Math.Max(sup, Math.Abs((served.Count / n) - before));
        return sup;
    }

    private static int CountBelow(IReadOnlyList<double> sorted, double t, bool inclusive)
    {
        int low = 0, high = sorted.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (inclusive ? sorted[mid] <= t : sorted[mid] < t)
                low = mid + 1;
            else
                high = mid;
        }
        return low;
    }
}
