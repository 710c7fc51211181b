using BenchmarkDotNet.Attributes;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

/// <summary>The RoCoIn planner (heuristic and baselines) on paper-style fleets of growing size.</summary>
[MemoryDiagnoser]
[SimpleJob(warmupCount: 3, iterationCount: 10)]
public class PlannerBenchmarks
{
    private PlanRequest _request = null!;

    /// <summary>N, devices in the fleet.</summary>
    [Params(8, 64, 512, 1000, 4096)]
    public int N { get; set; }

    /// <summary>Builds the fleet once per N.</summary>
    [GlobalSetup]
    public void Setup() => _request = BenchFleets.Request(BenchFleets.Paper(N));

    /// <summary>One full planning run: RoCoIn plan plus the five baselines.</summary>
    [Benchmark]
    public PlanningResult Plan() => RoCoInPlanner.Plan(_request);
}
