namespace RoCoIn.Engine.Models;

/// <summary>
/// A named student family member. Its layers depend on the partition width d_k it learns: the final 1×1 "bridge"
/// conv has d_k channels and the hidden widths scale with d_k, so a wider partition costs more compute.
/// </summary>
public sealed class StudentArchitecture(string key, string displayName, string summary, double accuracyPrior,
    Func<int, TensorShape, IReadOnlyList<Layer>> layersForWidth)
{
    /// <summary>Stable identifier stored in plans, e.g. "s-mcu".</summary>
    public string Key { get; } = key;

    /// <summary>Display name.</summary>
    public string DisplayName { get; } = displayName;

    /// <summary>One line on what it is for.</summary>
    public string Summary { get; } = summary;

    /// <summary>
    /// Assumed absolute test accuracy of an ensemble of such students, used by the planner's accuracy floor until students are distilled and measured.
    /// Never shown as an accuracy.
    /// </summary>
    public double AccuracyPrior { get; } = accuracyPrior;

    /// <summary>The student for partition width <paramref name="width"/> (1 ≤ width ≤ F), ending in d_k features.</summary>
    public Architecture Build(int width, TeacherSpec teacher)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentOutOfRangeException.ThrowIfLessThan(width, 1);
        return new Architecture($"{DisplayName} (d = {width})", teacher.Architecture.Input, layersForWidth(width, teacher.FeatureMap));
    }

    /// <summary>Costs of the student for <paramref name="width"/>.</summary>
    public ArchitectureCost CostFor(int width, TeacherSpec teacher) => Build(width, teacher).Cost();
}
