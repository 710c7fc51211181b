using System.Text.Json;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Jobs;

/// <summary>What pages and endpoints call to start, cancel and place background jobs.</summary>
public sealed class JobService(JobStore store, JobQueue queue, JobProgressPublisher publisher)
{
    /// <summary>camelCase JSON, read case-insensitively: how job parameters are stored.</summary>
    public static JsonSerializerOptions ParameterJsonOptions => JsonSerializerOptions.Web;

    /// <summary>Stores a queued job with <paramref name="parameters"/> as camelCase JSON, queues it, and returns its id.</summary>
    public async Task<int> EnqueueAsync(JobKind kind, string title, object parameters, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(parameters);
        var json = JsonSerializer.Serialize(parameters, parameters.GetType(), ParameterJsonOptions);
        var id = await store.CreateAsync(kind, title, json, cancellationToken);
        // Announce it before the runner can pick it up, so listeners see queued before running.
        if (await store.GetAsync(id, CancellationToken.None) is { } job)
            await publisher.PublishStateAsync(job);
        queue.Enqueue(id);
        return id;
    }

    /// <summary>
    /// Cancels a job. A queued job is cancelled at once; a running job is signalled and becomes cancelled when its
    /// handler stops (the result is then the job still running). Not found for an unknown id; conflict, with the
    /// reason, for a job that has finished.
    /// </summary>
    public async Task<StoreResult<JobRecord>> CancelAsync(int id, CancellationToken cancellationToken = default)
    {
        if (queue.TryRemoveWaiting(id))
            return await CancelStoredAsync(id);
        if (queue.TryCancelRunning(id))
        {
            return await store.GetAsync(id, cancellationToken) is { } running
                ? StoreResult<JobRecord>.Ok(running)
                : StoreResult<JobRecord>.NotFound($"Job {id} does not exist.");
        }
        // Not in this process's line: unknown, finished, or queued and not re-queued (yet) after a restart.
        return await CancelStoredAsync(id);
    }

    /// <summary>A waiting job's place in line (running jobs count as ahead of it); null unless it is waiting.</summary>
    public int? QueuePosition(int id) => queue.Position(id);

    private async Task<StoreResult<JobRecord>> CancelStoredAsync(int id)
    {
        // Not the caller's token: once out of the line, the job must be recorded as cancelled.
        var result = await store.CancelAsync(id, CancellationToken.None);
        if (result.IsOk)
            await publisher.PublishStateAsync(result.Value!);
        return result;
    }
}
