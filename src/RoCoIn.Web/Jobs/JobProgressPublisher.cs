using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// Spreads a job's news: to <see cref="JobProgressNotifier"/> (pages) and to the <see cref="JobsHub"/> groups of the
/// job and of all jobs. State changes go out at once; progress goes through a throttled reporter per run.
/// </summary>
public sealed class JobProgressPublisher(
    JobStore store,
    JobProgressNotifier notifier,
    IHubContext<JobsHub, IJobsClient> hub,
    IOptions<JobRunnerOptions> options,
    TimeProvider time,
    ILogger<JobProgressPublisher> logger)
{
    /// <summary>Announces a job's current state (queued, running or finished).</summary>
    public Task PublishStateAsync(JobRecord job) => PublishAsync(JobUpdate.StateOf(job));

    /// <summary>
    /// An <see cref="IProgress{T}"/> for one run of <paramref name="job"/>: at most one message per
    /// <see cref="JobRunnerOptions.ProgressInterval"/> and one database write per
    /// <see cref="JobRunnerOptions.ProgressPersistInterval"/>, the latest report always going out. Dispose it when the
    /// handler returns; that persists the last report.
    /// </summary>
    internal JobProgressReporter StartReporting(JobRecord job) =>
        new(job, options.Value.ProgressInterval, options.Value.ProgressPersistInterval, PublishAsync, PersistAsync, time);

    internal async Task PublishAsync(JobUpdate update)
    {
        await notifier.NotifyAsync(update);
        try
        {
            await hub.Clients.Groups(JobsHub.GroupFor(update.JobId), JobsHub.AllGroup).JobUpdated(JobUpdateMessage.From(update));
        }
#pragma warning disable CA1031 // An unreachable hub client must not fail the job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not send the update of job {JobId} to the jobs hub.", update.JobId);
        }
    }

    private async Task PersistAsync(int jobId, JobProgress progress)
    {
        try
        {
            await store.ReportProgressAsync(jobId, progress);
        }
#pragma warning disable CA1031 // Progress is a nicety; a busy database must not fail the job.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "Could not save the progress of job {JobId}.", jobId);
        }
    }
}
