using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// An ended run's figures on the wire (rocoin-model.md §10): success rate, throughput (served per simulated second),
/// latencies of served requests in seconds, accuracy, share within L_obj, the resilience score with its three factors
/// (all null without a measured accuracy), the number of failures, and the closed form's R and p95 for the same plan.
/// </summary>
public sealed record RunSummaryMessage(
    double SimulatedSeconds,
    long Sent,
    long Served,
    double SuccessRate,
    double ThroughputPerSecond,
    double? MeanLatencySeconds,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds,
    double? Accuracy,
    double? WithinObjectiveShare,
    double? ResilienceScore,
    double? ResilienceSuccessRate,
    double? ResilienceAccuracyRatio,
    double? ResilienceWithinObjectiveShare,
    int Failures,
    double? PredictedReliability,
    double? PredictedP95Seconds)
{
    public static RunSummaryMessage From(RunSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var resilience = summary.Resilience;
        return new(RunWire.Finite(summary.SimulatedSeconds) ?? 0, summary.Sent, summary.Served, RunWire.Finite(summary.SuccessRate) ?? 0,
            RunWire.Finite(summary.ThroughputPerSecond) ?? 0, RunWire.Finite(summary.MeanLatencySeconds), RunWire.Finite(summary.P50Seconds),
            RunWire.Finite(summary.P95Seconds), RunWire.Finite(summary.P99Seconds), RunWire.Finite(summary.Accuracy),
            RunWire.Finite(summary.WithinObjectiveShare), RunWire.Finite(resilience?.Score), RunWire.Finite(resilience?.SuccessRate),
            RunWire.Finite(resilience?.AccuracyRatio), RunWire.Finite(resilience?.WithinObjectiveShare), summary.Failures.Count,
            RunWire.Finite(summary.Prediction.Reliability), RunWire.Finite(summary.Prediction.P95Seconds));
    }
}
