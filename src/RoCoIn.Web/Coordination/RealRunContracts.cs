namespace RoCoIn.Web.Coordination;

/// <summary>A real run to make: a plan's requests sent through its local agents.</summary>
/// <param name="PlanId">The plan; it must have groups and a distilled model set that fits it.</param>
/// <param name="Requests">How many inputs, the first of the model set's test split (1–10000).</param>
/// <param name="Concurrency">Requests in flight at once (1–64).</param>
/// <param name="Mode">"strict" (default) or "degraded".</param>
/// <param name="ModelSetId">The model set; by default the one the plan was based on, else the newest distilled for it.</param>
/// <param name="DeadlineSeconds">τ; the plan's deadline when null.</param>
/// <param name="Emulate">Run the agents emulating their device profiles (a running fleet with the other setting is restarted).</param>
public sealed record RealRunRequest(int PlanId, int Requests = 100, int Concurrency = 4, string? Mode = null, int? ModelSetId = null,
    double? DeadlineSeconds = null, bool Emulate = false);

/// <summary>What a real run measured.</summary>
/// <param name="PlanId">The plan.</param>
/// <param name="ModelSetId">The model set whose students and aggregator ran.</param>
/// <param name="Mode">strict or degraded.</param>
/// <param name="Sent">Requests sent.</param>
/// <param name="Served">Requests served.</param>
/// <param name="SuccessRate">Served / sent.</param>
/// <param name="P50Seconds">Median latency of served requests (lower inverse of the empirical CDF, as §3); null when none served.</param>
/// <param name="P95Seconds">95th percentile of served requests.</param>
/// <param name="P99Seconds">99th percentile of served requests.</param>
/// <param name="MeanSeconds">Mean latency of served requests.</param>
/// <param name="Correct">Served requests whose prediction was the label.</param>
/// <param name="Accuracy">Correct / served; null when none served.</param>
/// <param name="Concurrency">Requests in flight at once.</param>
/// <param name="DeadlineSeconds">τ.</param>
/// <param name="AggregationSeconds">δ: the aggregator's FLOPs over the requester's throughput.</param>
/// <param name="DatasetFolder">Where the test split was read.</param>
/// <param name="MemberOutcomes">Count of each member outcome (won, replied, cancelled, failed, unavailable).</param>
/// <param name="Predictions">Per request, in input order: the aggregator's class, or null when not served.</param>
/// <param name="FleetReused">Whether the running fleet was reused rather than started.</param>
public sealed record RealRunSummary(int PlanId, int ModelSetId, string Mode, int Sent, int Served, double SuccessRate,
    double? P50Seconds, double? P95Seconds, double? P99Seconds, double? MeanSeconds, int Correct, double? Accuracy, int Concurrency,
    double DeadlineSeconds, double AggregationSeconds, string DatasetFolder, IReadOnlyDictionary<string, int> MemberOutcomes,
    IReadOnlyList<int?> Predictions, bool FleetReused);

/// <summary>A real run's summary, or why it could not run.</summary>
/// <param name="Summary">The summary when it ran.</param>
/// <param name="Error">Why it did not run.</param>
/// <param name="NotFound">The plan or model set does not exist.</param>
public sealed record RealRunResult(RealRunSummary? Summary, string? Error, bool NotFound = false);
