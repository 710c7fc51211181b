using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Simulated runs are hosted by <see cref="RunHost"/>, never by the job runner (ADR-007). The runner only meets a
/// simulation job that was left queued when the studio stopped between storing the job and starting its run: this
/// handler fails it with a reason people can act on.
/// </summary>
internal sealed class OrphanedRunJobHandler : IJobHandler
{
    public JobKind Kind => JobKind.Simulation;

    public Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken) =>
        throw new InvalidOperationException("The studio stopped before this run started, so it never ran. Start the run again.");
}
