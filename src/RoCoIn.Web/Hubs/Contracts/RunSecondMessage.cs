using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// One completed simulated second of a run on the wire: what became of the requests that arrived in
/// [second, second + 1). Latencies in seconds; percentiles and the success rate are null when nothing was served or sent.
/// </summary>
public sealed record RunSecondMessage(
    int Second,
    long Sent,
    long Served,
    long Correct,
    long WithinObjective,
    double? SuccessRate,
    double LatencySumSeconds,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds)
{
    public static RunSecondMessage From(SecondAggregate second)
    {
        ArgumentNullException.ThrowIfNull(second);
        return new(second.Second, second.Sent, second.Served, second.Correct, second.WithinObjective, RunWire.Finite(second.SuccessRate),
            RunWire.Finite(second.LatencySumSeconds) ?? 0, RunWire.Finite(second.P50Seconds), RunWire.Finite(second.P95Seconds),
            RunWire.Finite(second.P99Seconds));
    }
}
