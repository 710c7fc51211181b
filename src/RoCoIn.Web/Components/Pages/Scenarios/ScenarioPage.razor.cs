using System.Globalization;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Access;
using RoCoIn.Web.Api;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Components.Pages.Scenarios;

/// <summary>
/// Edits one scenario (/scenarios/{id}) or a new one (/scenarios/new): name, description and a table of events, checked
/// by the engine's <see cref="ScenarioValidator"/> as they are typed, errors shown at the field they concern. Save
/// stores the whole scenario or nothing. "Check against a plan" resolves the scenario as edited on a saved plan.
/// </summary>
public sealed partial class ScenarioPage
{
    // Error keys shown by an input of the events table; any other "events[i]…" error is listed under its row.
    private static readonly string[] InputSuffixes =
    [
        ".effect.kind", ".effect.slowFactor", ".effect.linkRateFactor", ".effect.extraLatencySeconds", ".effect.lossProbability",
        ".target.kind", ".target.value", ".target", ".radius", ".radius.count", ".radius.percent", ".startSeconds", ".durationSeconds",
    ];

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    private readonly List<BreadcrumbItem> _crumbs = [new("Scenarios", "/scenarios")];
    private List<ScenarioEventRow> _rows = [];
    private string _name = "";
    private string _description = "";
    // Field path → messages: the validator's and the last check's (cleared by the next edit).
    private Dictionary<string, List<string>> _errors = [];
    private IReadOnlyList<FieldError> _checkFieldErrors = [];
    private string? _saveMessage;
    private string _title = "";
    private bool _loaded;
    private bool _missing;
    private bool _dirty;
    private bool _saving;

    private List<PlanSummary> _plans = [];
    private List<string> _strategies = [];
    private int? _checkPlanId;
    private string? _checkStrategy;
    private long _checkSeed = 1;
    private bool _checking;
    private CheckResult? _check;

