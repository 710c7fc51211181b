namespace RoCoIn.Web.Jobs;

/// <summary>
/// In-process news of every job for Blazor components (their circuit already is a SignalR connection, so they do not
/// use the hub). Callbacks run on background threads: components go through <c>InvokeAsync</c>.
/// </summary>
public sealed class JobProgressNotifier(ILogger<JobProgressNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> with every update until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<JobUpdate, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new Subscription(this, callback);
        lock (_lock)
            _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Tells every subscriber, at once; a failing subscriber is logged and does not stop the others.</summary>
    public Task NotifyAsync(JobUpdate update)
    {
        Subscription[] subscribers;
        lock (_lock)
            subscribers = [.. _subscriptions];
        return Task.WhenAll(subscribers.Select(s => InvokeAsync(s, update)));
    }

    private async Task InvokeAsync(Subscription subscription, JobUpdate update)
    {
        try
        {
            await subscription.Callback(update);
        }
#pragma warning disable CA1031 // A page's failure must not reach the job that reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A subscriber failed on the update of job {JobId}.", update.JobId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
            _subscriptions.Remove(subscription);
    }

    private sealed class Subscription(JobProgressNotifier owner, Func<JobUpdate, Task> callback) : IDisposable
    {
        public Func<JobUpdate, Task> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
