using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Planning;

/// <summary>One point of a what-if sweep: every device's p(no reply) set to <see cref="NoReplyProbability"/>.</summary>
public sealed record SweepPoint(double NoReplyProbability, double ObjectiveJ, double Reliability);

/// <summary>What-if: how a plan's J and R change when every device fails with the same probability.</summary>
public static class FailureSweep
{
    /// <summary>Probabilities 0, 0.05, …, 0.5.</summary>
    public static IReadOnlyList<double> DefaultProbabilities { get; } = Enumerable.Range(0, 11).Select(i => i * 0.05).ToList();

    /// <summary>J and R of <paramref name="plan"/> at each probability, from its group timings with p replaced.</summary>
    public static IReadOnlyList<SweepPoint> Run(PlanningContext context, DeploymentPlan plan, IReadOnlyList<double>? probabilities = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var timings = PlanTimings.Of(context, plan);
        return (probabilities ?? DefaultProbabilities).Select(p =>
        {
            var swept = timings.Select(g => new GroupTiming(g.Members.Select(m => m with { NoReplyProbability = p }).ToList())).ToList();
            return new SweepPoint(p, ClosedFormEvaluator.ObjectiveJ(swept, context.EvaluationSettings),
                ClosedFormEvaluator.Reliability(swept, context.EvaluationSettings));
        }).ToList();
    }
}

/// <summary>Group timings of a stored plan, recomputed from the context's devices and students.</summary>
public static class PlanTimings
{
    /// <summary>The plan's groups as the evaluator takes them; devices missing from the context are skipped.</summary>
    public static IReadOnlyList<GroupTiming> Of(PlanningContext context, DeploymentPlan plan)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(plan);
        var index = context.Devices.Select((d, i) => (d.Id, i)).ToDictionary(x => x.Id, x => x.i);
        return plan.Groups.Select(g =>
        {
            var student = context.StudentIndex(g.StudentKey);
            return new GroupTiming(g.DeviceIds.Where(index.ContainsKey)
                .Select(id => new MemberTiming(id, context.Time(index[id], student, g.Width), context.NoReply[index[id]])).ToList());
        }).ToList();
    }
}
