using Microsoft.Extensions.Logging.Abstractions;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Tests.Notifications;

public class InProcessNotifierTests
{
    private static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    private static RunUpdateNotifier Notifier() => new(NullLogger<RunUpdateNotifier>.Instance);

    private static RunUpdate Update(int runId) =>
        new(runId, RoCoIn.Data.Stores.RunStatus.Running, new RoCoIn.Engine.Simulation.RunSnapshot(0, 0, 0, 0, false, null, null, []), 60, [], [],
            IsStateChange: false, Reason: null);

    [Fact]
    public async Task AStuckSubscriberDoesNotStallTheReporterOrTheOthers()
    {
        var notifier = Notifier();
        var received = new List<int>();
        using var stuck = notifier.Subscribe(_ => new TaskCompletionSource().Task);   // never completes
        using var healthy = notifier.Subscribe(u => { lock (received) received.Add(u.RunId); return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(1)).WaitAsync(TimeSpan.FromSeconds(30), Ct);
        await notifier.NotifyAsync(Update(2)).WaitAsync(TimeSpan.FromSeconds(30), Ct);

        received.ShouldBe([1, 2]);
    }

    [Fact]
    public async Task AFailingSubscriberIsLoggedAndTheOthersStillHear()
    {
        var notifier = Notifier();
        var heard = 0;
        using var failing = notifier.Subscribe(_ => throw new InvalidOperationException("broken page"));
        using var healthy = notifier.Subscribe(_ => { Interlocked.Increment(ref heard); return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(1));

        heard.ShouldBe(1);
    }

    [Fact]
    public async Task ADisposedSubscriptionHearsNothingMore()
    {
        var notifier = Notifier();
        var heard = 0;
        var subscription = notifier.Subscribe(_ => { heard++; return Task.CompletedTask; });

        await notifier.NotifyAsync(Update(1));
        subscription.Dispose();
        await notifier.NotifyAsync(Update(2));

        heard.ShouldBe(1);
    }
}
