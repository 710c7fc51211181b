using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Tests.Runs;

namespace RoCoIn.Web.Tests.Hubs;

/// <summary>/hubs/runs through the official .NET SignalR client, against runs started through the API.</summary>
public class RunsHubTests : RunsTestBase
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    /// <summary>20 simulated seconds at 10 × real time (about 2 s of wall time), held at t = 0 until resumed.</summary>
    private static Dictionary<string, object?> QuickRealTimeRun(int planId, double speedFactor = 10) => new()
    {
        ["planId"] = planId,
        ["seed"] = 7,
        ["speed"] = "realtime",
        ["speedFactor"] = speedFactor,
        ["startPaused"] = true,
        ["settings"] = new { durationSeconds = 20, arrivals = new { kind = "poisson", ratePerSecond = 5 } },
    };

    [Fact]
    public async Task AClientThatJoinsGetsTheStateFirstThenEverySecondAndTheEnd()
    {
        var (_, runId, _) = await StartAsync(QuickRealTimeRun(await DemoPlanIdAsync()));
        await using var client = await HubClient.ConnectAsync(Factory, Ct);

        await client.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var messages = await client.ReadUntilAsync(m => m.Status == "finished", WaitLimit, Ct);

        var initial = messages[0];
        initial.IsInitial.ShouldBeTrue();
        initial.RunId.ShouldBe(runId);
        initial.Status.ShouldBe("paused");
        initial.Snapshot.ShouldNotBeNull().Devices.Count.ShouldBe(initial.Snapshot.DeviceCount);
        initial.Snapshot.Devices.ShouldAllBe(d => d.Name.Length > 0 && d.GroupNumber >= 1);
        var updates = messages.Skip(1).ToList();
        updates.ShouldNotBeEmpty();
        updates.ShouldAllBe(m => !m.IsInitial && m.RunId == runId);
        updates.Select(m => m.Sequence).ShouldBe(Enumerable.Range(1, updates.Count).Select(i => initial.Sequence + i));
        updates.ShouldContain(m => m.StateChanged && m.Status == "running");
        // Every second exactly once, in order.
        updates.SelectMany(m => m.Seconds).Select(s => s.Second).ShouldBe(Enumerable.Range(0, 20));
        updates.ShouldAllBe(m => m.SecondsOmitted == 0);

        var last = updates[^1];
        last.StateChanged.ShouldBeTrue();
        last.SecondsCompleted.ShouldBe(20);
        last.Snapshot.ShouldNotBeNull().Finished.ShouldBeTrue();
        var summary = last.Summary.ShouldNotBeNull();
        var stored = (await GetRunAsync(runId)).GetProperty("summary");
        summary.Sent.ShouldBe(stored.GetProperty("sent").GetInt64());
        summary.Served.ShouldBe(stored.GetProperty("served").GetInt64());
        summary.SuccessRate.ShouldBe(stored.GetProperty("successRate").GetDouble());
        summary.Sent.ShouldBe(updates.SelectMany(m => m.Seconds).Sum(s => s.Sent));
        updates.SelectMany(m => m.Events).ShouldContain(e => e.Kind == "end");
    }

    [Fact]
    public async Task TwoClientsOnTheSameRunGetTheSameUpdatesAndFinalState()
    {
        var (_, runId, _) = await StartAsync(QuickRealTimeRun(await DemoPlanIdAsync()));
        await using var first = await HubClient.ConnectAsync(Factory, Ct);
        await using var second = await HubClient.ConnectAsync(Factory, Ct);

        await first.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        await second.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var a = await first.ReadUntilAsync(m => m.Status == "finished", WaitLimit, Ct);
        var b = await second.ReadUntilAsync(m => m.Status == "finished", WaitLimit, Ct);

        // Both joined while paused, before any update: they get the same stream.
        a.Select(Json).ShouldBe(b.Select(Json));
        a[^1].Summary.ShouldNotBeNull();
        Json(a[^1]).ShouldBe(Json(b[^1]));
    }

    [Fact]
    public async Task AClientJoiningMidRunResumesWhereItsStateEnds()
    {
        // 5 s of wall time, so the run is still live when the client joins after 5 simulated seconds.
        var (_, runId, _) = await StartAsync(QuickRealTimeRun(await DemoPlanIdAsync(), speedFactor: 4));
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        await WaitForRunAsync(runId, r => r.GetProperty("live").ValueKind == JsonValueKind.Object
            && r.GetProperty("live").GetProperty("nowSeconds").GetDouble() >= 5, "5 simulated seconds");
        await using var late = await HubClient.ConnectAsync(Factory, Ct);

        await late.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        var messages = await late.ReadUntilAsync(m => m.Status == "finished", WaitLimit, Ct);

        var initial = messages[0];
        initial.IsInitial.ShouldBeTrue();
        initial.Status.ShouldBe("running");
        initial.Sequence.ShouldBeGreaterThan(0);
        initial.SecondsCompleted.ShouldBeGreaterThan(0);
        initial.Seconds.Count.ShouldBe(initial.SecondsCompleted - initial.SecondsOmitted);
        // The state's seconds and the updates' seconds join up: nothing missed, nothing twice.
        messages.SelectMany(m => m.Seconds).Select(s => s.Second).ShouldBe(Enumerable.Range(0, 20));
        messages.Skip(1).Select(m => m.Sequence).ShouldBe(Enumerable.Range(1, messages.Count - 1).Select(i => initial.Sequence + i));
    }

    [Fact]
    public async Task AFastRunsUpdatesStayWithinTheMessageBounds()
    {
        var body = new Dictionary<string, object?>
        {
            ["planId"] = await DemoPlanIdAsync(),
            ["seed"] = 2,
            ["startPaused"] = true,
            ["settings"] = new { durationSeconds = 1800, arrivals = new { kind = "poisson", ratePerSecond = 5 } },
        };
        var (_, runId, _) = await StartAsync(body);
        await using var client = await HubClient.ConnectAsync(Factory, Ct);

        await client.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var messages = await client.ReadUntilAsync(m => m.Status == "finished", WaitLimit, Ct);

        messages.ShouldAllBe(m => m.Seconds.Count <= RunUpdateMessage.MaxSeconds && m.Events.Count <= RunUpdateMessage.MaxEvents);
        var updates = messages.Skip(1).ToList();
        updates.Sum(m => m.Seconds.Count + m.SecondsOmitted).ShouldBe(1800);
        updates[^1].SecondsCompleted.ShouldBe(1800);
        // The last slice's update may carry the last seconds before the end's own update (which then has none).
        updates.Last(m => m.Seconds.Count > 0).Seconds[^1].Second.ShouldBe(1799);
        // Slices of a fast run complete many seconds between two updates: the oldest of them are counted, not sent.
        updates.ShouldContain(m => m.SecondsOmitted > 0);
    }

    [Fact]
    public async Task AClientJoiningAnEndedRunGetsItsStoredResult()
    {
        var (_, runId, _) = await StartAsync(ShortRun(await DemoPlanIdAsync()));
        await WaitForStatusAsync(runId, "finished");
        await using var client = await HubClient.ConnectAsync(Factory, Ct);

        await client.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct);
        var state = (await client.ReadUntilAsync(m => m.IsInitial, WaitLimit, Ct))[0];

        state.Status.ShouldBe("finished");
        state.SecondsCompleted.ShouldBe(20);
        state.Seconds.Select(s => s.Second).ShouldBe(Enumerable.Range(0, 20));
        state.Summary.ShouldNotBeNull().SimulatedSeconds.ShouldBe(20);
        state.EndSeconds.ShouldBe(20);
    }

    [Theory]
    [InlineData(4242, "Run 4242 does not exist.")]
    [InlineData(0, "Run 0 does not exist: run ids are whole numbers from 1.")]
    public async Task JoiningARunThatDoesNotExistFailsWithAClearMessage(int runId, string message)
    {
        await using var client = await HubClient.ConnectAsync(Factory, Ct);

        var error = await Should.ThrowAsync<HubException>(() => client.Connection.InvokeAsync(nameof(RunsHub.JoinRun), runId, Ct));

        error.Message.ShouldContain(message);
        client.Pending.ShouldBe(0);
    }

    private static string Json(RunUpdateMessage message) => JsonSerializer.Serialize(message);

    /// <summary>One hub connection through the test server, keeping every RunUpdated message it gets.</summary>
    private sealed class HubClient : IAsyncDisposable
    {
        private readonly Channel<RunUpdateMessage> _messages = Channel.CreateUnbounded<RunUpdateMessage>();

        private HubClient(HubConnection connection) => Connection = connection;

        public HubConnection Connection { get; }

        /// <summary>Messages received and not read yet.</summary>
        public int Pending => _messages.Reader.Count;

        public static async Task<HubClient> ConnectAsync(Infrastructure.StudioFactory factory, CancellationToken ct)
        {
            // TestServer has no WebSockets: long polling through its handler (stack-notes gotcha 14).
            var connection = new HubConnectionBuilder()
                .WithUrl(new Uri(factory.Server.BaseAddress, RunsHub.Path.TrimStart('/')), options =>
                {
                    options.Transports = HttpTransportType.LongPolling;
                    options.HttpMessageHandlerFactory = _ => factory.Server.CreateHandler();
                })
                .Build();
            var client = new HubClient(connection);
            connection.On<RunUpdateMessage>(nameof(IRunsClient.RunUpdated), m => client._messages.Writer.TryWrite(m));
            await connection.StartAsync(ct);
            return client;
        }

        /// <summary>Every message from the first not read yet up to the first that matches (bounded wait).</summary>
        public async Task<List<RunUpdateMessage>> ReadUntilAsync(Func<RunUpdateMessage, bool> match, TimeSpan limit, CancellationToken ct)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeout.CancelAfter(limit);
            var batch = new List<RunUpdateMessage>();
            try
            {
                while (true)
                {
                    var message = await _messages.Reader.ReadAsync(timeout.Token);
                    batch.Add(message);
                    if (match(message))
                        return batch;
                }
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new ShouldAssertException(
                    $"No matching message within {limit.TotalSeconds} s; got {batch.Count}: {string.Join(" | ", batch.Select(m => $"#{m.Sequence} {m.Status}"))}");
            }
        }

        public ValueTask DisposeAsync() => Connection.DisposeAsync();
    }
}
