using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Simulation;

/// <summary>
/// What happened to the requests that arrived during one simulated second [Second, Second + 1): bounded storage for a
/// run of any length (one row per second, not per request).
/// </summary>
/// <param name="Second">Whole simulated second of arrival.</param>
/// <param name="Sent">Requests that arrived.</param>
/// <param name="Served">Of those, served by the deadline (strict: every group; degraded: at least one).</param>
/// <param name="Correct">Of the served, those whose drawn prediction was correct; 0 when the plan has no accuracy table.</param>
/// <param name="WithinObjective">Of the served, those with latency ≤ L_obj.</param>
/// <param name="LatencySumSeconds">Sum of the served requests' latencies.</param>
/// <param name="P50Seconds">Median latency of the second's served requests, or null when none was served.</param>
/// <param name="P95Seconds">95th percentile of the served, or null.</param>
/// <param name="P99Seconds">99th percentile of the served, or null.</param>
public sealed record SecondAggregate(
    int Second,
    long Sent,
    long Served,
    long Correct,
    long WithinObjective,
    double LatencySumSeconds,
    double? P50Seconds,
    double? P95Seconds,
    double? P99Seconds)
{
    /// <summary>Served / sent, or null when nothing was sent.</summary>
    public double? SuccessRate => Sent == 0 ? null : (double)Served / Sent;
}

/// <summary>One bucket of a stored latency histogram: <see cref="Count"/> served requests with latency ≤ <see cref="UpperSeconds"/> and above the previous bucket's bound.</summary>
public sealed record HistogramBucket(double UpperSeconds, long Count);

/// <summary>Resilience score = success rate × (accuracy / teacher accuracy) × share within L_obj, with its three factors (never shown alone).</summary>
public sealed record ResilienceScore(double Score, double SuccessRate, double AccuracyRatio, double WithinObjectiveShare);

/// <summary>A device's share of the run.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="Name">Its name.</param>
/// <param name="Group">Its group index.</param>
/// <param name="Utilisation">Busy time / simulated time, in [0, 1].</param>
/// <param name="Replies">Replies it delivered in time.</param>
/// <param name="Wins">Replies that were the first of their group.</param>
public sealed record DeviceUsage(int DeviceId, string Name, int Group, double Utilisation, long Replies, long Wins);

/// <summary>A failure that struck during the run, from a scenario, a crash process or an operator.</summary>
/// <param name="StartSeconds">When it was injected.</param>
/// <param name="EndSeconds">When it ended (duration over, or recovered), or null if it lasted to the end.</param>
/// <param name="DeviceId">The device, or null for a whole group.</param>
/// <param name="Group">The device's group, or the group.</param>
/// <param name="Kind">What it did.</param>
/// <param name="Source">"manual", "crash process" or the scenario event.</param>
/// <param name="TimeToRecoverSeconds">From injection until the success rate over a 1 s window is back within 1 point of
/// its level before the failure (rocoin-model.md §10); 0 when it never dropped; null when it had not recovered by the end.</param>
public sealed record FailureRecord(
    double StartSeconds,
    double? EndSeconds,
    int? DeviceId,
    int Group,
    FailureKind Kind,
    string Source,
    double? TimeToRecoverSeconds);

/// <summary>The figures of a finished (or stopped) run, beside the closed form's prediction for the same plan.</summary>
/// <param name="SimulatedSeconds">Simulated time covered.</param>
/// <param name="Sent">Requests sent.</param>
/// <param name="Served">Requests served.</param>
/// <param name="SuccessRate">Served / sent (0 when nothing was sent).</param>
/// <param name="ThroughputPerSecond">Served per simulated second.</param>
/// <param name="MeanLatencySeconds">Mean latency of served requests, or null when none was served.</param>
/// <param name="P50Seconds">Median of served, or null.</param>
/// <param name="P95Seconds">95th percentile of served, or null.</param>
/// <param name="P99Seconds">99th percentile of served, or null.</param>
/// <param name="Accuracy">Correct / served from the measured table, or null without a model set (or nothing served).</param>
/// <param name="ExpectedAccuracy">§6's expected accuracy of served requests from the closed form, or null without a model set.</param>
/// <param name="WithinObjectiveShare">Share of served requests with latency ≤ L_obj, or null when none was served.</param>
/// <param name="Resilience">The resilience score with its factors, or null without accuracy.</param>
/// <param name="Devices">Per-device utilisation and replies.</param>
/// <param name="Failures">Every failure with its time to recover.</param>
/// <param name="Prediction">The closed form (one isolated request) for the same plan and mode.</param>
/// <param name="AbortReason">Why the run stopped early, or null.</param>
/// <param name="Notes">Caveats in words, e.g. "No model set: accuracy is not measured for this plan."</param>
public sealed record RunSummary(
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
    double? ExpectedAccuracy,
    double? WithinObjectiveShare,
    ResilienceScore? Resilience,
    IReadOnlyList<DeviceUsage> Devices,
    IReadOnlyList<FailureRecord> Failures,
    PlanMetrics Prediction,
    string? AbortReason,
    IReadOnlyList<string> Notes);

/// <summary>Everything a run stores: its summary, per-second aggregates and the latency histogram of served requests.</summary>
public sealed record RunResult(RunSummary Summary, IReadOnlyList<SecondAggregate> Seconds, IReadOnlyList<HistogramBucket> Histogram);
