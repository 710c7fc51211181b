using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Access;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Components.Pages.Runs;

/// <summary>
/// Starts a run of a plan, simulated or on real agents. The form speaks the API's language (<see cref="RunStartInput"/>), so the
/// assembler's field errors land on the fields that caused them; errors of fields the form does not show go to the
/// general alert.
/// </summary>
public sealed partial class NewRunPage
{
    internal const string NoScenario = "none";
    internal const string PlanMode = "plan";

    // Error keys shown on a field of this form; anything else is listed in the general alert.
    private static readonly string[] FieldKeys =
    [
        "kind", "planId", "strategy", "seed", "speed", "speedFactor", "settings.arrivals.kind", "settings.arrivals.ratePerSecond",
        "settings.arrivals.concurrency", "settings.durationSeconds", "settings.mode", "settings.jitterCoefficient",
        "settings.autoAbort.minSuccessRate", "settings.autoAbort.windowSeconds",
    ];

    private static readonly SimulationSettings Defaults = new();

    [SupplyParameterFromQuery(Name = "plan")] public int? PlanQuery { get; set; }

    /// <summary>"real" preselects a run on real agents (<c>/runs/new?plan=1&amp;kind=real</c>).</summary>
    [SupplyParameterFromQuery(Name = "kind")] public string? KindQuery { get; set; }

