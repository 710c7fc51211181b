using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Planning;

/// <summary>
/// A plan's expected accuracy of served requests measured on a distilled model set (rocoin-model.md §6): the set's
/// subset table combined with the plan's q_k(τ) in the plan's failure mode.
/// </summary>
/// <param name="ModelSetId">The model set whose table was used.</param>
/// <param name="ModelSetName">Its name.</param>
/// <param name="ExpectedAccuracy">E[acc | served], or null when the table lacks a needed subset or no group can answer.</param>
public sealed record MeasuredAccuracy(int ModelSetId, string ModelSetName, double? ExpectedAccuracy)
{
    /// <summary>
    /// Whether <paramref name="result"/>'s partitions are the plan's groups: same K, and group k (in partition order)
    /// has the width and student of partition k.
    /// </summary>
    public static bool Matches(DeploymentPlan plan, DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(result);
        if (plan.Groups.Count == 0 || plan.Groups.Count != result.Students.Count)
            return false;
        var students = result.Students.OrderBy(s => s.Partition).ToList();
        for (var k = 0; k < plan.Groups.Count; k++)
        {
            var group = plan.Groups[k];
            var student = students[k];
            if (group.Partition != k || student.Partition != k || group.Width != student.Width
                || !string.Equals(group.StudentKey, student.StudentKey, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    /// <summary>The measured figure of <paramref name="plan"/> on <paramref name="modelSet"/>, or null when their partitions differ.</summary>
    public static MeasuredAccuracy? For(DeploymentPlan plan, PlanSettings settings, SavedModelSet modelSet)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(modelSet);
        if (!Matches(plan, modelSet.Result))
            return null;
        var q = plan.Metrics.GroupFailureProbabilities;
        if (q.Count != plan.Groups.Count)
            return null;
        return new MeasuredAccuracy(modelSet.Id, modelSet.Name,
            AccuracyModel.ExpectedServedAccuracy(modelSet.Result.AccuracyBySubset, q, settings.Mode));
    }

    /// <summary>
    /// The measured figure of a saved plan's RoCoIn plan: from the newest model set distilled for it, else from the model
    /// set it was re-planned for; null when the plan is infeasible or no such model set matches its groups.
    /// </summary>
    public static async Task<MeasuredAccuracy?> FindAsync(SavedPlan plan, ModelSetStore modelSets, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(modelSets);
        if (plan.Document.Result.Plan is not { } rocoin)
            return null;
        if (await modelSets.LatestForPlanAsync(plan.Id, cancellationToken) is { } distilled
            && For(rocoin, plan.Document.Settings, distilled) is { } measured)
            return measured;
        if (plan.BasedOnModelSetId is { } basedOn && await modelSets.GetAsync(basedOn, cancellationToken) is { } original)
            return For(rocoin, plan.Document.Settings, original);
        return null;
    }
}
