using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Models;
using RoCoIn.Web.Distillation;

namespace RoCoIn.Web.Learn;

/// <summary>One distilled student beside the accuracy of its group answering alone.</summary>
public sealed record PartitionRow(DistilledStudent Student, double? AloneAccuracy);

/// <summary>Lesson "partition": a distilled model set's partitions of the teacher's channels and its measured accuracies.</summary>
/// <param name="Set">The model set shown.</param>
/// <param name="Teacher">The teacher architecture of the set's F (for its feature map).</param>
/// <param name="PartitionOfChannel">Partition index of every teacher channel 0..F−1 (−1 if a channel is in none).</param>
/// <param name="Rows">Students in partition order.</param>
/// <param name="Subsets">acc(A) of every subset of groups, most groups first.</param>
/// <param name="TryHref">The new-plan page in fixed-student mode with this set.</param>
public sealed record PartitionView(
    SavedModelSet Set,
    TeacherSpec Teacher,
    IReadOnlyList<int> PartitionOfChannel,
    IReadOnlyList<PartitionRow> Rows,
    IReadOnlyList<SubsetAccuracy> Subsets,
    string TryHref) : ILessonView
{
    public string TryText => "Re-plan a fleet with these students";

    public DistillationResult Result => Set.Result;
}

public static class PartitionLesson
{
    /// <summary>
    /// The id of the model set to show: "set" when it names a stored one, else the bundled demo set, else the newest;
    /// null when none is stored.
    /// </summary>
    public static int? ChooseSet(IReadOnlyList<ModelSetSummary> sets, LessonQuery query)
    {
        ArgumentNullException.ThrowIfNull(sets);
        ArgumentNullException.ThrowIfNull(query);
        var fallback = Preferred(sets);
        if (!query.Has(LessonQuery.ModelSet))
            return fallback;
        if (int.TryParse(query.Raw(LessonQuery.ModelSet), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
            && sets.Any(s => s.Id == id))
            return id;
        query.Reject(LessonQuery.ModelSet,
            sets.Count == 0
                ? "no model set is stored yet"
                : $"the model set must be the id of a stored one ({LessonQuery.List(sets.Select(s => s.Id))})",
            fallback is { } f ? $"model set {f.ToString(CultureInfo.InvariantCulture)}" : "no model set");
        return fallback;
    }

    /// <summary>The bundled demo set when it is stored, else the newest set.</summary>
    public static int? Preferred(IReadOnlyList<ModelSetSummary> sets)
    {
        ArgumentNullException.ThrowIfNull(sets);
        return (sets.FirstOrDefault(s => s.Name == DemoModelSetLoader.Name) ?? sets.OrderByDescending(s => s.Id).FirstOrDefault())?.Id;
    }

    /// <param name="set">The chosen set.</param>
    /// <param name="fleetId">The fleet of the plan the set was distilled for, if known.</param>
    public static PartitionView Build(SavedModelSet set, int? fleetId)
    {
        ArgumentNullException.ThrowIfNull(set);
        var result = set.Result;
        var f = result.Teacher.FeatureChannels;
        var partitionOf = Enumerable.Repeat(-1, f).ToArray();
        foreach (var student in result.Students)
        {
            foreach (var channel in student.Channels.Where(c => c >= 0 && c < f))
                partitionOf[channel] = student.Partition;
        }
        var rows = result.Students.OrderBy(s => s.Partition).Select(s => new PartitionRow(s, ModelSetView.Alone(result, s.Partition))).ToList();
        var id = set.Id.ToString(CultureInfo.InvariantCulture);
        var tryHref = fleetId is { } fleet
            ? $"/plans/new?fleet={fleet.ToString(CultureInfo.InvariantCulture)}&modelSet={id}"
            : $"/plans/new?modelSet={id}";
        return new PartitionView(set, ModelCatalogue.CreateTeacher(f), partitionOf, rows, ModelSetView.Subsets(result), tryHref);
    }
}
