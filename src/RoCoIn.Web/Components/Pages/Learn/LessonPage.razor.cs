using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Learn;

namespace RoCoIn.Web.Components.Pages.Learn;

/// <summary>
/// One step of a lesson per URL: /learn/{lesson}/{step}?settings. The query holds the lesson's settings, so a link
/// reproduces the same view with the same figures; Back and Next are links that keep it.
/// </summary>
public sealed partial class LessonPage
{
    [Parameter] public string? Lesson { get; set; }

    [Parameter] public string? Step { get; set; }

    // Read as text so that a bad value reaches the lesson, which names the parameter and its allowed range.
    [SupplyParameterFromQuery(Name = LessonQuery.K)] public string? K { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.Mode)] public string? Mode { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.Seed)] public string? Seed { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.Crash)] public string? Crash { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.Device)] public string? Device { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.Width)] public string? Width { get; set; }
    [SupplyParameterFromQuery(Name = LessonQuery.ModelSet)] public string? ModelSet { get; set; }

    [Inject] private DeviceStore Devices { get; set; } = default!;
    [Inject] private FleetStore Fleets { get; set; } = default!;
    [Inject] private PlanStore Plans { get; set; } = default!;
    [Inject] private ModelSetStore ModelSets { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    private Lesson? _lesson;
    private LessonStep? _step;
    private int _stepNumber;
    private string _query = "";
    private string _notFoundTitle = "";
    private string _notFoundText = "";
    private List<BreadcrumbItem> _crumbs = [];
    private LessonLoad? _load;
    private string? _loadedKey;

    protected override async Task OnParametersSetAsync()
    {
        _lesson = LessonCatalogue.Find(Lesson);
        _query = new Uri(Navigation.Uri).Query;
        _step = null;
        if (_lesson is null)
        {
            _notFoundTitle = $"There is no lesson '{Lesson}'";
            _notFoundText = $"The lessons are: {string.Join(", ", LessonCatalogue.All.Select(l => l.Slug))}.";
            _crumbs = [new("Learn", "/learn"), new("Not found", null, disabled: true)];
            return;
        }

        _crumbs = [new("Learn", "/learn"), new(_lesson.Title, _lesson.StepHref(1, _query))];
        if (!TryStep(_lesson, Step, out _stepNumber))
        {
            _notFoundTitle = $"Lesson '{_lesson.Title}' has no step '{Step}'";
            _notFoundText = $"Its steps are 1 to {_lesson.Steps.Count.ToString(CultureInfo.InvariantCulture)}.";
            _crumbs.Add(new("Not found", null, disabled: true));
            return;
        }
        _step = _lesson.Steps[_stepNumber - 1];
        _crumbs.Add(new($"Step {_stepNumber.ToString(CultureInfo.InvariantCulture)}", null, disabled: true));

        // Steps of one lesson share its settings: moving between them with the same query reuses the figures.
        var values = Values(_lesson);
        var key = _lesson.Slug + "?" + string.Join("&", values.Select(v => $"{v.Key}={v.Value}"));
        if (key == _loadedKey)
            return;
        _loadedKey = key;
        _load = null;
        var load = await new LessonLoader(Devices, Fleets, Plans, ModelSets).LoadAsync(_lesson, values);
        // A quicker navigation may have asked for other settings meanwhile: only the latest request's figures are shown.
        if (key == _loadedKey)
            _load = load;
    }

    private static bool TryStep(Lesson lesson, string? step, out int number)
    {
        if (step is null)
        {
            number = 1;
            return true;
        }
        return int.TryParse(step, NumberStyles.None, CultureInfo.InvariantCulture, out number) && number >= 1 && number <= lesson.Steps.Count;
    }

    /// <summary>The query values the lesson reads; others in the URL do not change its figures.</summary>
    private Dictionary<string, string?> Values(Lesson lesson)
    {
        var all = new Dictionary<string, string?>
        {
            [LessonQuery.K] = K,
            [LessonQuery.Mode] = Mode,
            [LessonQuery.Seed] = Seed,
            [LessonQuery.Crash] = Crash,
            [LessonQuery.Device] = Device,
            [LessonQuery.Width] = Width,
            [LessonQuery.ModelSet] = ModelSet,
        };
        return lesson.Parameters.ToDictionary(p => p, p => all.GetValueOrDefault(p));
    }
}
