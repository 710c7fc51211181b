using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Turns a run request into a <see cref="PreparedRun"/>: loads the saved plan, picks the strategy, builds the topology
/// (with the measured accuracy table when a distilled model set matches the strategy's groups), reads and resolves the
/// scenario with the run's seed, and validates the settings. Every problem is reported under its API field name;
/// nothing is created here.
/// </summary>
public sealed class RunInputAssembler(PlanStore plans, ModelSetStore modelSets, ScenarioStore scenarios)
{
    public async Task<(PreparedRun? Run, IReadOnlyList<FieldError> Errors)> PrepareAsync(RunStartInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        var real = IsReal(input.Kind, errors);
        RunSpeed? speed;
        if (real)
        {
            speed = new RunSpeed(1);
            if (input.Speed is not null || input.SpeedFactor is not null)
                errors.Add(new("speed", "Real runs go at wall-clock speed: leave speed and speedFactor out."));
        }
        else
        {
            var (parsed, speedErrors) = RunSpeed.Parse(input.Speed, input.SpeedFactor);
            speed = parsed;
            errors.AddRange(speedErrors);
            if (input.Emulate is not null || input.ModelSetId is not null)
                errors.Add(new(input.Emulate is not null ? "emulate" : "modelSetId", "emulate and modelSetId apply to real runs only (kind \"real\")."));
        }
        var settings = ToSettings(input.Settings, input.Seed ?? 1, errors);
        if (real && settings is not null)
            settings = RealSettings(input.Settings, settings, errors);

        SavedPlan? plan = null;
        if (input.PlanId is not { } planId)
            errors.Add(new("planId", "Choose the plan to simulate."));
        else if ((plan = await plans.GetAsync(planId, cancellationToken)) is null)
            errors.Add(new("planId", $"Plan {planId} does not exist."));

        var scenario = await ReadScenarioAsync(input, errors, cancellationToken);
        var chosen = plan is null ? null : ChooseStrategy(plan, input.Strategy, errors);
        if (plan is null || chosen is null || settings is null || speed is null || errors.Count > 0)
            return (null, errors);

        RealRunSetup? realSetup = null;
        SimulationTopology topology;
        if (real)
        {
            if (!string.Equals(chosen.Strategy, RoCoInPlanner.Strategy, StringComparison.Ordinal))
                return (null, [new("strategy", $"Real runs run the plan's RoCoIn groups on its agents; the {chosen.Strategy} baseline is simulated only.")]);
            var set = await modelSets.ForPlanAsync(plan, input.ModelSetId, cancellationToken);
            if (set is null)
            {
                return (null, [input.ModelSetId is { } missing
                    ? new("modelSetId", $"Model set {missing} does not exist.")
                    : new("planId", $"Plan #{plan.Id} has no distilled model set; real runs need its students (distil them on the Distillation page).")]);
            }
            if (!MeasuredAccuracy.Matches(chosen, set.Result))
                return (null, [new("modelSetId", $"Model set '{set.Name}' does not fit plan #{plan.Id}: its students are not the plan's groups.")]);
            realSetup = new RealRunSetup(set.Id, input.Emulate ?? false);
            topology = SimulationTopology.FromPlan(plan.Document, chosen, set.Result.AccuracyBySubset, set.Result.Teacher.TestAccuracy);
        }
        else
        {
            topology = await TopologyAsync(plan, chosen, cancellationToken);
        }
        IReadOnlyList<DeviceFailure> failures = [];
        if (scenario is not null)
        {
            var resolution = ScenarioResolver.Resolve(scenario, topology, settings.Seed);
            if (!resolution.Succeeded)
                return (null, resolution.Errors.Select(e => e with { Field = "scenario." + e.Field }).ToList());
            failures = resolution.Failures;
        }

        var warnings = new List<string>();
        if (plan.FleetChanged)
        {
            warnings.Add($"The fleet '{plan.FleetName}' has changed since plan #{plan.Id} was made (or was deleted); " +
                "this run simulates the devices as the plan recorded them.");
        }
        return (new PreparedRun(plan.Id, plan.Name, chosen.Strategy, topology, settings, input.ScenarioId, scenario, failures, speed,
            input.StartPaused, [], null, null, warnings, null, realSetup), []);
    }

