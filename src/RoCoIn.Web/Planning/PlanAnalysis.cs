using RoCoIn.Data.Stores;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Planning;

/// <summary>
/// What the plan page and the API derive from a saved plan: the context rebuilt from its device snapshot, the
/// what-if sweep of every strategy, and each group's student costs.
/// </summary>
public sealed class PlanAnalysis
{
    public PlanAnalysis(SavedPlan plan)
    {
        ArgumentNullException.ThrowIfNull(plan);
        Plan = plan;
        var document = plan.Document;
        Teacher = ModelCatalogue.CreateTeacher(document.TeacherFeatureChannels);
        Context = new PlanningContext(new PlanRequest(document.Devices, Teacher, ModelCatalogue.Students, document.Settings));
        Costs = new StudentCostTable(Teacher, ModelCatalogue.Students);
        Strategies = [.. document.Result.Plan is { } rocoin ? [rocoin] : Array.Empty<DeploymentPlan>(), .. document.Result.Baselines];
        Sweeps = Strategies.ToDictionary(s => s.Strategy, s => FailureSweep.Run(Context, s));
    }

    public SavedPlan Plan { get; }
    public TeacherSpec Teacher { get; }
    public PlanningContext Context { get; }
    public StudentCostTable Costs { get; }

    /// <summary>The RoCoIn plan (when feasible) first, then the baselines.</summary>
    public IReadOnlyList<DeploymentPlan> Strategies { get; }

    /// <summary>J and R against a uniform p(no reply) 0–0.5, per strategy.</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<SweepPoint>> Sweeps { get; }

    /// <summary>The cost of a group's student at its width.</summary>
    public ArchitectureCost CostOf(PlanGroup group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return Costs.Get(group.StudentKey, group.Width);
    }
}
