using RoCoIn.Web.Notifications;

namespace RoCoIn.Web.Jobs;

/// <summary>In-process news of every job for Blazor components; the hub gets the same through the publisher.</summary>
public sealed class JobProgressNotifier(ILogger<JobProgressNotifier> logger) : InProcessNotifier<JobUpdate>(logger)
{
    protected override string Describe(JobUpdate update) => $"the update of job {update.JobId}";
}
