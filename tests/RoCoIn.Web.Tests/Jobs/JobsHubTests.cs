using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.Jobs;

public class JobsHubTests : JobsTestBase
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);
    private readonly List<JobUpdateMessage> _received = [];

    [Fact]
    public async Task AClientThatJoinedAJobReceivesItsProgressAndItsEnd()
    {
        var messages = Channel.CreateUnbounded<JobUpdateMessage>();
        await using var connection = await ConnectAsync(messages);
        var id = await EnqueueScriptAsync("hub");

        await connection.InvokeAsync(nameof(JobsHub.JoinJob), id, Ct);
        await Script.WhenStartedAsync("hub");
        Script.Report("hub", new JobProgress(0.25, "A quarter"));
        var progress = await NextAsync(messages, m => m.JobId == id && !m.StateChanged && m.Progress == 0.25);
        Script.Finish("hub", new JobResult(JobResultKinds.Plan, 9));
        var finished = await NextAsync(messages, m => m.JobId == id && m.Status == "succeeded");

        progress.Status.ShouldBe("running");
        progress.Kind.ShouldBe("simulation");
        progress.Message.ShouldBe("A quarter");
        finished.StateChanged.ShouldBeTrue();
        finished.Progress.ShouldBe(1);
        finished.ResultKind.ShouldBe("plan");
        finished.ResultId.ShouldBe(9);
        finished.ResultUrl.ShouldBe("/api/plans/9");
    }

    [Fact]
    public async Task TheAllGroupGetsEveryStateChangeAndThrottledProgressEndingWithTheLatest()
    {
        var messages = Channel.CreateUnbounded<JobUpdateMessage>();
        await using var connection = await ConnectAsync(messages);
        await connection.InvokeAsync(nameof(JobsHub.JoinAll), Ct);

        var id = await EnqueueScriptAsync("burst");
        await Script.WhenStartedAsync("burst");
        for (var step = 1; step <= 20; step++)
            Script.Report("burst", JobProgress.Step(step, 20, $"Step {step} of 20"));
        var last = await NextAsync(messages, m => m.JobId == id && !m.StateChanged && m.Progress == 1);
        Script.Finish("burst", new JobResult(JobResultKinds.Plan, 1));
        await NextAsync(messages, m => m.JobId == id && m.Status == "succeeded");

        last.Message.ShouldBe("Step 20 of 20");
        _received.Where(m => m.JobId == id && m.StateChanged).Select(m => m.Status).ShouldBe(["queued", "running", "succeeded"]);
        // 20 reports in a burst: the first goes out, the rest wait out the 250 ms gap and only the latest is sent.
        _received.Count(m => m.JobId == id && !m.StateChanged).ShouldBeLessThanOrEqualTo(5);
    }

    [Fact]
    public async Task AClientThatLeftAJobGetsNoMoreOfIt()
    {
        var messages = Channel.CreateUnbounded<JobUpdateMessage>();
        await using var connection = await ConnectAsync(messages);
        var left = await EnqueueScriptAsync("left");
        await connection.InvokeAsync(nameof(JobsHub.JoinJob), left, Ct);
        await Script.WhenStartedAsync("left");
        await connection.InvokeAsync(nameof(JobsHub.LeaveJob), left, Ct);
        var watched = await EnqueueScriptAsync("watched");
        await connection.InvokeAsync(nameof(JobsHub.JoinJob), watched, Ct);

        Script.Finish("left", new JobResult(JobResultKinds.Plan, 1));
        await Script.WhenStartedAsync("watched");
        Script.Finish("watched", new JobResult(JobResultKinds.Plan, 2));
        await NextAsync(messages, m => m.JobId == watched && m.Status == "succeeded");

        // "left" finished before "watched" started, so its end would have arrived first had the client stayed.
        _received.ShouldNotContain(m => m.JobId == left && m.Status == "succeeded");
    }

    private async Task<HubConnection> ConnectAsync(Channel<JobUpdateMessage> messages)
    {
        // TestServer has no WebSockets: long polling through its handler (stack-notes gotcha 14).
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(Factory.Server.BaseAddress, JobsHub.Path.TrimStart('/')), options =>
            {
                options.Transports = HttpTransportType.LongPolling;
                options.HttpMessageHandlerFactory = _ => Factory.Server.CreateHandler();
            })
            .Build();
        connection.On<JobUpdateMessage>(nameof(IJobsClient.JobUpdated), m => messages.Writer.TryWrite(m));
        await connection.StartAsync(Ct);
        return connection;
    }

    /// <summary>Reads messages until one matches (bounded); every message read is kept in <see cref="_received"/>.</summary>
    private async Task<JobUpdateMessage> NextAsync(Channel<JobUpdateMessage> messages, Func<JobUpdateMessage, bool> match)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        timeout.CancelAfter(WaitLimit);
        try
        {
            while (true)
            {
                var message = await messages.Reader.ReadAsync(timeout.Token);
                _received.Add(message);
                if (match(message))
                    return message;
            }
        }
        catch (OperationCanceledException) when (!Ct.IsCancellationRequested)
        {
            throw new ShouldAssertException($"No matching hub message within {WaitLimit.TotalSeconds} s; got: {string.Join(", ", _received)}");
        }
    }
}
