using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>
/// What a simulated run and a measured run report alike: the closed-form prediction, the auto-abort rule, the
/// resilience score, the failures' times to recover and the shared notes, so both produce the same figures from the
/// same rules.
/// </summary>
internal static class RunReporting
{
    /// <summary>The note when the run is not one isolated request at a time, or failures struck.</summary>
    public const string IsolatedPredictionNote =
        "The prediction is the closed form for one isolated request (concurrency 1, no jitter, no injected failures); queueing, jitter and failures of this run are not in it.";

    /// <summary>The note when the plan has an accuracy table but no teacher accuracy.</summary>
    public const string NoTeacherNote = "No teacher accuracy: the resilience score is not computed.";

    /// <summary>
    /// The closed form's metrics for one isolated request of <paramref name="topology"/> in <paramref name="mode"/>:
    /// t_nk per member with p_n (0 without no-reply draws), folded into p_eff under crash processes.
    /// </summary>
    public static PlanMetrics Prediction(SimulationTopology topology, SimulationSettings settings, FailureMode mode)
    {
        var groups = new List<GroupTiming>(topology.Groups.Count);
        foreach (var group in topology.Groups)
        {
            var members = new List<MemberTiming>(group.Members.Count);
            foreach (var device in group.Members)
            {
                var p = settings.NoReplies ? device.NoReplyProbability : 0;
                if (settings.CrashProcesses && device.MtbfSeconds is { } mtbf && device.MttrSeconds is { } mttr)
                    p = 1 - ((1 - p) * (mtbf / (mtbf + mttr)));
                members.Add(new MemberTiming(device.DeviceId, device.IsolatedSeconds, p));
            }
            groups.Add(new GroupTiming(members));
        }
        return ClosedFormEvaluator.Evaluate(groups,
            new EvaluationSettings(topology.DeadlineSeconds, topology.AggregatorSeconds, topology.ObjectiveSeconds, mode));
    }

    /// <summary>§6's expected accuracy of served requests under the prediction, or null without an accuracy table.</summary>
    public static double? ExpectedAccuracy(SimulationTopology topology, PlanMetrics prediction, FailureMode mode) =>
        topology.AccuracyBySubset is { } table
            ? AccuracyModel.ExpectedServedAccuracy(table, prediction.GroupFailureProbabilities, mode)
            : null;

    /// <summary>
    /// The auto-abort reason when the success rate over the last whole seconds of <paramref name="rule"/>'s window
    /// (once that many are complete, and something was sent in them) is below its threshold; otherwise null.
    /// </summary>
    public static string? AutoAbortReason(AutoAbortRule? rule, IReadOnlyList<SecondAggregate> completed)
    {
        if (rule is null)
            return null;
        var window = Math.Max(1, (int)Math.Ceiling(rule.WindowSeconds - 1e-9));
        if (completed.Count < window)
            return null;
        long sent = 0, served = 0;
        for (var i = completed.Count - window; i < completed.Count; i++)
        {
            sent += completed[i].Sent;
            served += completed[i].Served;
        }
        if (sent == 0)
            return null;
        var rate = (double)served / sent;
        if (rate >= rule.MinSuccessRate)
            return null;
        return FormattableString.Invariant(
            $"Success rate {rate * 100:0.0} % over the last {rule.WindowSeconds:0.###} s fell below the auto-abort threshold of {rule.MinSuccessRate * 100:0.###} %.");
    }

    /// <summary>
    /// Counts a served request of latency <paramref name="latency"/> in its second and in the run's histogram; true when
    /// it is within the objective (the caller counts that for the run).
    /// </summary>
    public static bool RecordServed(SecondAccumulator second, LatencyHistogram run, double latency, double objective)
    {
        run.Record(latency);
        second.Served++;
        second.LatencySum += latency;
        second.Histogram.Record(latency);
        if (latency > objective)
            return false;
        second.WithinObjective++;
        return true;
    }

