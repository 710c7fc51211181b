using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Evaluation;

public class ClosedFormEvaluatorTests
{
    private const double Tight = 1e-12;

    private static EvaluationSettings Strict(double tau = 10, double delta = 0, double objective = 2) =>
        new(tau, delta, objective, FailureMode.Strict);

    private static EvaluationSettings Degraded(double tau = 10, double delta = 0, double objective = 2) =>
        new(tau, delta, objective, FailureMode.Degraded);

    [Fact]
    public void OneGroupOfTwoMembersStepsAtEachMembersCompletionTime()
    {
        // t + δ = 1.5 with p 0.1, then 2.5 with p 0.2: F = 0.9, then 1 − 0.02 = 0.98.
        var groups = TimingBuilder.Groups([(1, 0.1), (2, 0.2)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Strict(tau: 10, delta: 0.5, objective: 2));

        m.Cdf.Select(p => p.Seconds).ShouldBe([1.5, 2.5]);
        m.Cdf.Select(p => p.Probability).ShouldBe([0.9, 0.98], Tight);
        m.Reliability.ShouldBe(0.98, Tight);
        m.GroupFailureProbabilities.ShouldBe([0.02], Tight);
        m.MeanServedSeconds!.Value.ShouldBe(((1.5 * 0.9) + (2.5 * 0.08)) / 0.98, Tight);
        m.ObjectiveJ.ShouldBe(1.55 + (0.02 * 10), Tight);
        m.P50Seconds.ShouldBe(1.5);
        m.P95Seconds.ShouldBe(2.5);
        m.P99Seconds.ShouldBe(2.5);
        m.WithinObjectiveShare.ShouldBe(0.9 / 0.98, Tight);
    }

    [Fact]
    public void TwoGroupsAreServedOnlyOnceBothHaveAnswered()
    {
        // Group 1 answers at 1 w.p. 0.9; group 2 at 2 w.p. 0.8, else at 3 w.p. 0.5·0.2.
        var groups = TimingBuilder.Groups([(1, 0.1)], [(2, 0.2), (3, 0.5)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Strict());

        m.Cdf.Select(p => p.Seconds).ShouldBe([2.0, 3.0]);
        m.Cdf.Select(p => p.Probability).ShouldBe([0.72, 0.81], Tight);
        m.Reliability.ShouldBe(0.81, Tight);
        m.GroupFailureProbabilities.ShouldBe([0.1, 0.1], Tight);
        m.MeanServedSeconds!.Value.ShouldBe(1.71 / 0.81, Tight);
        m.ObjectiveJ.ShouldBe(1.71 + (0.19 * 10), Tight);
        m.WithinObjectiveShare.ShouldBe(0.72 / 0.81, Tight);
    }

    [Fact]
    public void DegradedModeServesPartialAnswersAtDeadlinePlusAggregatorTime()
    {
        var groups = TimingBuilder.Groups([(1, 0.1)], [(2, 0.2), (3, 0.5)]);

        var strict = ClosedFormEvaluator.Evaluate(groups, Strict(delta: 0.5));
        var degraded = ClosedFormEvaluator.Evaluate(groups, Degraded(delta: 0.5));

        // R_deg = 1 − q1·q2 = 0.99; partial answers (0.18) complete at τ + δ = 10.5.
        degraded.Reliability.ShouldBe(0.99, Tight);
        degraded.Cdf.Select(p => p.Seconds).ShouldBe([2.5, 3.5, 10.5]);
        degraded.Cdf.Select(p => p.Probability).ShouldBe([0.72, 0.81, 0.99], Tight);
        degraded.MeanServedSeconds!.Value.ShouldBe(((2.5 * 0.72) + (3.5 * 0.09) + (10.5 * 0.18)) / 0.99, Tight);
        degraded.P99Seconds.ShouldBe(10.5);
        degraded.P50Seconds.ShouldBe(2.5);
        degraded.WithinObjectiveShare.ShouldBe(0, Tight);
        // Partial answers cost τ in J, exactly like failures, so J does not change with the mode.
        degraded.ObjectiveJ.ShouldBe(strict.ObjectiveJ, Tight);
        strict.ObjectiveJ.ShouldBe((2.5 * 0.72) + (3.5 * 0.09) + (0.19 * 10), Tight);
    }

    [Fact]
    public void DegradedFinalStepMergesWithAStrictStepAtTheDeadlineWhenAggregatorTimeIsZero()
    {
        var groups = TimingBuilder.Groups([(10, 0.5)], [(1, 0.5)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Degraded(tau: 10, delta: 0));

        m.Cdf.Select(p => p.Seconds).ShouldBe([10.0]);
        m.Cdf[0].Probability.ShouldBe(0.75, Tight);
        m.Reliability.ShouldBe(0.75, Tight);
    }

    [Fact]
    public void DegradedModeEqualsStrictModeWithOneGroup()
    {
        var groups = TimingBuilder.Groups([(1, 0.3), (4, 0.5)]);

        var strict = ClosedFormEvaluator.Evaluate(groups, Strict());
        var degraded = ClosedFormEvaluator.Evaluate(groups, Degraded());

        degraded.Cdf.ShouldBe(strict.Cdf);
        degraded.Reliability.ShouldBe(strict.Reliability);
        degraded.MeanServedSeconds.ShouldBe(strict.MeanServedSeconds);
    }

    [Fact]
    public void MemberSlowerThanDeadlineMinusAggregatorTimeNeverCounts()
    {
        // 9.6 + 0.5 > 10: the p = 0 member cannot save the group.
        var groups = TimingBuilder.Groups([(1, 0.5), (9.6, 0)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Strict(tau: 10, delta: 0.5));

        m.Reliability.ShouldBe(0.5);
        m.GroupFailureProbabilities.ShouldBe([0.5]);
        m.Cdf.Count.ShouldBe(1);
        m.ObjectiveJ.ShouldBe(1.5 + (0.5 * 8.5), Tight);
    }

    [Fact]
    public void MemberFinishingExactlyAtTheDeadlineCounts()
    {
        var groups = TimingBuilder.Groups([(1, 0.5), (9.5, 0)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Strict(tau: 10, delta: 0.5));

        m.Reliability.ShouldBe(1);
        m.Cdf[^1].ShouldBe(new CdfPoint(10, 1));
    }

    [Fact]
    public void MemberThatAlwaysRepliesMakesItsGroupCertainFromItsTimeOn()
    {
        var groups = TimingBuilder.Groups([(1, 0.3), (2, 0), (3, 0.4)], [(0.5, 0)]);

        var m = ClosedFormEvaluator.Evaluate(groups, Strict());

        m.Cdf.ShouldBe([new CdfPoint(1, 0.7), new CdfPoint(2, 1)]);
        m.Reliability.ShouldBe(1);
        m.GroupFailureProbabilities.ShouldBe([0, 0]);
        m.ObjectiveJ.ShouldBe(1 + 0.3, Tight);
        ClosedFormEvaluator.ObjectiveJ(groups, Strict()).ShouldBe(m.ObjectiveJ);
        ClosedFormEvaluator.Reliability(groups, Strict()).ShouldBe(1);
    }

    [Fact]
    public void MembersThatNeverReplyGiveZeroReliabilityAndNoLatencyFigures()
    {
        var groups = TimingBuilder.Groups([(1, 1), (2, 1)], [(1, 0)]);

        foreach (var settings in new[] { Strict(), Degraded() })
        {
            var m = ClosedFormEvaluator.Evaluate(groups, settings);

            m.Reliability.ShouldBe(settings.Mode == FailureMode.Strict ? 0 : 1);
        }
        var allSilent = TimingBuilder.Groups([(1, 1), (2, 1)], [(1, 1)]);
        foreach (var settings in new[] { Strict(), Degraded() })
        {
            var m = ClosedFormEvaluator.Evaluate(allSilent, settings);

            m.Reliability.ShouldBe(0);
            m.Cdf.ShouldBeEmpty();
            m.MeanServedSeconds.ShouldBeNull();
            m.P50Seconds.ShouldBeNull();
            m.P95Seconds.ShouldBeNull();
            m.P99Seconds.ShouldBeNull();
            m.WithinObjectiveShare.ShouldBe(0);
            m.ObjectiveJ.ShouldBe(10);
            m.GroupFailureProbabilities.ShouldBe([1, 1]);
            ClosedFormEvaluator.Percentile(m, 0.5).ShouldBeNull();
            ClosedFormEvaluator.ObjectiveJ(allSilent, settings).ShouldBe(10);
            ClosedFormEvaluator.Reliability(allSilent, settings).ShouldBe(0);
        }
    }

    [Fact]
    public void NoGroupsOrAnEmptyGroupMeansNothingIsServedInStrictMode()
    {
        var none = ClosedFormEvaluator.Evaluate([], Strict());
        var empty = ClosedFormEvaluator.Evaluate(TimingBuilder.Groups([(1, 0)], []), Strict());
        var emptyDegraded = ClosedFormEvaluator.Evaluate(TimingBuilder.Groups([(1, 0)], []), Degraded());

        none.Reliability.ShouldBe(0);
        none.ObjectiveJ.ShouldBe(10);
        none.MeanServedSeconds.ShouldBeNull();
        ClosedFormEvaluator.Reliability([], Degraded()).ShouldBe(0);
        empty.Reliability.ShouldBe(0);
        empty.GroupFailureProbabilities.ShouldBe([0, 1]);
        emptyDegraded.Reliability.ShouldBe(1);
        emptyDegraded.Cdf.ShouldBe([new CdfPoint(10, 1)]);
    }

    [Fact]
    public void PercentileTakesTheStepWhereTheTargetLandsExactlyOnIt()
    {
        var half = ClosedFormEvaluator.Evaluate(TimingBuilder.Groups([(1, 0.5), (2, 0)]), Strict());
        // 0.9 / 0.98 · 0.98 is not exactly 0.9 in floating point; the tolerance keeps the lower step.
        var uneven = ClosedFormEvaluator.Evaluate(TimingBuilder.Groups([(1, 0.1), (2, 0.2)]), Strict(delta: 0.5));

        half.P50Seconds.ShouldBe(1);
        ClosedFormEvaluator.Percentile(half, 0.5 + 1e-9).ShouldBe(2);
        ClosedFormEvaluator.Percentile(half, 1).ShouldBe(2);
        ClosedFormEvaluator.Percentile(uneven, 0.9 / 0.98).ShouldBe(1.5);
        ClosedFormEvaluator.Percentile(uneven, (0.9 / 0.98) + 1e-9).ShouldBe(2.5);
        ClosedFormEvaluator.Percentile(uneven, 1e-300).ShouldBe(1.5);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.5)]
    [InlineData(1.0000001)]
    [InlineData(double.NaN)]
    public void PercentileRejectsAFractionOutsideTheUnitInterval(double x)
    {
        var m = ClosedFormEvaluator.Evaluate(TimingBuilder.Groups([(1, 0.5)]), Strict());

        Should.Throw<ArgumentOutOfRangeException>(() => ClosedFormEvaluator.Percentile(m, x));
    }

    [Theory]
    [InlineData(FailureMode.Strict)]
    [InlineData(FailureMode.Degraded)]
    public void ObjectiveEqualsTheIntegralOfTheSurvivalFunctionOfTheReturnedCdf(FailureMode mode)
    {
        var random = new SeededRandom(31);
        for (var plan = 0; plan < 30; plan++)
        {
            var groups = TimingBuilder.Random(random, maxMembers: 40, maxGroups: 6, deadline: 5);
            var settings = new EvaluationSettings(5, random.NextUniform(0, 0.5), 3, mode);

            var m = ClosedFormEvaluator.Evaluate(groups, settings);

            IntegrateSurvival(m.Cdf, settings.DeadlineSeconds).ShouldBe(m.ObjectiveJ, 1e-12 * settings.DeadlineSeconds);
            RiemannSurvival(m, settings.DeadlineSeconds, 200_000).ShouldBe(m.ObjectiveJ, settings.DeadlineSeconds / 200_000);
            if (mode == FailureMode.Strict && m.MeanServedSeconds is { } mean)
                ((m.Reliability * mean) + ((1 - m.Reliability) * settings.DeadlineSeconds)).ShouldBe(m.ObjectiveJ, 1e-12 * m.ObjectiveJ);
        }
    }

    [Fact]
    public void EvaluateMatchesTheDefiningProductFormulaAtEveryCandidateTime()
    {
        var random = new SeededRandom(7);
        for (var plan = 0; plan < 20; plan++)
        {
            // Up to 400 members and 80 groups also exercise the pooled buffers and a deep product tree.
            var large = plan % 4 == 3;
            var groups = TimingBuilder.Random(random, large ? 400 : 30, large ? 80 : 8, deadline: 4, maxP: large ? 0.05 : 0.6);
            var settings = Strict(tau: 4, delta: 0.25, objective: 4);

            var m = ClosedFormEvaluator.Evaluate(groups, settings);

            var candidates = groups.SelectMany(g => g.Members).Select(x => x.Seconds + 0.25).Where(t => t <= 4).Append(4).Distinct();
            foreach (var t in candidates)
                ClosedFormEvaluator.CumulativeProbability(m, t).ShouldBe(ReferenceCdf(groups, settings, t), 1e-13);
            m.GroupFailureProbabilities.Count.ShouldBe(groups.Count);
        }
    }

    [Fact]
    public void FastPathsAgreeWithTheFullEvaluationOnRandomPlans()
    {
        var random = new SeededRandom(2024);
        for (var plan = 0; plan < 50; plan++)
        {
            var groups = TimingBuilder.Random(random, maxMembers: 64, maxGroups: 8, deadline: 2);
            var mode = plan % 2 == 0 ? FailureMode.Strict : FailureMode.Degraded;
            var settings = new EvaluationSettings(2, random.NextUniform(0, 0.2), 1, mode);

            var m = ClosedFormEvaluator.Evaluate(groups, settings);
            var j = ClosedFormEvaluator.ObjectiveJ(groups, settings);
            var r = ClosedFormEvaluator.Reliability(groups, settings);

            j.ShouldBe(m.ObjectiveJ, 1e-12 * m.ObjectiveJ);
            r.ShouldBe(m.Reliability, 1e-12 * m.Reliability);
        }
    }

    [Fact]
    public void FastPathsAgreeWithTheFullEvaluationBeyondTheStackBuffers()
    {
        var random = new SeededRandom(99);
        var groups = Enumerable.Range(0, 100)
            .Select(g => new GroupTiming(Enumerable.Range(0, 30)
                .Select(i => new MemberTiming((g * 30) + i, random.NextUniform(0, 4), random.NextUniform(0, 0.3)))
                .ToList()))
            .ToList();
        var settings = Strict(tau: 3, delta: 0.01, objective: 1);

        var m = ClosedFormEvaluator.Evaluate(groups, settings);

        groups.Sum(g => g.Members.Count).ShouldBeGreaterThan(256);
        ClosedFormEvaluator.ObjectiveJ(groups, settings).ShouldBe(m.ObjectiveJ, 1e-12 * m.ObjectiveJ);
        ClosedFormEvaluator.Reliability(groups, settings).ShouldBe(m.Reliability, 1e-12 * m.Reliability);
        m.Reliability.ShouldBeGreaterThan(0);
    }

    public static TheoryData<EvaluationSettings, string> BadSettings => new()
    {
        { new(0, 0, 1, FailureMode.Strict), "DeadlineSeconds (τ) is 0" },
        { new(double.PositiveInfinity, 0, 1, FailureMode.Strict), "DeadlineSeconds (τ) is Infinity" },
        { new(double.NaN, 0, 1, FailureMode.Strict), "DeadlineSeconds (τ) is NaN" },
        { new(10, -0.5, 1, FailureMode.Strict), "AggregatorSeconds (δ) is -0.5" },
        { new(10, double.NaN, 1, FailureMode.Strict), "AggregatorSeconds (δ) is NaN" },
        { new(10, 0, 0, FailureMode.Strict), "ObjectiveSeconds (L_obj) is 0" },
        { new(10, 0, 10.5, FailureMode.Strict), "ObjectiveSeconds (L_obj) is 10.5; it must lie in (0, τ] = (0, 10]" },
        { new(10, 0, 1, (FailureMode)7), "Mode is 7" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public void InvalidSettingsAreRejectedWithTheBadValueNamed(EvaluationSettings settings, string expected)
    {
        var groups = TimingBuilder.Groups([(1, 0.1)]);

        var errors = new Action[]
        {
            () => ClosedFormEvaluator.Evaluate(groups, settings),
            () => ClosedFormEvaluator.ObjectiveJ(groups, settings),
            () => ClosedFormEvaluator.Reliability(groups, settings),
            () => MonteCarloEvaluator.Run(groups, settings, 10, 1),
        }.Select(a => Should.Throw<ArgumentException>(a)).ToList();

        errors.ShouldAllBe(e => e.Message.Contains(expected) && e.ParamName == "settings");
    }

    [Theory]
    [InlineData(-1.0, 0.1, "groups[1].Members[0].Seconds (device 2) is -1")]
    [InlineData(double.PositiveInfinity, 0.1, "groups[1].Members[0].Seconds (device 2) is Infinity")]
    [InlineData(1.0, 1.5, "groups[1].Members[0].NoReplyProbability (device 2) is 1.5")]
    [InlineData(1.0, -0.1, "groups[1].Members[0].NoReplyProbability (device 2) is -0.1")]
    [InlineData(1.0, double.NaN, "groups[1].Members[0].NoReplyProbability (device 2) is NaN")]
    public void InvalidMembersAreRejectedWithTheBadValueNamed(double seconds, double p, string expected)
    {
        // The bad member is far too slow to count: it is rejected anyway.
        var groups = TimingBuilder.Groups([(1, 0.1)], [(seconds, p)]);
        var settings = Strict();

        var errors = new Action[]
        {
            () => ClosedFormEvaluator.Evaluate(groups, settings),
            () => ClosedFormEvaluator.ObjectiveJ(groups, settings),
            () => ClosedFormEvaluator.Reliability(groups, settings),
            () => MonteCarloEvaluator.Run(groups, settings, 10, 1),
        }.Select(a => Should.Throw<ArgumentException>(a)).ToList();

        errors.ShouldAllBe(e => e.Message.Contains(expected) && e.ParamName == "groups");
    }

    /// <summary>F_T(t) straight from its definition, Π_k [1 − Π_{n∈G_k, t_nk + δ ≤ t} p_n].</summary>
    private static double ReferenceCdf(IReadOnlyList<GroupTiming> groups, EvaluationSettings settings, double t)
    {
        var f = 1.0;
        foreach (var g in groups)
        {
            var q = 1.0;
            foreach (var m in g.Members.Where(m => m.Seconds + settings.AggregatorSeconds <= Math.Min(t, settings.DeadlineSeconds)))
                q *= m.NoReplyProbability;
            f *= 1 - q;
        }
        return groups.Count == 0 ? 0 : f;
    }

    /// <summary>∫_0^τ (1 − F(t)) dt of a step CDF, piece by piece.</summary>
    private static double IntegrateSurvival(IReadOnlyList<CdfPoint> cdf, double tau)
    {
        var integral = 0.0;
        var previousTime = 0.0;
        var previousF = 0.0;
        foreach (var point in cdf.Where(p => p.Seconds <= tau))
        {
            integral += (1 - previousF) * (point.Seconds - previousTime);
            (previousTime, previousF) = (point.Seconds, point.Probability);
        }
        return integral + ((1 - previousF) * (tau - previousTime));
    }

    /// <summary>Midpoint rule on a uniform grid; error at most (number of steps)·h.</summary>
    private static double RiemannSurvival(PlanMetrics m, double tau, int cells)
    {
        var h = tau / cells;
        var sum = 0.0;
        for (var i = 0; i < cells; i++)
            sum += 1 - ClosedFormEvaluator.CumulativeProbability(m, (i + 0.5) * h);
        return sum * h;
    }
}
