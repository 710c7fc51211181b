using BenchmarkDotNet.Attributes;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

/// <summary>The exhaustive grid search on the paper's fleet (N = 8: Bell(9) groupings × width compositions).</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 1, iterationCount: 3)]
public class ExactPlannerBenchmarks
{
    private PlanRequest _request = null!;

    /// <summary>The paper's fleet.</summary>
    [GlobalSetup]
    public void Setup() => _request = BenchFleets.Request(BenchFleets.Paper(8));

    /// <summary>One exhaustive search, N = 8, grid F/16.</summary>
    [Benchmark]
    public DeploymentPlan? ExactN8() => ExactPlanner.Plan(_request);
}
