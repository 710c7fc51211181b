using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.RealRunBench;

/// <summary>
/// The closed form's figures for one isolated request of a plan (rocoin-model.md §3): the plan's own
/// <see cref="PlanMetrics"/> (every member's p_n), and the same plan with every p_n = 0 — emulating agents pad their
/// time to t_nk but never drop a reply, so that is the condition they reproduce. Member times come from
/// <see cref="SimulationTopology.FromPlan"/>, as the simulator's prediction does.
/// </summary>
/// <param name="Plan">The plan's stored metrics (computed when it was planned).</param>
/// <param name="WithoutFailures">The closed form with every p_n = 0, strict.</param>
/// <param name="Topology">The plan's devices and their time components.</param>
public sealed record ClosedFormPrediction(PlanMetrics Plan, PlanMetrics WithoutFailures, SimulationTopology Topology)
{
    public static ClosedFormPrediction For(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var plan = document.Result.Plan ?? throw new ArgumentException("The plan has no groups.", nameof(document));
        var topology = SimulationTopology.FromPlan(document, plan);
        var groups = topology.Groups.Select(g => new GroupTiming(g.Members.Select(m => new MemberTiming(m.DeviceId, m.IsolatedSeconds, 0)).ToList()))
            .ToList();
        var settings = new EvaluationSettings(topology.DeadlineSeconds, topology.AggregatorSeconds, topology.ObjectiveSeconds, FailureMode.Strict);
        return new ClosedFormPrediction(plan.Metrics, ClosedFormEvaluator.Evaluate(groups, settings), topology);
    }
}
