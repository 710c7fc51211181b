namespace RoCoIn.Engine.Planning;

/// <summary>What a planning run produced.</summary>
/// <param name="Plan">The RoCoIn plan, or null when the input is infeasible.</param>
/// <param name="Baselines">The baselines of rocoin-model.md §8 that could be built, for comparison.</param>
/// <param name="Problem">Why no feasible plan exists; null when <paramref name="Plan"/> is set.</param>
/// <param name="Evaluations">How many candidate plans the planner evaluated (a machine-independent effort figure).</param>
public sealed record PlanningResult(DeploymentPlan? Plan, IReadOnlyList<DeploymentPlan> Baselines, Infeasibility? Problem, long Evaluations);
