using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs;

/// <summary>
/// The database and job writes simulated and real runs make alike: completed seconds on the way, the result and the
/// job at the end, the reason when a run fails. Whatever cannot be written is logged; the run goes on or ends anyway.
/// </summary>
internal static class RunWrites
{
    /// <summary>Appends completed seconds; a busy database is logged, not thrown (the final result rewrites every second).</summary>
    public static async Task AppendSecondsAsync(RunHost host, int runId, IReadOnlyList<SecondAggregate> seconds)
    {
        if (seconds.Count == 0)
            return;
        try
        {
            await host.Store.AppendSecondsAsync(runId, seconds, CancellationToken.None);
        }
#pragma warning disable CA1031 // The final result rewrites every second; a busy database must not stop the run.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RunLog.SecondsNotSaved(host.Logger, ex, runId);
        }
    }

    /// <summary>Stores the ended run's result; false (logged) when it could not be stored.</summary>
    public static async Task<bool> StoreResultAsync(RunHost host, int runId, RunStatus status, RunResult result, IReadOnlyList<Injection> injections,
        IReadOnlyList<RunEvent> events, string? reason)
    {
        var saved = await host.Store.FinishAsync(runId, status, result, injections, events, reason, CancellationToken.None);
        if (!saved.IsOk)
            RunLog.ResultNotStored(host.Logger, runId, saved.Message);
        return saved.IsOk;
    }

    /// <summary>Marks the run's job succeeded with the run as its result, and tells the jobs page.</summary>
    public static async Task SucceedJobAsync(RunHost host, int runId, int jobId)
    {
        var job = await host.Jobs.SucceedAsync(jobId, JobResultKinds.Run, runId, CancellationToken.None);
        if (job.IsOk)
            await host.Publisher.PublishStateAsync(job.Value!);
        else
            RunLog.JobNotSucceeded(host.Logger, runId, jobId, job.Message);
    }

    /// <summary>
    /// Fails the run and its job with <paramref name="reason"/> and tells the live page; <paramref name="update"/> makes
    /// the run's last update once its status is failed.
    /// </summary>
    public static async Task FailAsync(RunHost host, int runId, int jobId, string reason, Func<Task<RunUpdate>> update)
    {
        try
        {
            await host.Store.FailAsync(runId, reason, CancellationToken.None);
            var job = await host.Jobs.FailAsync(jobId, reason, CancellationToken.None);
            if (job.IsOk)
                await host.Publisher.PublishStateAsync(job.Value!);
            await host.Notifier.NotifyAsync(await update());
        }
#pragma warning disable CA1031 // Last resort: the start-up recovery marks what could not be written here.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            RunLog.FailureNotRecorded(host.Logger, ex, runId);
        }
    }
}