    /// <summary>
    /// The topology a run of <paramref name="planId"/>'s <paramref name="strategy"/> would simulate, or errors keyed
    /// <paramref name="planField"/> and "strategy".
    /// </summary>
    public async Task<(SimulationTopology? Topology, IReadOnlyList<FieldError> Errors)> TopologyForAsync(int? planId, string? strategy,
        string planField, CancellationToken cancellationToken = default)
    {
        var errors = new List<FieldError>();
        SavedPlan? plan = null;
        if (planId is not { } id)
            errors.Add(new(planField, "Choose the plan to resolve the scenario against."));
        else if ((plan = await plans.GetAsync(id, cancellationToken)) is null)
            errors.Add(new(planField, $"Plan {id} does not exist."));
        var chosen = plan is null ? null : ChooseStrategy(plan, strategy, errors);
        if (plan is null || chosen is null)
            return (null, errors);
        return (await TopologyAsync(plan, chosen, cancellationToken), []);
    }

    /// <summary>
    /// A new run that re-simulates <paramref name="original"/> exactly: its stored topology, settings, scenario snapshot
    /// (resolved again with the same seed) and manual injections at their recorded times.
    /// </summary>
    public static (PreparedRun? Run, IReadOnlyList<FieldError> Errors) PrepareReplay(SavedRun original, RunReplayInput? input)
    {
        ArgumentNullException.ThrowIfNull(original);
        var (speed, errors) = RunSpeed.Parse(input?.Speed, input?.SpeedFactor);
        if (speed is null)
            return (null, errors);
        IReadOnlyList<DeviceFailure> failures = [];
        if (original.Scenario is { } scenario)
        {
            var resolution = ScenarioResolver.Resolve(scenario, original.Topology, original.Settings.Seed);
            if (!resolution.Succeeded)
                return (null, resolution.Errors.Select(e => e with { Field = "scenario." + e.Field }).ToList());
            failures = resolution.Failures;
        }
        // A run the operator stopped ends at the same simulated time, so the replay covers the same span.
        var stopAt = original.Status == RunStatus.Stopped ? original.Summary?.SimulatedSeconds : null;
        var warnings = new List<string> { $"Replay of run #{original.Id}." };
        if (original.Kind == RealKind)
            warnings.Add($"Run #{original.Id} ran on real agents; this replay simulates the same plan, settings and injections, so the two can be compared.");
        if (original.Status is RunStatus.Interrupted or RunStatus.Failed)
            warnings.Add($"Run #{original.Id} did not end normally; the replay runs to the end with the injections recorded before it stopped.");
        return (new PreparedRun(original.PlanId, original.PlanName, original.Strategy, original.Topology, original.Settings,
            original.ScenarioId, original.Scenario, failures, speed, input?.StartPaused ?? false, original.Injections, stopAt,
            stopAt is null ? null : original.Reason ?? original.Summary?.AbortReason ?? "Stopped by the operator.", warnings, original.Id), []);
    }