    /// <summary>
    /// The result of a run from its totals: the summary's rates, percentiles, resilience and failure records beside the
    /// prediction, the completed seconds and the histogram of served latencies.
    /// </summary>
    public static RunResult Result(RunTotals totals, LatencyHistogram histogram, IReadOnlyList<SecondAggregate> seconds,
        IReadOnlyList<ActiveFailure> failures, IReadOnlyList<DeviceUsage> devices, PlanMetrics prediction, double? expectedAccuracy,
        double? teacherAccuracy, string? abortReason, IReadOnlyList<string> notes)
    {
        var (elapsed, sent, served, withinObjective, accuracy, finished) = totals;
        var success = sent > 0 ? (double)served / sent : 0;
        double? within = served > 0 ? (double)withinObjective / served : null;
        var records = new FailureRecord[failures.Count];
        for (var i = 0; i < records.Length; i++)
            records[i] = Record(failures[i], seconds, finished, prediction.Reliability);
        var summary = new RunSummary(
            elapsed,
            sent,
            served,
            success,
            elapsed > 0 ? served / elapsed : 0,
            histogram.Mean,
            histogram.Percentile(0.50),
            histogram.Percentile(0.95),
            histogram.Percentile(0.99),
            accuracy,
            expectedAccuracy,
            within,
            Resilience(success, accuracy, within, teacherAccuracy),
            devices,
            records,
            prediction,
            abortReason,
            notes);
        return new RunResult(summary, [.. seconds], histogram.ToBuckets());
    }

    /// <summary>The resilience score with its factors, or null without accuracy, without served requests or without a teacher accuracy.</summary>
    private static ResilienceScore? Resilience(double successRate, double? accuracy, double? withinObjective, double? teacherAccuracy)
    {
        if (accuracy is not { } a || withinObjective is not { } w || teacherAccuracy is not { } teacher || !(teacher > 0))
            return null;
        var ratio = a / teacher;
        return new ResilienceScore(successRate * ratio * w, successRate, ratio, w);
    }

    /// <summary>
    /// <paramref name="failure"/> as a summary record, its time to recover computed from <paramref name="seconds"/> until
    /// it is settled: the run finished, or its whole drop window is complete and a recovery was found (later seconds
    /// cannot change it then).
    /// </summary>
    private static FailureRecord Record(ActiveFailure failure, IReadOnlyList<SecondAggregate> seconds, bool finished, double fallbackLevel)
    {
        if (!failure.TimeToRecoverFinal)
        {
            failure.TimeToRecover = RecoveryAnalysis.TimeToRecover(seconds, failure.Start, failure.End, fallbackLevel);
            failure.TimeToRecoverFinal = finished || (failure.TimeToRecover is not null && failure.End is { } end
                && seconds.Count > Math.Floor(end) + RecoveryAnalysis.GraceSeconds);
        }
        return new FailureRecord(failure.Start, failure.End, failure.DeviceId, failure.Group, failure.Kind, failure.Source,
            failure.TimeToRecover);
    }

    /// <summary>The note of a result taken before the end of the run.</summary>
    public static string PartialNote(double seconds, long inFlight) =>
        FormattableString.Invariant($"Partial result at {seconds:0.###} s: {inFlight} requests still in flight are not counted yet.");

    /// <summary>The note when more failures happened than the summary lists.</summary>
    public static string FailuresDroppedNote(long dropped) =>
        FormattableString.Invariant($"Only the first {Simulator.MaxFailureRecords} failures are listed; {dropped} more happened.");

    /// <summary>The text of a run's final "end" event.</summary>
    public static string EndText(double at, string? reason, long sent, long served) => reason is null
        ? FormattableString.Invariant($"The run ended at {at:0.###} s: {sent} requests sent, {served} served.")
        : FormattableString.Invariant($"The run stopped at {at:0.###} s: {sent} requests sent, {served} served.");
}

/// <summary>A run's totals for <see cref="RunReporting.Result"/>.</summary>
/// <param name="ElapsedSeconds">Time covered by the run so far, or in all once finished.</param>
/// <param name="Sent">Requests counted as sent: the completed ones (all, once finished).</param>
/// <param name="Served">Of those, served.</param>
/// <param name="WithinObjective">Of the served, those with latency ≤ L_obj.</param>
/// <param name="Accuracy">Correct / served with a measured or drawn accuracy, or null.</param>
/// <param name="Finished">The run has ended (times to recover are final).</param>
internal readonly record struct RunTotals(double ElapsedSeconds, long Sent, long Served, long WithinObjective, double? Accuracy, bool Finished);
