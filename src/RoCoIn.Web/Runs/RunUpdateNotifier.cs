using RoCoIn.Web.Notifications;

namespace RoCoIn.Web.Runs;

/// <summary>
/// In-process news of every live run for Blazor components and the <c>/hubs/runs</c> forwarder, as
/// <see cref="Jobs.JobProgressNotifier"/> is for jobs. A stuck subscriber cannot stall the run's loop.
/// </summary>
public sealed class RunUpdateNotifier(ILogger<RunUpdateNotifier> logger) : InProcessNotifier<RunUpdate>(logger)
{
    protected override string Describe(RunUpdate update) => $"an update of run {update.RunId}";
}
