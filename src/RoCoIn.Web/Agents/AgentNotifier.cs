namespace RoCoIn.Web.Agents;

/// <summary>
/// In-process news of agents and the local fleet, for pages and the coordinator (the shape of
/// <see cref="Jobs.JobProgressNotifier"/>). Callbacks run on background threads; components go through InvokeAsync.
/// </summary>
public sealed class AgentNotifier(ILogger<AgentNotifier> logger)
{
    private readonly Lock _lock = new();
    private readonly List<Subscription> _subscriptions = [];

    /// <summary>Calls <paramref name="callback"/> with every event until the returned handle is disposed.</summary>
    public IDisposable Subscribe(Func<AgentEvent, Task> callback)
    {
        ArgumentNullException.ThrowIfNull(callback);
        var subscription = new Subscription(this, callback);
        lock (_lock)
            _subscriptions.Add(subscription);
        return subscription;
    }

    /// <summary>Tells every subscriber in subscription order; a failing one is logged and does not stop the others.</summary>
    public Task NotifyAsync(AgentEvent agentEvent)
    {
        Subscription[] subscribers;
        lock (_lock)
            subscribers = [.. _subscriptions];
        return Task.WhenAll(subscribers.Select(s => InvokeAsync(s, agentEvent)));
    }

    private async Task InvokeAsync(Subscription subscription, AgentEvent agentEvent)
    {
        try
        {
            await subscription.Callback(agentEvent);
        }
#pragma warning disable CA1031 // A subscriber's failure must not reach the hub or the fleet that reported.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            logger.LogWarning(ex, "A subscriber failed on agent event {Kind} of device {DeviceId}.", agentEvent.Kind, agentEvent.DeviceId);
        }
    }

    private void Remove(Subscription subscription)
    {
        lock (_lock)
            _subscriptions.Remove(subscription);
    }

    private sealed class Subscription(AgentNotifier owner, Func<AgentEvent, Task> callback) : IDisposable
    {
        public Func<AgentEvent, Task> Callback { get; } = callback;

        public void Dispose() => owner.Remove(this);
    }
}
