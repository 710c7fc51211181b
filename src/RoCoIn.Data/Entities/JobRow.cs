using RoCoIn.Engine.Jobs;

namespace RoCoIn.Data.Entities;

/// <summary>One background job of any kind, as stored. Only <see cref="Stores.JobStore"/> changes its status.</summary>
public sealed class JobRow
{
    public int Id { get; set; }
    public JobKind Kind { get; set; }
    public JobStatus Status { get; set; }
    public required string Title { get; set; }

    /// <summary>The job's input as camelCase JSON; its handler knows the shape.</summary>
    public string ParametersJson { get; set; } = "{}";

    /// <summary>Share done, 0 to 1, as last persisted (at most once a second while running).</summary>
    public double Progress { get; set; }

    public string ProgressMessage { get; set; } = "";
    public DateTimeOffset QueuedUtc { get; set; }
    public DateTimeOffset? StartedUtc { get; set; }
    public DateTimeOffset? EndedUtc { get; set; }

    /// <summary>Why a job failed or was interrupted, for people.</summary>
    public string? Reason { get; set; }

    /// <summary>What a succeeded job made, e.g. "plan"; <see cref="ResultId"/> is its id.</summary>
    public string? ResultKind { get; set; }

    public int? ResultId { get; set; }
}
