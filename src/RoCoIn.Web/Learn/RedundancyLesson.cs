using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Learn;

/// <summary>The plan the engine makes with exactly K groups, and its figures.</summary>
/// <param name="K">Number of groups.</param>
/// <param name="Partitions">The widths and students the grouping was planned for.</param>
/// <param name="ModelSet">The distilled model set those partitions come from, or null (equal widths, not measured).</param>
/// <param name="Plan">The planner's plan, or null when no K-group plan exists.</param>
/// <param name="Problem">Why there is no plan, in the planner's words.</param>
/// <param name="ExpectedAccuracy">E[acc | served] on the model set's measured table; null without one.</param>
/// <param name="Timings">Per group, its members' t_nk and p_n, as the evaluator took them; empty without a plan.</param>
public sealed record KPoint(int K, IReadOnlyList<FixedPartition> Partitions, SavedModelSet? ModelSet, DeploymentPlan? Plan,
    string? Problem, double? ExpectedAccuracy, IReadOnlyList<GroupTiming> Timings);

/// <summary>Lesson "redundancy": the same fleet planned with every K, strict or degraded.</summary>
public sealed record RedundancyView(
    int FleetId,
    string FleetName,
    IReadOnlyList<DeviceProfile> Devices,
    PlanSettings Settings,
    int K,
    int MaxK,
    IReadOnlyList<KPoint> Points,
    string TryHref) : ILessonView
{
    public string TryText => "Plan this fleet";

    public FailureMode Mode => Settings.Mode;

    public KPoint Selected => Points[K - 1];

    /// <summary>The device's name by id, for group member lists.</summary>
    public string DeviceName(int id) => Devices.FirstOrDefault(d => d.Id == id)?.Name ?? $"#{id.ToString(CultureInfo.InvariantCulture)}";
}

public static class RedundancyLesson
{
    public static IReadOnlyList<string> Modes { get; } = ["strict", "degraded"];

    /// <summary>
    /// The planner's settings for the lesson: the defaults, in <paramref name="mode"/>, with R_min = 0 so that every K
    /// gets a plan and the lesson can show how R falls instead of "infeasible".
    /// </summary>
    public static PlanSettings Settings(FailureMode mode) => new() { Mode = mode, MinReliability = 0 };

    /// <summary>
    /// Widths and students for K groups: those of <paramref name="set"/> when it has K students (so its measured
    /// accuracy applies), else F split equally with the catalogue's smallest student, which every device class holds.
    /// </summary>
    public static IReadOnlyList<FixedPartition> Partitions(int k, TeacherSpec teacher, SavedModelSet? set)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        if (set is not null && set.Result.Students.Count == k)
            return set.Result.Students.OrderBy(s => s.Partition).Select(s => new FixedPartition(s.Width, s.StudentKey)).ToList();
        var smallest = ModelCatalogue.Students[0].Key;
        return RoCoInPlanner.EqualWidths(teacher.FeatureChannels, k).Select(w => new FixedPartition(w, smallest)).ToList();
    }

    /// <summary>Whether a stored set's partitions are plannable with the default teacher.</summary>
    public static bool Usable(SavedModelSet set, TeacherSpec teacher)
    {
        ArgumentNullException.ThrowIfNull(set);
        ArgumentNullException.ThrowIfNull(teacher);
        var students = set.Result.Students;
        return set.Result.Teacher.FeatureChannels == teacher.FeatureChannels
               && students.Sum(s => s.Width) == teacher.FeatureChannels
               && students.All(s => s.Width >= 1 && ModelCatalogue.FindStudent(s.StudentKey) is not null);
    }

    /// <summary>Model set summaries to try for K, best first: the bundled demo set, then the newest.</summary>
    public static IEnumerable<ModelSetSummary> Candidates(IReadOnlyList<ModelSetSummary> sets, int k)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return sets.Where(s => s.Groups == k).OrderByDescending(s => s.Name == DemoModelSetLoader.Name).ThenByDescending(s => s.Id);
    }

    /// <summary>Plans <paramref name="devices"/> with exactly K groups (fixed-student mode) and measures what it can.</summary>
    public static KPoint Point(IReadOnlyList<DeviceProfile> devices, int k, PlanSettings settings, SavedModelSet? set)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(settings);
        var teacher = ModelCatalogue.DefaultTeacher;
        var partitions = Partitions(k, teacher, set);
        var usedSet = set is not null && set.Result.Students.Count == k ? set : null;
        var request = new PlanRequest(devices, teacher, ModelCatalogue.Students, settings, partitions);
        var result = RoCoInPlanner.Plan(request);
        var plan = result.Plan;
        if (plan is null)
            return new KPoint(k, partitions, usedSet, null, result.Problem?.Explanation ?? "No plan with this many groups.", null, []);
        var accuracy = usedSet is null ? null : MeasuredAccuracy.For(plan, settings, usedSet)?.ExpectedAccuracy;
        return new KPoint(k, partitions, usedSet, plan, null, accuracy, PlanTimings.Of(new PlanningContext(request), plan));
    }

    /// <summary>The view for a fleet: K from "k" (1..min(N, F, 8)), the mode from "mode".</summary>
    /// <param name="fleetId">The fleet.</param>
    /// <param name="fleetName">Its name.</param>
    /// <param name="devices">Its devices.</param>
    /// <param name="setsByK">The model set to use for each K that has one.</param>
    /// <param name="query">The URL's settings.</param>
    public static RedundancyView Build(int fleetId, string fleetName, IReadOnlyList<DeviceProfile> devices,
        IReadOnlyDictionary<int, SavedModelSet> setsByK, LessonQuery query)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(setsByK);
        ArgumentNullException.ThrowIfNull(query);
        var teacher = ModelCatalogue.DefaultTeacher;
        var defaults = new PlanSettings();
        var maxK = MaxK(devices.Count, teacher);
        // Default K: one with a measured model set, so the accuracy shows; else the middle of the range.
        var defaultK = setsByK.Keys.Where(k => k <= maxK).Order().Cast<int?>().FirstOrDefault() ?? (maxK + 1) / 2;
        var k = (int)query.WholeNumber(LessonQuery.K, 1, maxK, defaultK,
            $"the number of groups K (at most min(N = {devices.Count}, F = {teacher.FeatureChannels}, {defaults.MaxGroups}))", $"K = {defaultK}");
        var mode = query.Choice(LessonQuery.Mode, Modes, Modes[0], "the failure mode") == "degraded" ? FailureMode.Degraded : FailureMode.Strict;
        var settings = Settings(mode);
        var points = Enumerable.Range(1, maxK).Select(i => Point(devices, i, settings, setsByK.GetValueOrDefault(i))).ToList();

        var tryHref = $"/plans/new?fleet={fleetId.ToString(CultureInfo.InvariantCulture)}";
        if (points[k - 1].ModelSet is { } set)
            tryHref += $"&modelSet={set.Id.ToString(CultureInfo.InvariantCulture)}";
        return new RedundancyView(fleetId, fleetName, devices, settings, k, maxK, points, tryHref);
    }

    /// <summary>K ≤ min(N, F, 8) (rocoin-model.md §2).</summary>
    public static int MaxK(int deviceCount, TeacherSpec teacher)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        return Math.Max(1, Math.Min(Math.Min(deviceCount, teacher.FeatureChannels), new PlanSettings().MaxGroups));
    }
}
