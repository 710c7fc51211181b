namespace RoCoIn.Web.Notifications;

/// <summary>
/// In-process news for Blazor components and services (a component's circuit already is a SignalR connection, so
/// pages do not use the hubs). Callbacks run on the reporter's background thread: components go through
/// <c>InvokeAsync</c>. One failing or stuck subscriber never stops the others or the reporter.
/// </summary>
/// <typeparam name="TUpdate">What is reported.</typeparam>
public abstract class InProcessNotifier<TUpdate>(ILogger logger)
{
    /// <summary>
    /// Longest a reporter waits for one subscriber. A stuck subscriber (e.g. a pre-rendered page whose services were
    /// disposed) must not stall a job, a run or the agent hub; past this the reporter goes on and the subscriber
    /// finishes on its own.
    /// </summary>
    public static readonly TimeSpan SubscriberTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> with every update until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<TUpdate, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new Subscription(this, callback);
        lock (_lock)
            _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Tells every subscriber at once and waits for each at most <see cref="SubscriberTimeout"/>.</summary>
    public Task NotifyAsync(TUpdate update)
    {
        Subscription[] subscribers;
        lock (_lock)
            subscribers = [.. _subscriptions];
        return subscribers.Length == 0 ? Task.CompletedTask : Task.WhenAll(subscribers.Select(s => InvokeAsync(s, update)));
    }

    /// <summary>The update in words for the log, e.g. "the update of job 3".</summary>
    protected abstract string Describe(TUpdate update);

    private async Task InvokeAsync(Subscription subscription, TUpdate update)
    {
        try
        {
            await subscription.Callback(update).WaitAsync(SubscriberTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("A subscriber took longer than {Timeout} on {Update}; the reporter went on without it.",
                SubscriberTimeout, Describe(update));
        }
#pragma warning disable CA1031 // A subscriber's failure must not reach the job, run or hub that reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A subscriber failed on {Update}.", Describe(update));
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
            _subscriptions.Remove(subscription);
    }

    private sealed class Subscription(InProcessNotifier<TUpdate> owner, Func<TUpdate, Task> callback) : IDisposable
    {
        public Func<TUpdate, Task> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
