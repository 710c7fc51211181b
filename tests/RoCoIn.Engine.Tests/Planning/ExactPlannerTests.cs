using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Planning;

public class ExactPlannerTests
{
    private const int SmallF = 16;

    public static TheoryData<long> TinySeeds() => [.. Enumerable.Range(1, 10).Select(i => (long)i)];

    public static TheoryData<long> HeuristicSeeds() => [.. Enumerable.Range(1, 12).Select(i => (long)i)];

    public static TheoryData<PlanObjective, FailureMode> ObjectivesAndModes() =>
    [
        .. Enum.GetValues<PlanObjective>().SelectMany(o => Enum.GetValues<FailureMode>().Select(m => (o, m))),
    ];

    /// <summary>1..4 devices from the paper's ranges with mixed memory: 2 MB, 200 KB (no large student) or 60 KB (MCU student only).</summary>
    private static List<DeviceProfile> TinyFleet(long seed, int? count = null)
    {
        var random = new SeededRandom(seed);
        var n = count ?? 1 + (int)(random.NextUInt64() % 4);
        long[] memories = [2_000_000, 200_000, FleetBuilder.TinyMemoryBytes];
        return FleetGenerator.Generate(new FleetGeneratorSettings { Count = n, Seed = seed })
            .Select((d, i) => d with { Id = 10 + i, MemoryBytes = memories[(int)(random.NextUInt64() % 3)] }).ToList();
    }

    [Theory]
    [MemberData(nameof(TinySeeds))]
    public void MatchesANaiveBruteForceOnTinyFleets(long seed)
    {
        var request = FleetBuilder.Request(TinyFleet(seed), SmallF, new PlanSettings { Seed = seed });

        var exact = ExactPlanner.Plan(request, TestContext.Current.CancellationToken);

        var brute = BruteForce(request);
        brute.ShouldNotBeNull();
        exact.ShouldNotBeNull();
        ObjectiveOf(exact.Metrics, request.Settings.Objective).ShouldBe(brute.Value, 1e-12);
        PlanAssert.ShouldBeValid(exact, request);
    }

    [Theory]
    [MemberData(nameof(ObjectivesAndModes))]
    public void MatchesANaiveBruteForceForEveryObjectiveAndMode(PlanObjective objective, FailureMode mode)
    {
        foreach (var seed in new long[] { 3, 4 })
        {
            var request = FleetBuilder.Request(TinyFleet(seed, count: 3), SmallF, new PlanSettings { Objective = objective, Mode = mode });

            var exact = ExactPlanner.Plan(request, TestContext.Current.CancellationToken);

            var brute = BruteForce(request);
            exact.ShouldNotBeNull();
            ObjectiveOf(exact.Metrics, objective).ShouldBe(brute!.Value, 1e-12);
        }
    }

    [Fact]
    public void MatchesANaiveBruteForceUnderAnAccuracyFloorAndATightReliabilityTarget()
    {
        var settings = new PlanSettings { AccuracyFloor = 0.865, MinReliability = 0.995 };
        var request = FleetBuilder.Request(TinyFleet(7, count: 3).Select(d => d with { MemoryBytes = 2_000_000 }).ToList(), SmallF, settings);

        var exact = ExactPlanner.Plan(request, TestContext.Current.CancellationToken);

        var brute = BruteForce(request);
        exact.ShouldNotBeNull();
        exact.Metrics.ObjectiveJ.ShouldBe(brute!.Value, 1e-12);
        exact.AccuracyPrior.ShouldBeGreaterThanOrEqualTo(0.865);
        exact.Metrics.Reliability.ShouldBeGreaterThanOrEqualTo(0.995);
    }

    [Fact]
    public void ReturnsNullWhenNoCandidateMeetsTheConstraints()
    {
        var devices = TinyFleet(2, count: 3).Select(d => d with { NoReplyProbability = 0.5 }).ToList();
        var request = FleetBuilder.Request(devices, SmallF, new PlanSettings { MinReliability = 0.99 });

        ExactPlanner.Plan(request, TestContext.Current.CancellationToken).ShouldBeNull();
        BruteForce(request).ShouldBeNull();
    }

    [Fact]
    public void RefusesMoreThanEightDevices()
    {
        var request = FleetBuilder.Request(FleetGenerator.Generate(new FleetGeneratorSettings { Count = 9 })
            .Select((d, i) => d with { Id = i + 1 }).ToList());

        var error = Should.Throw<ArgumentException>(() => ExactPlanner.Plan(request, TestContext.Current.CancellationToken));

        error.Message.ShouldContain("at most 8 devices");
        ExactPlanner.MaxDevices.ShouldBe(8);
    }