    /// <summary>The engine settings from the API's, or null with errors named "settings.…".</summary>
    public static SimulationSettings? ToSettings(RunSettingsInput? input, long seed, List<FieldError> errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        var count = errors.Count;
        var settings = new SimulationSettings { Seed = seed };
        if (input is not null)
        {
            var arrivals = settings.Arrivals;
            if (input.Arrivals is { } a)
            {
                var kind = arrivals.Kind;
                if (a.Kind is { } k && !TryParseEnum(k, out kind))
                    errors.Add(new("settings.arrivals.kind", $"Unknown arrival kind '{k}'. Use \"poisson\" or \"closedLoop\"."));
                arrivals = new ArrivalSettings(kind, a.RatePerSecond ?? arrivals.RatePerSecond, a.Concurrency ?? arrivals.Concurrency);
            }
            FailureMode? mode = null;
            if (input.Mode is { } m)
            {
                if (TryParseEnum<FailureMode>(m, out var parsed))
                    mode = parsed;
                else
                    errors.Add(new("settings.mode", $"Unknown mode '{m}'. Use \"strict\" or \"degraded\", or leave it out for the plan's mode."));
            }
            AutoAbortRule? abort = null;
            if (input.AutoAbort is { } rule)
            {
                if (rule.MinSuccessRate is null)
                    errors.Add(new("settings.autoAbort.minSuccessRate", "Give the success rate below which the run stops, in [0, 1]."));
                if (rule.WindowSeconds is null)
                    errors.Add(new("settings.autoAbort.windowSeconds", "Give the window, in simulated seconds, over which the success rate is measured."));
                abort = new AutoAbortRule(rule.MinSuccessRate ?? 0, rule.WindowSeconds ?? 1);
            }
            settings = settings with
            {
                Arrivals = arrivals,
                DurationSeconds = input.DurationSeconds ?? settings.DurationSeconds,
                MaxRequests = input.MaxRequests,
                Mode = mode,
                JitterCoefficient = input.JitterCoefficient ?? settings.JitterCoefficient,
                NoReplies = input.NoReplies ?? settings.NoReplies,
                CrashProcesses = input.CrashProcesses ?? settings.CrashProcesses,
                AutoAbort = abort,
            };
        }
        // Parse errors first: the engine would only repeat them in other words.
        if (errors.Count > count)
            return null;
        var invalid = settings.Validate();
        errors.AddRange(invalid.Select(e => e with { Field = "settings." + e.Field }));
        return invalid.Count == 0 ? settings : null;
    }

    /// <summary>The stored kind of runs on real agents (simulated runs are "simulated").</summary>
    public const string RealKind = "real";

    /// <summary>Most requests a real run keeps in flight.</summary>
    public const int MaxRealConcurrency = 64;

    /// <summary>Highest Poisson rate of a real run, requests per second.</summary>
    public const double MaxRealRatePerSecond = 500;

    /// <summary>Longest real run, seconds.</summary>
    public const double MaxRealDurationSeconds = 3600;

    private static bool IsReal(string? kind, List<FieldError> errors)
    {
        if (string.IsNullOrWhiteSpace(kind) || string.Equals(kind, "simulated", StringComparison.OrdinalIgnoreCase))
            return false;
        if (string.Equals(kind, "real", StringComparison.OrdinalIgnoreCase))
            return true;
        errors.Add(new("kind", $"Unknown run kind '{kind}'. Use \"simulated\" or \"real\"."));
        return false;
    }

    /// <summary>
    /// A real run's settings: real devices fail for real, so the simulator's own failure draws (no-replies, crash
    /// processes, jitter) are refused when asked for and off otherwise; load and length stay within what one studio drives.
    /// </summary>
    private static SimulationSettings? RealSettings(RunSettingsInput? input, SimulationSettings settings, List<FieldError> errors)
    {
        var count = errors.Count;
        if (input?.NoReplies == true)
            errors.Add(new("settings.noReplies", "Real devices drop requests for real: no-reply draws apply to simulated runs only; leave it out."));
        if (input?.CrashProcesses == true)
            errors.Add(new("settings.crashProcesses", "Real agents crash when you kill them: crash processes apply to simulated runs only; leave it out."));
        if (input?.JitterCoefficient is > 0)
            errors.Add(new("settings.jitterCoefficient", "Real compute times vary on their own: jitter applies to simulated runs only; leave it out."));
        var arrivals = settings.Arrivals;
        if (arrivals.Kind == ArrivalKind.ClosedLoop && arrivals.Concurrency > MaxRealConcurrency)
        {
            errors.Add(new("settings.arrivals.concurrency", string.Create(CultureInfo.InvariantCulture,
                $"A real run keeps at most {MaxRealConcurrency} requests in flight (got {arrivals.Concurrency}).")));
        }
        if (arrivals.Kind == ArrivalKind.Poisson && arrivals.RatePerSecond > MaxRealRatePerSecond)
        {
            errors.Add(new("settings.arrivals.ratePerSecond", string.Create(CultureInfo.InvariantCulture,
                $"A real run sends at most {MaxRealRatePerSecond} requests/s (got {arrivals.RatePerSecond}).")));
        }
        if (settings.DurationSeconds > MaxRealDurationSeconds)
        {
            errors.Add(new("settings.durationSeconds", string.Create(CultureInfo.InvariantCulture,
                $"A real run lasts at most {MaxRealDurationSeconds} s (got {settings.DurationSeconds}).")));
        }
        return errors.Count > count ? null : settings with { NoReplies = false, CrashProcesses = false, JitterCoefficient = 0 };
    }

