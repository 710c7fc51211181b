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
using RoCoIn.Web.Learn;
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

    // Query parameters besides "plan": every setting of the form, named after its field, in the form's units.
    // "kind=real" preselects a run on real agents (/runs/new?plan=1&kind=real); "simulated" is the default.
    internal const string KindParameter = "kind";
    internal const string StrategyParameter = "strategy";
    internal const string EmulateParameter = "emulate";
    internal const string ArrivalsParameter = "arrivals";
    internal const string RateParameter = "rate";
    internal const string ConcurrencyParameter = "concurrency";
    internal const string DurationParameter = "duration";
    internal const string ModeParameter = "mode";
    internal const string JitterParameter = "jitter";
    internal const string SeedParameter = "seed";
    internal const string NoRepliesParameter = "noReplies";
    internal const string CrashProcessesParameter = "crashProcesses";
    internal const string ScenarioParameter = "scenario";
    internal const string AutoAbortParameter = "autoAbort";
    internal const string AbortRateParameter = "abortRate";
    internal const string AbortWindowParameter = "abortWindow";
    internal const string SpeedParameter = "speed";
    internal const string SpeedFactorParameter = "speedFactor";
    internal const string StartPausedParameter = "startPaused";

    private const string SimulatedKind = "simulated";
    private const string PoissonValue = "poisson";
    private const string ClosedLoopValue = "closedLoop";
    private static readonly string[] Kinds = [SimulatedKind, RunInputAssembler.RealKind];
    private static readonly string[] ArrivalValues = [PoissonValue, ClosedLoopValue];
    private static readonly string[] ModeValues = [PlanMode, "strict", "degraded"];
    private static readonly string[] SpeedValues = [RunSpeed.RealTimeName, RunSpeed.FastName];
    private static readonly string[] Booleans = ["true", "false"];

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
    private IReadOnlyList<LessonQueryError> _queryErrors = [];

    protected override async Task OnInitializedAsync()
    {
        _plans = await Plans.ListAsync();
        _savedScenarios = await Scenarios.ListAsync();
        var initial = PlanQuery is { } q && _plans.Any(p => p.Id == q) ? q : _plans.FirstOrDefault(p => p.Feasible)?.Id ?? (_plans.Count > 0 ? _plans[0].Id : null);
        if (PlanQuery is { } asked && initial != asked)
            _generalError = $"Plan {asked} does not exist; choose one of the plans below.";
        await OnPlanChangedAsync(initial);
        ReadQuery();
        _loaded = true;
    }

    /// <summary>
    /// Fills the form from the URL, after the plan: the kind first (it sets the arrivals and duration a real run starts
    /// from), then every other setting. A missing value keeps the default; a bad one keeps it too and is reported, naming
    /// the parameter and what it allows, in the lessons' words (<see cref="LessonQuery"/>).
    /// </summary>
    private void ReadQuery()
    {
        var query = LessonQuery.FromUri(Navigation.Uri);
        if (_strategies.Count > 0)
            _strategy = query.Choice(StrategyParameter, _strategies, _strategy ?? _strategies[0], "the strategy of this plan");
        OnKindChanged(query.Choice(KindParameter, Kinds, SimulatedKind, "the kind of run") == RunInputAssembler.RealKind);
        _emulate = Flag(query, EmulateParameter, _emulate, "emulate");
        _arrivalKind = query.Choice(ArrivalsParameter, ArrivalValues, ArrivalValue(_arrivalKind), "the arrival process") == PoissonValue
            ? ArrivalKind.Poisson
            : ArrivalKind.ClosedLoop;
        var maxRate = _real ? RunInputAssembler.MaxRealRatePerSecond : SimulationSettings.MaxRatePerSecond;
        _rate = Number(query, RateParameter, _rate, v => v > 0 && v <= maxRate,
            $"the arrival rate must be a number of requests per second above 0 and at most {Text(maxRate)}", "req/s");
        var maxConcurrency = _real ? RunInputAssembler.MaxRealConcurrency : SimulationSettings.MaxConcurrency;
        _concurrency = (int)query.WholeNumber(ConcurrencyParameter, 1, maxConcurrency, _concurrency, "the concurrency",
            $"concurrency {Text(_concurrency)}");
        var maxDuration = _real ? RunInputAssembler.MaxRealDurationSeconds : SimulationSettings.MaxDurationSeconds;
        _duration = Number(query, DurationParameter, _duration, v => v > 0 && v <= maxDuration,
            $"the duration must be a number of seconds above 0 and at most {Text(maxDuration)}", "s");
        _mode = query.Choice(ModeParameter, ModeValues, _mode, "the mode");
        _jitter = Number(query, JitterParameter, _jitter, v => v >= 0 && v <= 10, "the jitter must be a number from 0 to 10", "");
        _seed = query.AnySeed(SeedParameter, _seed);
        _noReplies = Flag(query, NoRepliesParameter, _noReplies, "noReplies");
        _crashProcesses = Flag(query, CrashProcessesParameter, _crashProcesses, "crashProcesses");
        ReadScenario(query);
        _autoAbort = Flag(query, AutoAbortParameter, _autoAbort, "autoAbort");
        _abortPercent = Number(query, AbortRateParameter, _abortPercent, v => v >= 0 && v <= 100,
            "the auto-abort success rate must be a percentage from 0 to 100", "%");
        _abortWindow = Number(query, AbortWindowParameter, _abortWindow, v => v > 0,
            "the auto-abort window must be a number of seconds above 0", "s");
        _realTime = query.Choice(SpeedParameter, SpeedValues, _realTime ? RunSpeed.RealTimeName : RunSpeed.FastName, "the speed")
            == RunSpeed.RealTimeName;
        _factor = Number(query, SpeedFactorParameter, _factor, v => v >= RunSpeed.MinFactor && v <= RunSpeed.MaxFactor,
            $"the real-time factor must be a number from {Text(RunSpeed.MinFactor)} to {Text(RunSpeed.MaxFactor)}", "");
        _startPaused = Flag(query, StartPausedParameter, _startPaused, "startPaused");
        _queryErrors = query.Errors;
    }

    /// <summary>
    /// "none", "saved:{id}" (or just the id) of a saved scenario, or "library:{index}" of an example, as the scenario field's
    /// own values.
    /// </summary>
    private void ReadScenario(LessonQuery query)
    {
        if (query.Raw(ScenarioParameter) is not { } raw)
            return;
        var key = int.TryParse(raw, NumberStyles.Integer, Invariant, out var bare) ? $"saved:{bare.ToString(Invariant)}" : raw;
        var allowed = ScenarioKeys().ToList();
        var match = allowed.FirstOrDefault(k => string.Equals(k, key, StringComparison.OrdinalIgnoreCase));
        if (match is not null)
            _scenario = match;
        else
            query.Reject(ScenarioParameter, $"the scenario must be one of {string.Join(", ", allowed)}", NoScenario);
    }

    private IEnumerable<string> ScenarioKeys() =>
        new[] { NoScenario }
            .Concat(_savedScenarios.Select(s => $"saved:{s.Id.ToString(Invariant)}"))
            .Concat(Enumerable.Range(0, ScenarioLibrary.All.Count).Select(i => $"library:{i.ToString(Invariant)}"));

    private static string ArrivalValue(ArrivalKind kind) => kind == ArrivalKind.Poisson ? PoissonValue : ClosedLoopValue;

    private static string Text(double value) => value.ToString(Invariant);

    private static bool Flag(LessonQuery query, string name, bool fallback, string what) =>
        query.Choice(name, Booleans, fallback ? "true" : "false", what) == "true";

    /// <summary>Reads a number setting; a bad value falls back, shown with <paramref name="unit"/>.</summary>
    private static double Number(LessonQuery query, string name, double fallback, Func<double, bool> allowed, string rule, string unit) =>
        query.Number(name, fallback, allowed, rule, unit.Length == 0 ? Text(fallback) : $"{Text(fallback)} {unit}");

    /// <summary>
    /// Keeps the address in step with the form (replacing the history entry), so the link shares what the form shows:
    /// every setting the form shows, defaults included, so the link keeps its meaning if a default changes. Nothing is
    /// reloaded: the page reads the query only when it opens.
    /// </summary>
    private void SyncAddress()
    {
        if (!_loaded)
            return;
        var poisson = _arrivalKind == ArrivalKind.Poisson;
        var values = new Dictionary<string, object?>
        {
            ["plan"] = _planId?.ToString(Invariant),
            [StrategyParameter] = _strategy,
            [KindParameter] = _real ? RunInputAssembler.RealKind : SimulatedKind,
            [EmulateParameter] = _real ? Bool(_emulate) : null,
            [ArrivalsParameter] = ArrivalValue(_arrivalKind),
            [RateParameter] = poisson ? Text(_rate) : null,
            [ConcurrencyParameter] = poisson ? null : _concurrency.ToString(Invariant),
            [DurationParameter] = Text(_duration),
            [ModeParameter] = _mode,
            [JitterParameter] = _real ? null : Text(_jitter),
            [SeedParameter] = _seed.ToString(Invariant),
            [NoRepliesParameter] = _real ? null : Bool(_noReplies),
            [CrashProcessesParameter] = _real ? null : Bool(_crashProcesses),
            [ScenarioParameter] = _scenario,
            [AutoAbortParameter] = Bool(_autoAbort),
            [AbortRateParameter] = _autoAbort ? Text(_abortPercent) : null,
            [AbortWindowParameter] = _autoAbort ? Text(_abortWindow) : null,
            [SpeedParameter] = _real ? null : _realTime ? RunSpeed.RealTimeName : RunSpeed.FastName,
            [SpeedFactorParameter] = !_real && _realTime ? Text(_factor) : null,
            [StartPausedParameter] = Bool(_startPaused),
        };
        Navigation.NavigateTo(Navigation.GetUriWithQueryParameters(values), replace: true);
    }

    private static string Bool(bool value) => value ? "true" : "false";

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
        SyncAddress();
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
        SyncAddress();
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
