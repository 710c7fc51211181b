using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Engine.Tests.Planning;

/// <summary>Checks every plan must pass, recomputed from the request alone (not through the planner's context).</summary>
public static class PlanAssert
{
    private const double Tight = 1e-12;

    /// <summary>
    /// Σ d_k = F, groups non-empty and numbered 0..K−1, K ≤ min(N, F, MaxGroups), every device exactly once, every
    /// member holds its student, headroom and accuracy prior as stated, metrics equal to the closed form on the
    /// plan's timings, and MeetsConstraints consistent with them.
    /// </summary>
    public static void ShouldBeValid(DeploymentPlan plan, PlanRequest request)
    {
        var f = request.Teacher.FeatureChannels;
        var n = request.Devices.Count;
        var settings = request.Settings;

        plan.Groups.Count.ShouldBeInRange(1, Math.Min(Math.Min(n, f), settings.MaxGroups), plan.Strategy);
        plan.Groups.Select(g => g.Partition).ShouldBe(Enumerable.Range(0, plan.Groups.Count), plan.Strategy);
        plan.Groups.Sum(g => g.Width).ShouldBe(f, plan.Strategy);
        plan.Groups.ShouldAllBe(g => g.Width >= 1 && g.DeviceIds.Count > 0, plan.Strategy);
        plan.Groups.SelectMany(g => g.DeviceIds).Concat(plan.UnusedDeviceIds).Order()
            .ShouldBe(request.Devices.Select(d => d.Id).Order(), plan.Strategy);

        var byId = request.Devices.ToDictionary(d => d.Id);
        var table = new StudentCostTable(request.Teacher, request.Students);
        var headroom = long.MaxValue;
        foreach (var group in plan.Groups)
        {
            var memory = table.Get(group.StudentKey, group.Width).MemoryBytes;
            foreach (var id in group.DeviceIds)
                headroom = Math.Min(headroom, byId[id].MemoryBytes - memory);
        }
        plan.MemoryHeadroomBytes.ShouldBe(headroom, plan.Strategy);
        plan.MemoryHeadroomBytes.ShouldBeGreaterThanOrEqualTo(0, plan.Strategy);
        var prior = plan.Groups.Sum(g => g.Width * request.Students.Single(s => s.Key == g.StudentKey).AccuracyPrior) / f;
        plan.AccuracyPrior.ShouldBe(prior, Tight, plan.Strategy);

        var expected = ClosedFormEvaluator.Evaluate(Timings(plan, request), EvaluationSettingsOf(request));
        ShouldMatch(plan.Metrics, expected, plan.Strategy);

        var meets = plan.Metrics.Reliability >= settings.MinReliability && plan.MemoryHeadroomBytes >= 0
                    && (settings.AccuracyFloor is not { } floor || plan.AccuracyPrior >= floor);
        plan.MeetsConstraints.ShouldBe(meets, plan.Strategy);
    }

    /// <summary>τ, δ = c_agg / f_s, L_obj and the mode, computed from the request.</summary>
    public static EvaluationSettings EvaluationSettingsOf(PlanRequest request)
    {
        var s = request.Settings;
        var delta = ModelCatalogue.Aggregator(request.Teacher).Cost().Flops / s.RequesterFlopsPerSecond;
        return new EvaluationSettings(s.DeadlineSeconds, delta, Math.Min(s.ObjectiveSeconds, s.DeadlineSeconds), s.Mode);
    }

    /// <summary>The plan's group timings from the latency model (t_nk) and the devices' p_eff.</summary>
    public static IReadOnlyList<GroupTiming> Timings(DeploymentPlan plan, PlanRequest request)
    {
        var byId = request.Devices.ToDictionary(d => d.Id);
        var table = new StudentCostTable(request.Teacher, request.Students);
        var costs = RequestCosts.FashionMnist(ModelCatalogue.Aggregator(request.Teacher).Cost().Flops, request.Settings.RequesterFlopsPerSecond);
        return plan.Groups.Select(g => new GroupTiming(g.DeviceIds.Select(id => new MemberTiming(id,
            LatencyModel.MemberSeconds(byId[id], table.Get(g.StudentKey, g.Width).Flops, g.Width, costs),
            LatencyModel.EffectiveNoReplyProbability(byId[id]))).ToList())).ToList();
    }

