using BenchmarkDotNet.Attributes;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

/// <summary>The closed-form evaluator on a large plan and the Monte-Carlo check on the paper's size.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class EvaluatorBenchmarks
{
    private IReadOnlyList<GroupTiming> _large = null!;
    private IReadOnlyList<GroupTiming> _paper = null!;
    private EvaluationSettings _settings = null!;

    /// <summary>N = 1000 devices in K = 8 groups (round robin, equal widths) and the paper's 8 devices in 8 groups.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _large = Timings(1000, 8, out _settings);
        _paper = Timings(8, 8, out _);
    }

    /// <summary>J alone (the planner's inner-loop call), N = 1000, K = 8.</summary>
    [Benchmark]
    public double ObjectiveJ1000() => ClosedFormEvaluator.ObjectiveJ(_large, _settings);

    /// <summary>Every metric with the CDF, N = 1000, K = 8.</summary>
    [Benchmark]
    public PlanMetrics Evaluate1000() => ClosedFormEvaluator.Evaluate(_large, _settings);

    /// <summary>100 000 simulated isolated requests, N = 8.</summary>
    [Benchmark]
    public MonteCarloResult MonteCarlo100k() => MonteCarloEvaluator.Run(_paper, _settings, 100_000, seed: 1);

    private static IReadOnlyList<GroupTiming> Timings(int n, int k, out EvaluationSettings settings)
    {
        var request = BenchFleets.Request(BenchFleets.Paper(n));
        var context = new PlanningContext(request);
        var candidate = new Candidate(n, k);
        RoCoInPlanner.EqualWidths(context.F, k).CopyTo(candidate.Width, 0);
        for (var d = 0; d < n; d++)
            candidate.GroupOf[d] = d % k;
        settings = context.EvaluationSettings;
        return context.Timings(candidate);
    }
}
