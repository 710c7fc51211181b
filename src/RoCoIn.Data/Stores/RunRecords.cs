using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Stores;

/// <summary>What a new run is made of: the plan and strategy it runs, and the snapshots that make it reproducible.</summary>
/// <param name="PlanId">The saved plan.</param>
/// <param name="Strategy">"RoCoIn" or a baseline name.</param>
/// <param name="Kind">"simulated".</param>
/// <param name="JobId">The job that stands for the run in the jobs list, or null.</param>
/// <param name="Speed">"fast" or "realtime".</param>
/// <param name="SpeedFactor">Simulated seconds per wall-clock second when real time; null when fast.</param>
/// <param name="Settings">The simulation settings (their seed is the run's seed).</param>
/// <param name="ScenarioId">The saved scenario it came from, or null (inline or none).</param>
/// <param name="Scenario">The scenario as run, or null for none.</param>
/// <param name="Topology">The plan as simulated.</param>
/// <param name="Warning">A caveat known at start, or null.</param>
public sealed record NewRun(
    int PlanId,
    string Strategy,
    string Kind,
    int? JobId,
    string Speed,
    double? SpeedFactor,
    SimulationSettings Settings,
    int? ScenarioId,
    Scenario? Scenario,
    SimulationTopology Topology,
    string? Warning);

/// <summary>A stored run with its snapshots and, once ended, its results (the per-second rows are read apart).</summary>
public sealed record SavedRun(
    int Id,
    int PlanId,
    string PlanName,
    string Strategy,
    string Kind,
    RunStatus Status,
    int? JobId,
    long Seed,
    string Speed,
    double? SpeedFactor,
    SimulationSettings Settings,
    int? ScenarioId,
    string? ScenarioName,
    Scenario? Scenario,
    SimulationTopology Topology,
    IReadOnlyList<Injection> Injections,
    IReadOnlyList<RunEvent>? Events,
    RunSummary? Summary,
    IReadOnlyList<HistogramBucket>? Histogram,
    int SecondsStored,
    string? Warning,
    string? Reason,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? EndedUtc);

/// <summary>A run as lists show it.</summary>
public sealed record RunListItem(
    int Id,
    int PlanId,
    string PlanName,
    string Strategy,
    string Kind,
    RunStatus Status,
    int? JobId,
    long Seed,
    string Speed,
    double? SpeedFactor,
    int? ScenarioId,
    string? ScenarioName,
    double? SuccessRate,
    double? P95Seconds,
    string? Warning,
    string? Reason,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? EndedUtc);
