namespace RoCoIn.Engine.Models;

/// <summary>
/// Costs of every student at every partition width 1..F, computed once so planners can look them up in O(1)
/// inside their loops. Immutable after construction and safe to share between threads.
/// </summary>
public sealed class StudentCostTable
{
    private readonly Dictionary<string, ArchitectureCost[]> _costs;

    /// <summary>Costs every student in <paramref name="students"/> for widths 1..<see cref="TeacherSpec.FeatureChannels"/>.</summary>
    /// <exception cref="ArgumentException">Two students share a key (keys compare case-insensitively).</exception>
    /// <exception cref="InvalidOperationException">A student's layers do not fit at some width.</exception>
    public StudentCostTable(TeacherSpec teacher, IEnumerable<StudentArchitecture> students)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(students);
        ArgumentOutOfRangeException.ThrowIfLessThan(teacher.FeatureChannels, 1, nameof(teacher));
        Teacher = teacher;
        Students = [.. students];
        _costs = new Dictionary<string, ArchitectureCost[]>(Students.Count, StringComparer.OrdinalIgnoreCase);
        foreach (var student in Students)
        {
            ArgumentNullException.ThrowIfNull(student, nameof(students));
            var byWidth = new ArchitectureCost[teacher.FeatureChannels];
            for (var width = 1; width <= byWidth.Length; width++)
                byWidth[width - 1] = student.CostFor(width, teacher);
            if (!_costs.TryAdd(student.Key, byWidth))
                throw new ArgumentException($"Student key '{student.Key}' appears more than once.", nameof(students));
        }
    }

    /// <summary>The table for <see cref="ModelCatalogue.Students"/> under <paramref name="teacher"/>.</summary>
    public static StudentCostTable ForCatalogue(TeacherSpec teacher) => new(teacher, ModelCatalogue.Students);

    /// <summary>The teacher whose F bounds the widths.</summary>
    public TeacherSpec Teacher { get; }

    /// <summary>The students, in the order given.</summary>
    public IReadOnlyList<StudentArchitecture> Students { get; }

    /// <summary>F: the largest width in the table.</summary>
    public int MaxWidth => Teacher.FeatureChannels;

    /// <summary>Whether the table holds a student with <paramref name="studentKey"/>.</summary>
    public bool Contains(string studentKey) => studentKey is not null && _costs.ContainsKey(studentKey);

    /// <summary>Costs of student <paramref name="studentKey"/> at partition width <paramref name="width"/>, in O(1).</summary>
    /// <exception cref="ArgumentException">The key is unknown, or the width is outside 1..F.</exception>
    public ArchitectureCost Get(string studentKey, int width)
    {
        ArgumentNullException.ThrowIfNull(studentKey);
        if (!_costs.TryGetValue(studentKey, out var byWidth))
            throw new ArgumentException(
                $"Unknown student '{studentKey}'; known: {string.Join(", ", Students.Select(s => s.Key))}.", nameof(studentKey));
        if (width < 1 || width > byWidth.Length)
            throw new ArgumentException($"Width {width} is outside 1..{byWidth.Length} (F = {byWidth.Length}).", nameof(width));
        return byWidth[width - 1];
    }
}
