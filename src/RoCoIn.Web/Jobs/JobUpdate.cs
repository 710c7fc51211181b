using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// A job's news for in-process listeners: a state change (queued, running, finished; always sent) or a throttled
/// progress report (<see cref="IsStateChange"/> false).
/// </summary>
public sealed record JobUpdate(
    int JobId,
    JobKind Kind,
    JobStatus Status,
    JobProgress Progress,
    bool IsStateChange,
    string? Reason = null,
    string? ResultKind = null,
    int? ResultId = null)
{
    public static JobUpdate StateOf(JobRecord job)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, job.Kind, job.Status, new JobProgress(Math.Clamp(job.Progress, 0, 1), job.ProgressMessage),
            IsStateChange: true, job.Reason, job.ResultKind, job.ResultId);
    }
}
