using RoCoIn.Engine.Jobs;

namespace RoCoIn.Data.Stores;

/// <summary>A background job as stored: what it is, where it stands, and what it made.</summary>
public sealed record JobRecord(
    int Id,
    JobKind Kind,
    JobStatus Status,
    string Title,
    string ParametersJson,
    double Progress,
    string ProgressMessage,
    DateTimeOffset QueuedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? EndedUtc,
    string? Reason,
    string? ResultKind,
    int? ResultId);
