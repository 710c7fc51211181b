using System.Globalization;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Bundles;

/// <summary>
/// What an imported plan document and model set must be for the studio's pages, runs and agents to use them: JSON that
/// reads is not enough (a group naming a device the snapshot lacks would only fail later, in a run).
/// </summary>
public static class BundlePlanValidator
{
    /// <summary>Every problem with <paramref name="document"/>, in words; empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(PlanDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        if (document.Settings is null || document.Devices is null || document.Result is null || document.FleetHash is null)
            return ["settings, devices, fleetHash and result are all required"];
        var problems = new List<string>();
        var settings = document.Settings;
        if (!(double.IsFinite(settings.DeadlineSeconds) && settings.DeadlineSeconds > 0))
            problems.Add("the deadline τ must be a positive number of seconds");
        if (!(double.IsFinite(settings.ObjectiveSeconds) && settings.ObjectiveSeconds > 0))
            problems.Add("the latency objective L_obj must be a positive number of seconds");
        if (settings.MinReliability is < 0 or > 1 || double.IsNaN(settings.MinReliability))
            problems.Add("R_min must be between 0 and 1");
        if (!(double.IsFinite(settings.RequesterFlopsPerSecond) && settings.RequesterFlopsPerSecond > 0))
            problems.Add("the requester's throughput must be a positive number of FLOP/s");
        if (document.TeacherFeatureChannels <= 0)
            problems.Add("the teacher's feature channels F must be positive");

        var ids = new HashSet<int>();
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var device in document.Devices)
        {
            if (device is null)
            {
                problems.Add("the device snapshot holds null");
                continue;
            }
            if (!ids.Add(device.Id))
                problems.Add(Text($"device id {device.Id} appears twice in the snapshot"));
            if (device.Name is not null && !names.Add(device.Name))
                problems.Add($"device name '{device.Name}' appears twice in the snapshot");
            problems.AddRange(DeviceProfileValidator.Validate(device).Select(e => $"device '{device.Name}': {e.Message}"));
        }

        if (document.Result.Plan is not { } plan)
        {
            problems.Add("it has no feasible RoCoIn plan to deploy");
            return problems;
        }
        foreach (var strategy in (document.Result.Baselines ?? []).Prepend(plan))
            problems.AddRange(StrategyProblems(strategy, ids));
        if (problems.Count > 0)
            return problems;

        for (var k = 0; k < plan.Groups.Count; k++)
        {
            var group = plan.Groups[k];
            if (group.Partition != k)
                problems.Add(Text($"group {k + 1} has partition {group.Partition}; groups must be in partition order 0, 1, …"));
            if (group.Width <= 0)
                problems.Add(Text($"group {k + 1} has width {group.Width}"));
            if (ModelCatalogue.FindStudent(group.StudentKey ?? "") is null)
                problems.Add(Text($"group {k + 1} names student '{group.StudentKey}', which this studio does not know"));
        }
        if (plan.Groups.Count == 0)
            problems.Add("the RoCoIn plan has no groups");
        else if (plan.Groups.Sum(g => g.Width) != document.TeacherFeatureChannels)
            problems.Add(Text($"the groups' widths add up to {plan.Groups.Sum(g => g.Width)}, not to F = {document.TeacherFeatureChannels}"));
        var members = plan.Groups.SelectMany(g => g.DeviceIds).ToList();
        if (members.Count != members.Distinct().Count())
            problems.Add("a device is in two groups");
        return problems;
    }

    /// <summary>Every problem with <paramref name="result"/> that would break storing or serving it; empty when it is usable.</summary>
    public static IReadOnlyList<string> Problems(DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.Spec is null || result.Data is null || result.Teacher is null || result.Students is null || result.Aggregator is null
            || result.AccuracyBySubset is null || result.History is null || result.Durations is null)
            return ["spec, data, teacher, students, aggregator, accuracyBySubset, history and durations are all required"];
        var problems = new List<string>();
        if (result.Students.Count == 0 || result.Students.Any(s => s is null))
            problems.Add("it has no students");
        else if (!result.Students.Select(s => s.Partition).Order().SequenceEqual(Enumerable.Range(0, result.Students.Count)))
            problems.Add("its students' partitions are not 0, 1, …, K − 1");
        var models = result.Students.Where(s => s is not null).Select(s => (s.ModelHash, s.ModelFile, What: Text($"the student of partition {s.Partition}")))
            .Append((result.Aggregator.ModelHash, result.Aggregator.ModelFile, What: "the aggregator"));
        foreach (var (hash, file, what) in models)
        {
            if (!BundleFormat.IsSha256(hash))
                problems.Add($"{what} has model hash \"{hash}\", which is not 64 lowercase hex digits");
            else if (file != $"{hash}.onnx")
                problems.Add($"{what}'s model file is \"{file}\", not {hash}.onnx");
        }
        return problems;
    }

    /// <summary>Whether the model set's students are the plan's groups (so the plan's accuracy, runs and agents use them).</summary>
    public static bool Fits(DeploymentPlan plan, DistillationResult result) => MeasuredAccuracy.Matches(plan, result);

    private static IEnumerable<string> StrategyProblems(DeploymentPlan strategy, HashSet<int> snapshot)
    {
        if (strategy is null || strategy.Groups is null || strategy.UnusedDeviceIds is null || strategy.Metrics is null
            || strategy.Groups.Any(g => g is null || g.DeviceIds is null))
        {
            yield return $"strategy '{strategy?.Strategy}' is incomplete";
            yield break;
        }
        var unknown = strategy.Groups.SelectMany(g => g.DeviceIds).Concat(strategy.UnusedDeviceIds).Where(id => !snapshot.Contains(id)).Distinct().ToList();
        if (unknown.Count > 0)
            yield return $"strategy '{strategy.Strategy}' names device ids {string.Join(", ", unknown)} that the snapshot does not hold";
        if (strategy.Groups.Any(g => g.DeviceIds.Count == 0))
            yield return $"strategy '{strategy.Strategy}' has a group without devices";
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