    [Inject] private ScenarioStore Store { get; set; } = default!;
    [Inject] private PlanStore Plans { get; set; } = default!;
    [Inject] private RunInputAssembler Assembler { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;

    /// <summary>The saved scenario; null for a new one.</summary>
    [Parameter] public int? Id { get; set; }

    protected override async Task OnParametersSetAsync()
    {
        _loaded = false;
        _missing = false;
        _dirty = false;
        _saveMessage = null;
        _check = null;
        _checkFieldErrors = [];
        if (Id is { } id)
        {
            var saved = await Store.GetAsync(id);
            if (saved is null)
            {
                _missing = true;
            }
            else
            {
                _name = saved.Scenario.Name;
                _description = saved.Scenario.Description;
                _rows = saved.Scenario.Events.Select(ScenarioEventRow.From).ToList();
            }
        }
        else
        {
            var taken = (await Store.ListAsync()).Select(s => s.Name);
            _name = ScenarioNames.Unique("New scenario", taken);
            _description = "";
            _rows = [];
        }
        _title = Id is null ? "New scenario" : _name;
        _crumbs.RemoveRange(1, _crumbs.Count - 1);
        _crumbs.Add(new BreadcrumbItem(Id is null ? "New" : _name, null, disabled: true));
        _plans = (await Plans.ListAsync()).Where(p => p.Feasible || p.Groups > 0).ToList();
        if (_checkPlanId is null && _plans.Count > 0)
            await OnCheckPlanChangedAsync(_plans[0].Id);
        Validate();
        _loaded = true;
    }

    /// <summary>The scenario as edited.</summary>
    private Scenario Current() => new(_name, _description, _rows.Select(r => r.ToEvent()).ToList());

    private void Edit(Action change)
    {
        change();
        _dirty = true;
        _saveMessage = null;
        _checkFieldErrors = [];
        Validate();
    }

    private void AddEvent()
    {
        // A new event starts where the last one ends, so the timeline reads left to right.
        var last = _rows.LastOrDefault();
        var start = last?.StartSeconds is { } s ? s + (last.DurationSeconds ?? 10) : 10;
        Edit(() => _rows.Add(new ScenarioEventRow { StartSeconds = start }));
    }

    private void RemoveEvent(int index) => Edit(() => _rows.RemoveAt(index));

    private void Validate()
    {
        var missing = _rows.SelectMany((r, i) => r.MissingFields(i)).ToList();
        var missingKeys = missing.Select(e => e.Field).ToHashSet();
        // An empty number is sent to the validator as a neutral value; its own message would only confuse.
        var found = ScenarioValidator.Validate(Current()).Where(e => !missingKeys.Contains(e.Field));
        _errors = missing.Concat(found).Concat(_checkFieldErrors)
            .GroupBy(e => e.Field)
            .ToDictionary(g => g.Key, g => g.Select(e => e.Message).Distinct().ToList());
    }

    private bool HasError(params string[] keys) => keys.Any(_errors.ContainsKey);

    /// <summary>The input's class, marked invalid while one of <paramref name="keys"/> has an error.</summary>
    /// <remarks>Not MudBlazor's Error parameter: its own validation, run after a change, would clear it.</remarks>
    private string Css(string name, params string[] keys) => HasError(keys) ? name + " field-invalid" : name;

    private string? ErrorOf(params string[] keys)
    {
        var messages = keys.Where(_errors.ContainsKey).SelectMany(k => _errors[k]).ToList();
        return messages.Count == 0 ? null : string.Join(" ", messages);
    }

    /// <summary>Errors of event <paramref name="index"/> that no input of its row shows (e.g. on the event as a whole).</summary>
    private List<string> RowOnlyErrors(int index)
    {
        var prefix = string.Create(CultureInfo.InvariantCulture, $"events[{index}]");
        return _errors.Where(e => (e.Key == prefix || e.Key.StartsWith(prefix + ".", StringComparison.Ordinal))
                && !InputSuffixes.Any(s => e.Key == prefix + s))
            .SelectMany(e => e.Value).ToList();
    }

    private async Task SaveAsync()
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        Validate();
        if (_errors.Count > 0)
        {
            _saveMessage = $"Not saved: {Problems(_errors.Sum(e => e.Value.Count))} marked below. Nothing is stored until every field is valid.";
            return;
        }
        _saving = true;
        try
        {
            var scenario = Current();
            var result = Id is { } id ? await Store.UpdateAsync(id, scenario) : await Store.CreateAsync(scenario);
            switch (result.Status)
            {
                case StoreStatus.Ok:
                    _dirty = false;
                    _saveMessage = null;
                    Snackbar.Add($"'{scenario.Name}' saved.", Severity.Success);
                    if (Id is null)
                    {
                        Navigation.NavigateTo($"/scenarios/{result.Value!.Id}", replace: true);
                    }
                    else
                    {
                        _title = scenario.Name;
                        _crumbs[^1] = new BreadcrumbItem(scenario.Name, null, disabled: true);
                    }
                    break;
                case StoreStatus.Invalid:
                    _errors = result.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToList());
                    _saveMessage = $"Not saved: {Problems(result.Errors.Count)} marked below.";
                    break;
                default:
                    _saveMessage = $"Not saved: {result.Message}";
                    break;
            }
        }
        finally
        {
            _saving = false;
        }
    }

    private static string Problems(int count) => count == 1 ? "1 problem" : $"{count} problems";

    private async Task OnCheckPlanChangedAsync(int? planId)
    {
        _checkPlanId = planId;
        _check = null;
        _strategies = [];
        _checkStrategy = null;
        if (planId is not { } id || await Plans.GetAsync(id) is not { } plan)
            return;
        var result = plan.Document.Result;
        if (result.Plan is not null)
            _strategies.Add(RoCoInPlanner.Strategy);
        _strategies.AddRange(result.Baselines.Where(b => b.Groups.Count > 0).Select(b => b.Strategy));
        _checkStrategy = _strategies.FirstOrDefault();
    }

    private async Task CheckAsync()
    {
        _checking = true;
        try
        {
            var (topology, errors) = await Assembler.TopologyForAsync(_checkPlanId, _checkStrategy, "plan");
            if (topology is null)
            {
                _check = new CheckResult("The plan cannot be used:", errors.Select(e => e.Message).ToList(), []);
                return;
            }
            var plan = _plans.FirstOrDefault(p => p.Id == _checkPlanId)?.Name ?? $"plan #{_checkPlanId}";
            var resolution = ScenarioResolver.Resolve(Current(), topology, _checkSeed);
            _checkFieldErrors = resolution.Errors;
            Validate();
            var where = $"{plan} ({topology.Strategy}, {topology.Devices.Count()} devices in {topology.Groups.Count} groups) with seed {_checkSeed}";
            _check = resolution.Succeeded
                ? new CheckResult(
                    resolution.Failures.Count == 0
                        ? $"Resolves on {where}: no failures."
                        : $"Resolves on {where}: {resolution.Failures.Count} failure{(resolution.Failures.Count == 1 ? "" : "s")}.",
                    [], resolution.Failures.Select(f => ResolvedFailureDto.From(f, topology)).ToList())
                : new CheckResult($"Does not resolve on {where}:", resolution.Errors.Select(e => $"{Where(e.Field)}: {e.Message}").ToList(), []);
        }
        finally
        {
            _checking = false;
        }
    }

    /// <summary>"Event 2" for "events[1]…", else the field.</summary>
    private static string Where(string field)
    {
        if (field.StartsWith("events[", StringComparison.Ordinal) && field.IndexOf(']', StringComparison.Ordinal) is var end and > 7
            && int.TryParse(field.AsSpan(7, end - 7), NumberStyles.None, CultureInfo.InvariantCulture, out var index))
        {
            return string.Create(CultureInfo.InvariantCulture, $"Event {index + 1}");
        }
        return field;
    }

    private static string TargetPlaceholder(SelectorKind kind) => kind switch
    {
        SelectorKind.Group => "1",
        SelectorKind.HardwareClass => "Raspberry Pi 4",
        _ => "pi-* or *",
    };

    private static string Describe(FailureEffect effect) => effect.Kind switch
    {
        FailureKind.Slow => $"straggler ×{SiFormat.Number(effect.SlowFactor)}",
        FailureKind.LinkDegraded => $"link degraded: rate ×{SiFormat.Number(effect.LinkRateFactor)}, +{SiFormat.Duration(effect.ExtraLatencySeconds)} each way, " +
            $"loss {SiFormat.Number(effect.LossProbability * 100)} %",
        FailureKind.LinkCut => "link cut",
        _ => "crash",
    };

    /// <summary>What the last check found: a title, and errors or the failures it resolves to.</summary>
    private sealed record CheckResult(string Title, IReadOnlyList<string> Errors, IReadOnlyList<ResolvedFailureDto> Failures);
}