    /// <summary>Metrics equal up to rounding (member order may differ, so sums may round differently).</summary>
    public static void ShouldMatch(PlanMetrics actual, PlanMetrics expected, string? context = null)
    {
        actual.Reliability.ShouldBe(expected.Reliability, Tight, context);
        actual.ObjectiveJ.ShouldBe(expected.ObjectiveJ, Tight, context);
        actual.WithinObjectiveShare.ShouldBe(expected.WithinObjectiveShare, Tight, context);
        ShouldBeClose(actual.MeanServedSeconds, expected.MeanServedSeconds, context);
        ShouldBeClose(actual.P50Seconds, expected.P50Seconds, context);
        ShouldBeClose(actual.P95Seconds, expected.P95Seconds, context);
        ShouldBeClose(actual.P99Seconds, expected.P99Seconds, context);
        actual.GroupFailureProbabilities.ShouldBe(expected.GroupFailureProbabilities, Tight, context);
        actual.Cdf.Count.ShouldBe(expected.Cdf.Count, context);
        for (var i = 0; i < actual.Cdf.Count; i++)
        {
            actual.Cdf[i].Seconds.ShouldBe(expected.Cdf[i].Seconds, Tight, context);
            actual.Cdf[i].Probability.ShouldBe(expected.Cdf[i].Probability, Tight, context);
        }
    }

    /// <summary>Two plans are the same plan: every field, lists element by element, numbers bit for bit.</summary>
    public static void ShouldBeSame(DeploymentPlan actual, DeploymentPlan expected)
    {
        actual.Strategy.ShouldBe(expected.Strategy);
        actual.Groups.Count.ShouldBe(expected.Groups.Count, actual.Strategy);
        for (var k = 0; k < actual.Groups.Count; k++)
        {
            actual.Groups[k].Partition.ShouldBe(expected.Groups[k].Partition);
            actual.Groups[k].DeviceIds.ShouldBe(expected.Groups[k].DeviceIds);
            actual.Groups[k].Width.ShouldBe(expected.Groups[k].Width);
            actual.Groups[k].StudentKey.ShouldBe(expected.Groups[k].StudentKey);
        }
        actual.UnusedDeviceIds.ShouldBe(expected.UnusedDeviceIds);
        actual.MemoryHeadroomBytes.ShouldBe(expected.MemoryHeadroomBytes);
        actual.AccuracyPrior.ShouldBe(expected.AccuracyPrior);
        actual.MeetsConstraints.ShouldBe(expected.MeetsConstraints);
        actual.Notes.ShouldBe(expected.Notes);
        var (a, e) = (actual.Metrics, expected.Metrics);
        a.Reliability.ShouldBe(e.Reliability);
        a.ObjectiveJ.ShouldBe(e.ObjectiveJ);
        a.MeanServedSeconds.ShouldBe(e.MeanServedSeconds);
        a.P50Seconds.ShouldBe(e.P50Seconds);
        a.P95Seconds.ShouldBe(e.P95Seconds);
        a.P99Seconds.ShouldBe(e.P99Seconds);
        a.WithinObjectiveShare.ShouldBe(e.WithinObjectiveShare);
        a.GroupFailureProbabilities.ShouldBe(e.GroupFailureProbabilities);
        a.Cdf.ShouldBe(e.Cdf);
    }

    private static void ShouldBeClose(double? actual, double? expected, string? context)
    {
        if (expected is null)
        {
            actual.ShouldBeNull(context);
            return;
        }
        actual.ShouldNotBeNull(context);
        actual.Value.ShouldBe(expected.Value, Tight, context);
    }
}
