namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>The agent's measured throughput (<see cref="AgentProtocol.ReportThroughput"/>): a short conv benchmark.</summary>
/// <param name="FlopsPerSecond">Benchmark FLOPs (counting convention, rocoin-model.md §2) × runs / seconds.</param>
/// <param name="BenchmarkFlops">FLOPs of one benchmark run.</param>
/// <param name="Runs">Runs timed.</param>
/// <param name="Seconds">Time they took.</param>
public sealed record AgentThroughput(double FlopsPerSecond, long BenchmarkFlops, int Runs, double Seconds);
