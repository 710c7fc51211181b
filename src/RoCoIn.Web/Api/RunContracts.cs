using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Api;

/// <summary>
/// A manual injection as recorded: when it took effect (simulated seconds), what it did, and its target by device
/// (id and name) or by group number (1 = the first group).
/// </summary>
public sealed record RunInjectionDto(
    double AtSeconds,
    InjectionAction Action,
    int? DeviceId,
    string? DeviceName,
    int? GroupNumber,
    double Factor,
    double ExtraLatencySeconds,
    double LossProbability)
{
    public static RunInjectionDto From(Injection injection, SimulationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(injection);
        ArgumentNullException.ThrowIfNull(topology);
        var name = injection.DeviceId is { } id ? topology.Devices.FirstOrDefault(d => d.DeviceId == id)?.Name : null;
        return new(injection.AtSeconds, injection.Action, injection.DeviceId, name, injection.Group + 1, injection.Factor,
            injection.ExtraLatencySeconds, injection.LossProbability);
    }
}

/// <summary>A live run's clock and state: simulated now and end, and the simulator's snapshot (group indexes 0-based).</summary>
public sealed record RunLiveDto(double NowSeconds, double EndSeconds, RunSnapshot Snapshot);

/// <summary>Where a run's other resources are.</summary>
public sealed record RunLinksDto(string Self, string Job, string Plan, string Seconds, string Histogram, string Events, string ExportCsv, string ExportJson);

/// <summary>
/// One run: what was run (plan snapshot as topology, settings, scenario, injections), where it stands, and once ended
/// its summary. Group indexes in engine records (topology, snapshot, summary) are 0-based; group numbers are 1-based.
/// </summary>
public sealed record RunDto(
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
    IReadOnlyList<RunInjectionDto> Injections,
    string? Warning,
    string? Reason,
    DateTimeOffset CreatedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? EndedUtc,
    int SecondsStored,
    RunSummary? Summary,
    RunLiveDto? Live,
    SimulationTopology Topology,
    RunLinksDto Links)
{
    public static RunDto From(SavedRun run, LiveRunView? live)
    {
        ArgumentNullException.ThrowIfNull(run);
        var status = live?.Status ?? run.Status;
        return new(run.Id, run.PlanId, run.PlanName, run.Strategy, run.Kind, status, run.JobId, run.Seed, run.Speed, run.SpeedFactor,
            run.Settings, run.ScenarioId, run.ScenarioName, run.Scenario,
            run.Injections.Select(i => RunInjectionDto.From(i, run.Topology)).ToList(),
            run.Warning, run.Reason, run.CreatedUtc, run.StartedUtc, run.EndedUtc, run.SecondsStored, run.Summary,
            live is null ? null : new RunLiveDto(live.Snapshot.NowSeconds, live.EndSeconds, live.Snapshot),
            run.Topology, LinksOf(run.Id, run.JobId, run.PlanId));
    }

    public static RunLinksDto LinksOf(int id, int? jobId, int planId) => new($"/api/runs/{id}", jobId is { } j ? $"/api/jobs/{j}" : "",
        $"/api/plans/{planId}", $"/api/runs/{id}/seconds", $"/api/runs/{id}/histogram", $"/api/runs/{id}/events",
        $"/api/runs/{id}/export?format=csv", $"/api/runs/{id}/export?format=json");
}

/// <summary>A run as lists show it: newest first, with its plan's name and, once ended, success rate and p95.</summary>
public sealed record RunListItemDto(
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
    DateTimeOffset? EndedUtc,
    string Url)
{
    public static RunListItemDto From(RunListItem run)
    {
        ArgumentNullException.ThrowIfNull(run);
        return new(run.Id, run.PlanId, run.PlanName, run.Strategy, run.Kind, run.Status, run.JobId, run.Seed, run.Speed, run.SpeedFactor,
            run.ScenarioId, run.ScenarioName, run.SuccessRate, run.P95Seconds, run.Warning, run.Reason, run.CreatedUtc, run.StartedUtc,
            run.EndedUtc, $"/api/runs/{run.Id}");
    }
}

/// <summary>The answer to a control (pause, resume): the run's status and the simulator's snapshot.</summary>
public sealed record RunControlDto(int RunId, RunStatus Status, RunSnapshot Snapshot);

/// <summary>One failure a scenario resolves to on a plan: the device (id, name, 1-based group number), when and what.</summary>
public sealed record ResolvedFailureDto(
    int DeviceId,
    string DeviceName,
    int GroupNumber,
    double StartSeconds,
    double? DurationSeconds,
    FailureEffect Effect,
    string Source)
{
    public static ResolvedFailureDto From(DeviceFailure failure, SimulationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(failure);
        ArgumentNullException.ThrowIfNull(topology);
        var device = topology.Devices.FirstOrDefault(d => d.DeviceId == failure.DeviceId);
        return new(failure.DeviceId, device?.Name ?? "", (device?.Group ?? -1) + 1, failure.StartSeconds, failure.DurationSeconds,
            failure.Effect, failure.Source);
    }
}

/// <summary>Sim vs real for an ended real run (GET /api/runs/{id}/comparison).</summary>
/// <param name="RunId">The run.</param>
/// <param name="Measured">What the real agents did.</param>
/// <param name="Simulated">The simulation of the same inputs over the same span, or null when it could not be computed.</param>
/// <param name="ClosedForm">The closed form for one isolated request of the same plan and mode.</param>
public sealed record RunComparisonDto(int RunId, RunSummary Measured, RunSummary? Simulated, PlanMetrics ClosedForm);
