namespace RoCoIn.Web.Runs;

/// <summary>
/// In-process news of every live run for Blazor components, as <c>JobProgressNotifier</c> is for jobs. Callbacks run
/// on the run's background thread: components go through <c>InvokeAsync</c>, and must not block.
/// </summary>
public sealed class RunUpdateNotifier(ILogger<RunUpdateNotifier> logger)
{
    /// <summary>
    /// Longest a run waits for one subscriber. A stuck subscriber (e.g. a pre-rendered page whose services were
    /// disposed) must not stall the run's loop; past this the run goes on and the subscriber finishes on its own.
    /// </summary>
    public static readonly TimeSpan SubscriberTimeout = TimeSpan.FromSeconds(1);

    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> with every update until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<RunUpdate, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new Subscription(this, callback);
        lock (_lock)
            _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Tells every subscriber; a failing subscriber is logged and does not stop the others or the run.</summary>
    public Task NotifyAsync(RunUpdate update)
    {
        Subscription[] subscribers;
        lock (_lock)
            subscribers = [.. _subscriptions];
        return subscribers.Length == 0 ? Task.CompletedTask : Task.WhenAll(subscribers.Select(s => InvokeAsync(s, update)));
    }

    private async Task InvokeAsync(Subscription subscription, RunUpdate update)
    {
        try
        {
            await subscription.Callback(update).WaitAsync(SubscriberTimeout);
        }
        catch (TimeoutException)
        {
            logger.LogWarning("A subscriber took longer than {Timeout} on an update of run {RunId}; the run went on without it.",
                SubscriberTimeout, update.RunId);
        }
#pragma warning disable CA1031 // A page's failure must not reach the run that reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A subscriber failed on an update of run {RunId}.", update.RunId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
            _subscriptions.Remove(subscription);
    }

    private sealed class Subscription(RunUpdateNotifier owner, Func<RunUpdate, Task> callback) : IDisposable
    {
        public Func<RunUpdate, Task> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
