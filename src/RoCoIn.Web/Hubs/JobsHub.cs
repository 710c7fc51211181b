using Microsoft.AspNetCore.SignalR;

namespace RoCoIn.Web.Hubs;

/// <summary>
/// /hubs/jobs: job progress for scripts, agents and outside dashboards. Join one job's group, or the group of all
/// jobs (joining both sends each message twice). Studio pages use <see cref="Jobs.JobProgressNotifier"/> instead.
/// </summary>
public sealed class JobsHub : Hub<IJobsClient>
{
    public const string Path = "/hubs/jobs";
    public const string AllGroup = "all";

    public static string GroupFor(int jobId) => $"job:{jobId}";

    /// <summary>Receive <see cref="IJobsClient.JobUpdated"/> for one job.</summary>
    public Task JoinJob(int jobId) => Groups.AddToGroupAsync(Context.ConnectionId, GroupFor(jobId));

    public Task LeaveJob(int jobId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupFor(jobId));

    /// <summary>Receive <see cref="IJobsClient.JobUpdated"/> for every job.</summary>
    public Task JoinAll() => Groups.AddToGroupAsync(Context.ConnectionId, AllGroup);

    public Task LeaveAll() => Groups.RemoveFromGroupAsync(Context.ConnectionId, AllGroup);
}
