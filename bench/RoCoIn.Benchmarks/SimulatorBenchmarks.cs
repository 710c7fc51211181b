using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Benchmarks;

/// <summary>
/// Simulated requests per second in fast mode (RunToEnd, traceCapacity 0, no subscriber): the paper plan (N = 8,
/// 3 groups) and 1000 devices in 8 sorted blocks, Poisson at 50 % of capacity and a closed loop at concurrency 1.
/// Each operation is one simulated request (OperationsPerInvoke), so Mean is the time per request, Allocated the bytes
/// per request, and the "req/s" column 1 s / Mean.
/// </summary>
[MemoryDiagnoser]
[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[Config(typeof(RequestsPerSecondConfig))]
public class SimulatorBenchmarks
{
    /// <summary>Requests per invocation on the paper plan.</summary>
    public const int PaperRequests = 200_000;

    /// <summary>Requests per invocation on 1000 devices.</summary>
    public const int LargeRequests = 5_000;

    private SimulationTopology _paper = null!;
    private SimulationTopology _large = null!;
    private SimulationSettings _paperSettings = null!;
    private SimulationSettings _largeSettings = null!;

    /// <summary>Poisson at 50 % of the plan's capacity, or a closed loop at concurrency 1.</summary>
    [Params(SimArrivals.Poisson, SimArrivals.ClosedLoop)]
    public SimArrivals Arrivals { get; set; }

    /// <summary>Builds both topologies (plans the paper fleet once) and their settings.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _paper = SimPlans.Paper();
        _large = SimPlans.SortedBlocks(1000, 8);
        _paperSettings = SimPlans.Settings(_paper, Arrivals, PaperRequests);
        _largeSettings = SimPlans.Settings(_large, Arrivals, LargeRequests);
    }

    /// <summary>A fresh simulator of the paper plan, run to the end of <see cref="PaperRequests"/> requests.</summary>
    [Benchmark(OperationsPerInvoke = PaperRequests)]
    public double Paper8() => Run(_paper, _paperSettings);

    /// <summary>A fresh simulator of 1000 devices, run to the end of <see cref="LargeRequests"/> requests.</summary>
    [Benchmark(OperationsPerInvoke = LargeRequests)]
    public double Blocks1000() => Run(_large, _largeSettings);

    private static double Run(SimulationTopology topology, SimulationSettings settings)
    {
        var simulator = new Simulator(topology, settings);
        simulator.RunToEnd();
        return simulator.NowSeconds;
    }
}

/// <summary>Adds the <see cref="RequestsPerSecondColumn"/>.</summary>
public sealed class RequestsPerSecondConfig : ManualConfig
{
    /// <summary>The default configuration plus requests per second.</summary>
    public RequestsPerSecondConfig() => AddColumn(new RequestsPerSecondColumn());
}

/// <summary>1 s divided by the mean time per operation: simulated requests per wall-clock second when an operation is one request.</summary>
public sealed class RequestsPerSecondColumn : IColumn
{
    /// <inheritdoc />
    public string Id => nameof(RequestsPerSecondColumn);

    /// <inheritdoc />
    public string ColumnName => "req/s";

    /// <inheritdoc />
    public bool AlwaysShow => true;

    /// <inheritdoc />
    public ColumnCategory Category => ColumnCategory.Custom;

    /// <inheritdoc />
    public int PriorityInCategory => 0;

    /// <inheritdoc />
    public bool IsNumeric => true;

    /// <inheritdoc />
    public UnitType UnitType => UnitType.Dimensionless;

    /// <inheritdoc />
    public string Legend => "Operations (simulated requests) per wall-clock second: 1 s / Mean";

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    /// <inheritdoc />
    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var mean = summary[benchmarkCase]?.ResultStatistics?.Mean;
        return mean is > 0 ? (1e9 / mean.Value).ToString("N0", System.Globalization.CultureInfo.InvariantCulture) : "NA";
    }

    /// <inheritdoc />
    public bool IsAvailable(Summary summary) => true;

    /// <inheritdoc />
    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;
}