    [Inject] private PlanStore Plans { get; set; } = default!;
    [Inject] private ScenarioStore Scenarios { get; set; } = default!;
    [Inject] private RunInputAssembler Assembler { get; set; } = default!;
    [Inject] private RunHost Host { get; set; } = default!;
    [Inject] private NavigationManager Navigation { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private StudioAccess Access { get; set; } = default!;

    private static CultureInfo Invariant => CultureInfo.InvariantCulture;

    private List<BreadcrumbItem> _crumbs = [new("Runs", "/runs"), new("New run", null, disabled: true)];
    private IReadOnlyList<PlanSummary> _plans = [];
    private IReadOnlyList<ScenarioSummary> _savedScenarios = [];
    private SavedPlan? _plan;
    private List<string> _strategies = [];
    private int? _planId;
    private string? _strategy;
    private ArrivalKind _arrivalKind = Defaults.Arrivals.Kind;
    private double _rate = Defaults.Arrivals.RatePerSecond;
    private int _concurrency = Defaults.Arrivals.Concurrency;
    private double _duration = Defaults.DurationSeconds;
    private string _mode = PlanMode;
    private double _jitter = Defaults.JitterCoefficient;
    private bool _noReplies = Defaults.NoReplies;
    private bool _crashProcesses = Defaults.CrashProcesses;
    private long _seed = Defaults.Seed;
    private string _scenario = NoScenario;
    private bool _autoAbort;
    private double _abortPercent = 50;
    private double _abortWindow = 5;
    private bool _realTime = true;
    private double _factor = 1;
    private bool _startPaused;
    private bool _real;
    private bool _emulate;
    private Dictionary<string, string> _errors = [];
    private string? _generalError;
    private bool _starting;
    private bool _loaded;

    protected override async Task OnInitializedAsync()
    {
        _plans = await Plans.ListAsync();
        _savedScenarios = await Scenarios.ListAsync();
        var initial = PlanQuery is { } q && _plans.Any(p => p.Id == q) ? q : _plans.FirstOrDefault(p => p.Feasible)?.Id ?? (_plans.Count > 0 ? _plans[0].Id : null);
        if (PlanQuery is { } asked && initial != asked)
            _generalError = $"Plan {asked} does not exist; choose one of the plans below.";
        await OnPlanChangedAsync(initial);
        if (string.Equals(KindQuery, RunInputAssembler.RealKind, StringComparison.OrdinalIgnoreCase))
            OnKindChanged(true);
        _loaded = true;
    }

    private async Task OnPlanChangedAsync(int? planId)
    {
        _planId = planId;
        _plan = planId is { } id ? await Plans.GetAsync(id) : null;
        var result = _plan?.Document.Result;
        _strategies = result is null
            ? []
            : (result.Plan is null ? Array.Empty<string>() : [RoCoInPlanner.Strategy])
                .Concat(result.Baselines.Where(b => b.Groups.Count > 0).Select(b => b.Strategy)).ToList();
        _strategy = _strategies.Count > 0 ? _strategies[0] : null;
    }

    /// <summary>A real run starts from a small closed loop for a short while; a simulated one from the engine's defaults.</summary>
    private void OnKindChanged(bool real)
    {
        if (real == _real)
            return;
        _real = real;
        _arrivalKind = real ? ArrivalKind.ClosedLoop : Defaults.Arrivals.Kind;
        _concurrency = real ? 4 : Defaults.Arrivals.Concurrency;
        _duration = real ? 30 : Defaults.DurationSeconds;
    }

    private string? ScenarioDescription => SelectedScenario() switch
    {
        (null, { } example) => example.Description,
        ({ } savedId, _) => _savedScenarios.FirstOrDefault(s => s.Id == savedId)?.Description,
        _ => null,
    };

    private (int? SavedId, Scenario? Example) SelectedScenario()
    {
        if (_scenario.StartsWith("saved:", StringComparison.Ordinal)
            && int.TryParse(_scenario.AsSpan(6), NumberStyles.Integer, CultureInfo.InvariantCulture, out var id))
            return (id, null);
        if (_scenario.StartsWith("library:", StringComparison.Ordinal)
            && int.TryParse(_scenario.AsSpan(8), NumberStyles.Integer, CultureInfo.InvariantCulture, out var index)
            && index >= 0 && index < ScenarioLibrary.All.Count)
            return (null, ScenarioLibrary.All[index]);
        return (null, null);
    }

    /// <summary>The request as the API would receive it.</summary>
    internal RunStartInput Input()
    {
        var (savedId, example) = SelectedScenario();
        return new RunStartInput
        {
            PlanId = _planId,
            Strategy = _strategy,
            Seed = _seed,
            ScenarioId = savedId,
            Scenario = example is null ? null : JsonDocument.Parse(example.ToJson()).RootElement.Clone(),
            Kind = _real ? RunInputAssembler.RealKind : null,
            Emulate = _real ? _emulate : null,
            Speed = _real ? null : _realTime ? RunSpeed.RealTimeName : RunSpeed.FastName,
            SpeedFactor = _real || !_realTime ? null : _factor,
            StartPaused = _startPaused,
            Settings = new RunSettingsInput
            {
                Arrivals = new RunArrivalsInput
                {
                    Kind = _arrivalKind == ArrivalKind.Poisson ? "poisson" : "closedLoop",
                    RatePerSecond = _arrivalKind == ArrivalKind.Poisson ? _rate : null,
                    Concurrency = _arrivalKind == ArrivalKind.ClosedLoop ? _concurrency : null,
                },
                DurationSeconds = _duration,
                Mode = _mode == PlanMode ? null : _mode,
                JitterCoefficient = _real ? null : _jitter,
                NoReplies = _real ? null : _noReplies,
                CrashProcesses = _real ? null : _crashProcesses,
                AutoAbort = _autoAbort ? new RunAutoAbortInput { MinSuccessRate = _abortPercent / 100, WindowSeconds = _abortWindow } : null,
            },
        };
    }

    private async Task StartAsync()
    {
        if (Access.DeniesEdit(Snackbar))
            return;
        _errors = [];
        _generalError = null;
        _starting = true;
        try
        {
            var (prepared, errors) = await Assembler.PrepareAsync(Input());
            if (prepared is null)
            {
                ShowErrors(errors);
                return;
            }
            var started = await Host.StartAsync(prepared);
            if (!started.IsOk)
            {
                if (started.Errors.Count > 0)
                    ShowErrors(started.Errors);
                else
                    _generalError = started.Message;
                return;
            }
            foreach (var warning in started.Value!.Warnings)
                Snackbar.Add(warning, Severity.Warning);
            Navigation.NavigateTo($"/runs/{started.Value.RunId}");
        }
        finally
        {
            _starting = false;
        }
    }

    private void ShowErrors(IReadOnlyList<FieldError> errors)
    {
        _errors = errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => string.Join(" ", g.Select(e => e.Message)));
        var elsewhere = errors.Where(e => !FieldKeys.Contains(e.Field) && !IsScenarioField(e.Field)).Select(e => e.Message).ToList();
        _generalError = $"Fix {errors.Count} problem{(errors.Count == 1 ? "" : "s")} before starting the run."
            + (elsewhere.Count == 0 ? "" : " " + string.Join(" ", elsewhere));
    }

    private static bool IsScenarioField(string field) => field.StartsWith("scenario", StringComparison.Ordinal);

    private bool Has(string field) => _errors.ContainsKey(field);

    private string? Message(string field) => _errors.GetValueOrDefault(field);

    private bool HasScenarioError => _errors.Keys.Any(IsScenarioField);

    private string? ScenarioErrors => HasScenarioError ? string.Join(" ", _errors.Where(e => IsScenarioField(e.Key)).Select(e => e.Value)) : null;
}
