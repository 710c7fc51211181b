using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// Runs the jobs of one <see cref="JobKind"/>. Register it with <c>AddScoped&lt;IJobHandler, MyHandler&gt;()</c> (or
/// AddSingleton); the runner resolves it by <see cref="Kind"/> inside a DI scope of its own per job, and calls
/// <see cref="RunAsync"/> on a thread-pool thread.
/// </summary>
public interface IJobHandler
{
    /// <summary>The kind of job this handler runs; one handler per kind (the last registered wins).</summary>
    JobKind Kind { get; }

    /// <summary>
    /// Does the work, reports progress through <see cref="JobContext.Progress"/> and returns what it made.
    /// Throw to fail the job: the exception's message becomes the job's reason, so make it readable.
    /// Honour <paramref name="cancellationToken"/> (throw <see cref="OperationCanceledException"/>) to let users cancel.
    /// </summary>
    Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken);
}
