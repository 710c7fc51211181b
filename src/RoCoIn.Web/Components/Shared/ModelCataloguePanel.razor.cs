using System.Globalization;
using Microsoft.AspNetCore.Components;
using RoCoIn.Engine.Models;

// The partial must share the namespace Razor derives from the Components/Shared folder; "Shared" is a VB keyword.
#pragma warning disable CA1716
namespace RoCoIn.Web.Components.Shared;
#pragma warning restore CA1716

/// <summary>
/// Shows the teacher's layers and costs and the student family's costs at a partition width the user picks.
/// </summary>
public partial class ModelCataloguePanel
{
    /// <summary>Teacher to show; the catalogue's default (F = 64) when null.</summary>
    [Parameter] public TeacherSpec? Teacher { get; set; }

    /// <summary>Students to show; the catalogue's family when null.</summary>
    [Parameter] public IReadOnlyList<StudentArchitecture>? Students { get; set; }

    /// <summary>Width d the students are costed at first; clamped to 1..F.</summary>
    [Parameter] public int InitialWidth { get; set; } = 16;

    /// <summary>Raised when the user changes the width.</summary>
    [Parameter] public EventCallback<int> OnWidthChanged { get; set; }

    /// <summary>HTML id of the panel.</summary>
    [Parameter] public string? Id { get; set; }

    private TeacherSpec _teacher = ModelCatalogue.DefaultTeacher;
    private IReadOnlyList<StudentArchitecture> _students = ModelCatalogue.Students;
    private StudentCostTable? _table;
    private ArchitectureCost _teacherCost = null!;
    private ArchitectureCost _aggregatorCost = null!;
    private int _featureLayer;
    private int _width;
    private readonly HashSet<string> _expanded = new(StringComparer.Ordinal);

    protected override void OnParametersSet()
    {
        var teacher = Teacher ?? ModelCatalogue.DefaultTeacher;
        var students = Students ?? ModelCatalogue.Students;
        if (_table is not null && ReferenceEquals(teacher, _teacher) && ReferenceEquals(students, _students))
            return;

        _teacher = teacher;
        _students = students;
        // Costing every student at every width once keeps width changes to table lookups.
        _table = new StudentCostTable(teacher, students);
        _teacherCost = teacher.Architecture.Cost();
        _aggregatorCost = ModelCatalogue.Aggregator(teacher).Cost();
        _featureLayer = FeatureLayerIndex(_teacherCost, teacher.FeatureMap);
        _width = Math.Clamp(InitialWidth, 1, teacher.FeatureChannels);
    }

    private async Task SetWidthAsync(int width)
    {
        _width = Math.Clamp(width, 1, _teacher.FeatureChannels);
        await OnWidthChanged.InvokeAsync(_width);
    }

    private ArchitectureCost CostOf(StudentArchitecture student) => _table!.Get(student.Key, _width);

    private bool IsExpanded(StudentArchitecture student) => _expanded.Contains(student.Key);

    private void Toggle(StudentArchitecture student)
    {
        if (!_expanded.Remove(student.Key))
            _expanded.Add(student.Key);
    }

    /// <summary>The last layer producing the teacher's feature map (the end of its last conv block).</summary>
    private static int FeatureLayerIndex(ArchitectureCost cost, TensorShape featureMap)
    {
        for (var i = cost.Layers.Count - 1; i >= 0; i--)
        {
            if (cost.Layers[i].Output == featureMap)
                return i;
        }
        return -1;
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