    private async Task<Scenario?> ReadScenarioAsync(RunStartInput input, List<FieldError> errors, CancellationToken cancellationToken)
    {
        if (input.ScenarioId is { } id)
        {
            if (input.Scenario is { ValueKind: not System.Text.Json.JsonValueKind.Null })
            {
                errors.Add(new("scenario", "Give a saved scenario (scenarioId) or an inline scenario, not both."));
                return null;
            }
            var saved = await scenarios.GetAsync(id, cancellationToken);
            if (saved is null)
                errors.Add(new("scenarioId", $"Scenario {id} does not exist."));
            return saved?.Scenario;
        }
        if (input.Scenario is not { ValueKind: not System.Text.Json.JsonValueKind.Null } inline)
            return null;
        var (scenario, error) = ScenarioReader.Read(inline.GetRawText(), "scenario.");
        if (error is not null)
            errors.Add(error);
        return scenario;
    }

    private static DeploymentPlan? ChooseStrategy(SavedPlan plan, string? strategy, List<FieldError> errors)
    {
        var result = plan.Document.Result;
        var name = string.IsNullOrWhiteSpace(strategy) ? RoCoInPlanner.Strategy : strategy.Trim();
        var available = (result.Plan is null ? Array.Empty<string>() : [RoCoInPlanner.Strategy])
            .Concat(result.Baselines.Where(b => b.Groups.Count > 0).Select(b => b.Strategy)).ToList();
        var offer = available.Count == 0 ? "It has no strategy that can be simulated." : $"Choose one of: {string.Join(", ", available)}.";
        DeploymentPlan? chosen;
        if (string.Equals(name, RoCoInPlanner.Strategy, StringComparison.OrdinalIgnoreCase))
        {
            chosen = result.Plan;
            if (chosen is null)
            {
                errors.Add(new("strategy", $"Plan #{plan.Id} has no feasible RoCoIn plan" +
                    (result.Problem is { } problem ? $" ({problem.Explanation})" : "") + $". {offer}"));
                return null;
            }
        }
        else
        {
            chosen = result.Baselines.FirstOrDefault(b => string.Equals(b.Strategy, name, StringComparison.OrdinalIgnoreCase));
            if (chosen is null)
            {
                errors.Add(new("strategy", $"Plan #{plan.Id} has no strategy '{name}'. {offer}"));
                return null;
            }
        }
        if (chosen.Groups.Count == 0)
        {
            errors.Add(new("strategy", $"The {chosen.Strategy} strategy of plan #{plan.Id} has no groups to simulate. {offer}"));
            return null;
        }
        return chosen;
    }

    /// <summary>
    /// The topology of <paramref name="chosen"/>, with the accuracy table of the newest model set distilled for the plan,
    /// else of the model set it was re-planned with, when that set's partitions are the strategy's groups.
    /// </summary>
    private async Task<SimulationTopology> TopologyAsync(SavedPlan plan, DeploymentPlan chosen, CancellationToken cancellationToken)
    {
        var modelSet = await modelSets.LatestForPlanAsync(plan.Id, cancellationToken);
        if (modelSet is null || !MeasuredAccuracy.Matches(chosen, modelSet.Result))
        {
            modelSet = plan.BasedOnModelSetId is { } basedOn ? await modelSets.GetAsync(basedOn, cancellationToken) : null;
            if (modelSet is not null && !MeasuredAccuracy.Matches(chosen, modelSet.Result))
                modelSet = null;
        }
        return SimulationTopology.FromPlan(plan.Document, chosen, modelSet?.Result.AccuracyBySubset, modelSet?.Result.Teacher.TestAccuracy);
    }

    private static bool TryParseEnum<T>(string text, out T value) where T : struct, Enum =>
        Enum.TryParse(text.Replace("-", "", StringComparison.Ordinal), ignoreCase: true, out value)
        && Enum.IsDefined(value)
        && !int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out _);
}
