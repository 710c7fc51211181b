using RoCoIn.Data.Stores;

namespace RoCoIn.Data.Entities;

/// <summary>
/// One run of a plan. Everything needed to re-simulate it exactly is stored with it as JSON snapshots (topology,
/// settings, scenario, manual injections), so it stays reproducible when the plan, the model set or the scenario
/// change or disappear. Per-second aggregates live in <see cref="RunSecondRow"/>; the summary, histogram and event
/// log are written once, when the run ends.
/// </summary>
public sealed class RunRow
{
    public int Id { get; set; }
    public int PlanId { get; set; }

    /// <summary>"RoCoIn" or the baseline that was run.</summary>
    public required string Strategy { get; set; }

    /// <summary>"simulated" (real runs come later).</summary>
    public required string Kind { get; set; }

    public RunStatus Status { get; set; }
    public int? JobId { get; set; }
    public long Seed { get; set; }

    /// <summary>"fast" or "realtime".</summary>
    public required string Speed { get; set; }

    /// <summary>Simulated seconds per wall-clock second for a real-time run; null when fast.</summary>
    public double? SpeedFactor { get; set; }

    public required string SettingsJson { get; set; }
    public int? ScenarioId { get; set; }

    /// <summary>Scenario name as it was run, for lists (the scenario may be renamed or deleted later).</summary>
    public string? ScenarioName { get; set; }

    public string? ScenarioJson { get; set; }
    public required string TopologyJson { get; set; }
    public string InjectionsJson { get; set; } = "[]";
    public string? EventsJson { get; set; }
    public string? SummaryJson { get; set; }
    public string? HistogramJson { get; set; }

    /// <summary>Copied from the summary for lists; null until the run has ended.</summary>
    public double? SuccessRate { get; set; }

    /// <summary>Copied from the summary for lists; null until the run has ended or when nothing was served.</summary>
    public double? P95Seconds { get; set; }

    /// <summary>A caveat known at start, e.g. the fleet changed since the plan was made.</summary>
    public string? Warning { get; set; }

    /// <summary>Why a run failed, was aborted, stopped or interrupted.</summary>
    public string? Reason { get; set; }

    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }
}