    [Fact]
    public void CancelledTokenThrows()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Should.Throw<OperationCanceledException>(() => ExactPlanner.Plan(FleetBuilder.Request(FleetBuilder.Paper()), source.Token));
    }

    [Fact]
    public void PlanNamesItsGridAndCountsItsCandidates()
    {
        var plan = ExactPlanner.Plan(FleetBuilder.Request(FleetBuilder.Paper().Take(3).ToList()), TestContext.Current.CancellationToken);

        plan.ShouldNotBeNull();
        plan.Strategy.ShouldBe("Exact (grid F/16)");
        plan.Notes.ShouldContain("candidates evaluated");
        plan.Groups.ShouldAllBe(g => g.Width % 4 == 0);
    }

    [Fact]
    public void CompositionsCountIsTheBinomialCoefficient()
    {
        for (var n = 1; n <= 16; n++)
        {
            for (var k = 1; k <= n + 1; k++)
            {
                var compositions = ExactPlanner.Compositions(n, k).Select(c => c.ToArray()).ToList();

                compositions.Count.ShouldBe((int)Binomial(n - 1, k - 1), $"n = {n}, k = {k}");
                compositions.ShouldAllBe(c => c.Length == k && c.Sum() == n && c.All(x => x >= 1));
                compositions.Select(c => string.Join(",", c)).Distinct().Count().ShouldBe(compositions.Count);
            }
        }
    }

    [Theory]
    [MemberData(nameof(HeuristicSeeds))]
    public void HeuristicIsWithinFivePercentOfTheExactSearch(long seed)
    {
        // Paper-range fleets for odd seeds, mixed fleets (small memory, presets, crash processes) for even ones.
        var devices = seed % 2 == 1
            ? FleetGenerator.Generate(new FleetGeneratorSettings { Count = 2 + (int)(seed % 4), Seed = seed }).Select((d, i) => d with { Id = i + 1 }).ToList()
            : FleetBuilder.RandomMixed(seed, maxDevices: 5);
        var request = FleetBuilder.Request(devices, new PlanSettings { Seed = seed });

        var exact = ExactPlanner.Plan(request, TestContext.Current.CancellationToken);
        var heuristic = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan;

        exact.ShouldNotBeNull();
        heuristic.ShouldNotBeNull();
        heuristic.Metrics.ObjectiveJ.ShouldBeLessThanOrEqualTo(exact.Metrics.ObjectiveJ * 1.05,
            $"N = {devices.Count}: heuristic {heuristic.Metrics.ObjectiveJ}, exact {exact.Metrics.ObjectiveJ}");
    }

    private static double ObjectiveOf(PlanMetrics metrics, PlanObjective objective) => objective switch
    {
        PlanObjective.ExpectedCappedLatency => metrics.ObjectiveJ,
        PlanObjective.MeanServedLatency => metrics.MeanServedSeconds ?? double.PositiveInfinity,
        PlanObjective.P99ServedLatency => metrics.P99Seconds ?? double.PositiveInfinity,
        _ => 1 - metrics.Reliability,
    };

    /// <summary>
    /// The best objective value over every assignment of devices to {unused, 0..K−1} with no empty group, every width
    /// vector on the grid (F = 16: every positive vector adding up to 16), and every student per group, among
    /// candidates whose members all hold their student, with R ≥ R_min and the accuracy floor met; null when none.
    /// </summary>
    private static double? BruteForce(PlanRequest request)
    {
        var devices = request.Devices;
        var settings = request.Settings;
        var f = request.Teacher.FeatureChannels;
        SmallF.ShouldBe(f);
        var table = new StudentCostTable(request.Teacher, request.Students);
        var evaluation = PlanAssert.EvaluationSettingsOf(request);
        var costs = RequestCosts.FashionMnist(ModelCatalogue.Aggregator(request.Teacher).Cost().Flops, settings.RequesterFlopsPerSecond);
        var students = request.Students;
        double? best = null;
        var n = devices.Count;
        for (var k = 1; k <= Math.Min(Math.Min(n, f), settings.MaxGroups); k++)
        {
            var assignment = new int[n];
            for (var code = 0; code < (int)Math.Pow(k + 1, n); code++)
            {
                var rest = code;
                for (var d = 0; d < n; d++)
                {
                    assignment[d] = (rest % (k + 1)) - 1;
                    rest /= k + 1;
                }
                if (Enumerable.Range(0, k).Any(g => !assignment.Contains(g)))
                    continue;
                foreach (var widths in WidthVectors(f, k))
                {
                    var choice = new int[k];
                    while (true)
                    {
                        var fits = Enumerable.Range(0, n).All(d => assignment[d] < 0
                            || table.Get(students[choice[assignment[d]]].Key, widths[assignment[d]]).MemoryBytes <= devices[d].MemoryBytes);
                        if (fits)
                        {
                            var timings = Enumerable.Range(0, k).Select(g => new GroupTiming(Enumerable.Range(0, n).Where(d => assignment[d] == g)
                                .Select(d => new MemberTiming(devices[d].Id,
                                    LatencyModel.MemberSeconds(devices[d], table.Get(students[choice[g]].Key, widths[g]).Flops, widths[g], costs),
                                    LatencyModel.EffectiveNoReplyProbability(devices[d]))).ToList())).ToList();
                            var metrics = ClosedFormEvaluator.Evaluate(timings, evaluation);
                            var prior = Enumerable.Range(0, k).Sum(g => widths[g] * students[choice[g]].AccuracyPrior) / f;
                            if (metrics.Reliability >= settings.MinReliability && (settings.AccuracyFloor is not { } floor || prior >= floor))
                            {
                                var value = ObjectiveOf(metrics, settings.Objective);
                                if (best is null || value < best)
                                    best = value;
                            }
                        }
                        var pos = 0;
                        while (pos < k && ++choice[pos] == students.Count)
                            choice[pos++] = 0;
                        if (pos == k)
                            break;
                    }
                }
            }
        }
        return best;
    }

    private static IEnumerable<int[]> WidthVectors(int total, int parts)
    {
        if (parts == 1)
        {
            yield return [total];
            yield break;
        }
        for (var first = 1; first <= total - (parts - 1); first++)
        {
            foreach (var rest in WidthVectors(total - first, parts - 1))
                yield return [first, .. rest];
        }
    }

    private static long Binomial(int n, int k)
    {
        if (k < 0 || k > n)
            return 0;
        long result = 1;
        for (var i = 1; i <= k; i++)
            result = result * (n - k + i) / i;
        return result;
    }
}
