using Microsoft.AspNetCore.SignalR;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Hubs;

/// <summary>
/// /hubs/runs: live runs for scripts and outside dashboards, a group per run. <see cref="JoinRun"/> sends the run's
/// state first and then every update, in order; after a reconnect (a new connection id) join again to resume.
/// Studio pages use <see cref="RunUpdateNotifier"/> instead.
/// </summary>
public sealed class RunsHub(RunHubForwarder forwarder) : Hub<IRunsClient>
{
    public const string Path = "/hubs/runs";

    public static string GroupFor(int runId) => $"run:{runId}";

    /// <summary>
    /// Receive <see cref="IRunsClient.RunUpdated"/> for one run: its state now, then its updates. Fails with a
    /// <see cref="HubException"/> naming the problem when the run does not exist.
    /// </summary>
    public async Task JoinRun(int runId)
    {
        if (runId < 1)
            throw new HubException($"Run {runId} does not exist: run ids are whole numbers from 1.");
        var error = await forwarder.JoinAsync(Context.ConnectionId, runId, Context.ConnectionAborted);
        if (error is not null)
            throw new HubException(error);
    }

    /// <summary>Stop receiving a run's updates (nothing happens for a run not joined).</summary>
    public Task LeaveRun(int runId) => Groups.RemoveFromGroupAsync(Context.ConnectionId, GroupFor(runId));
}
