using System.Text.Json;

namespace RoCoIn.Web.Runs;

/// <summary>
/// What POST /api/runs (and the new-run page) asks for. Everything but the plan is optional; enums are names, matched
/// ignoring case. Give a saved scenario by <see cref="ScenarioId"/> or one inline as <see cref="Scenario"/>, not both.
/// </summary>
public sealed record RunStartInput
{
    /// <summary>The saved plan to simulate.</summary>
    public int? PlanId { get; init; }

    /// <summary>"RoCoIn" (default) or a baseline's name, e.g. "NoNN".</summary>
    public string? Strategy { get; init; }

    /// <summary>Seed of every random draw of the run and of the scenario's device picks (default 1).</summary>
    public long? Seed { get; init; }

    public RunSettingsInput? Settings { get; init; }

    public int? ScenarioId { get; init; }

    /// <summary>An unsaved scenario: { name, description, events: [...] }.</summary>
    public JsonElement? Scenario { get; init; }

    /// <summary>"fast" (default) or "realtime".</summary>
    public string? Speed { get; init; }

    /// <summary>Simulated seconds per wall-clock second for "realtime", in [0.1, 100] (default 1).</summary>
    public double? SpeedFactor { get; init; }

    /// <summary>Start paused at t = 0, to step through requests or inject before any traffic.</summary>
    public bool StartPaused { get; init; }

    /// <summary>"simulated" (default) or "real": the plan's students on local device agents, at wall-clock speed.</summary>
    public string? Kind { get; init; }

    /// <summary>Real runs: the agents pad compute and transfers to their device profiles (default false).</summary>
    public bool? Emulate { get; init; }

    /// <summary>Real runs: the model set whose students the agents run; by default the plan's.</summary>
    public int? ModelSetId { get; init; }
}

/// <summary>The simulation settings as the API takes them (SI units; left-out fields keep the engine's defaults).</summary>
public sealed record RunSettingsInput
{
    public RunArrivalsInput? Arrivals { get; init; }
    public double? DurationSeconds { get; init; }
    public long? MaxRequests { get; init; }

    /// <summary>"strict" or "degraded"; left out, the plan's mode.</summary>
    public string? Mode { get; init; }

    public double? JitterCoefficient { get; init; }
    public bool? NoReplies { get; init; }
    public bool? CrashProcesses { get; init; }
    public RunAutoAbortInput? AutoAbort { get; init; }
}

/// <summary>The arrival process: "poisson" at ratePerSecond, or "closedLoop" with concurrency clients.</summary>
public sealed record RunArrivalsInput
{
    public string? Kind { get; init; }
    public double? RatePerSecond { get; init; }
    public int? Concurrency { get; init; }
}

/// <summary>Stop the run when the success rate over windowSeconds falls below minSuccessRate.</summary>
public sealed record RunAutoAbortInput
{
    public double? MinSuccessRate { get; init; }
    public double? WindowSeconds { get; init; }
}

/// <summary>What POST /api/runs/{id}/replay takes (all optional): how fast to go, and whether to start paused.</summary>
public sealed record RunReplayInput
{
    public string? Speed { get; init; }
    public double? SpeedFactor { get; init; }
    public bool StartPaused { get; init; }
}

/// <summary>
/// A manual action on a live run (POST /api/runs/{id}/injections). Name exactly one target: <see cref="DeviceName"/>,
/// <see cref="DeviceId"/> or <see cref="GroupNumber"/> (1 = the first group).
/// </summary>
public sealed record RunInjectionInput
{
    /// <summary>crash, recover, slow, restoreSpeed, degradeLink, cutLink, restoreLink, or hang (real agents: stopped but connected; simulated as a crash).</summary>
    public string? Action { get; init; }

    public string? DeviceName { get; init; }
    public int? DeviceId { get; init; }
    public int? GroupNumber { get; init; }

    /// <summary>Slow-down k ≥ 1 for slow; link rate factor in (0, 1] for degradeLink.</summary>
    public double? Factor { get; init; }

    public double? ExtraLatencySeconds { get; init; }
    public double? LossProbability { get; init; }
}
