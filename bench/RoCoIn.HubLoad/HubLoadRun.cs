using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.SignalR.Client;

namespace RoCoIn.HubLoad;

/// <summary>
/// One measurement: start (or pick) a live run, connect the clients and join them to it, wait out the warm-up, then
/// read the studio's CPU time at the start and the end of the window. Clients count the RunUpdated messages they get
/// inside the window and their JSON size.
/// </summary>
public sealed class HubLoadRun(HubLoadOptions options, TextWriter log)
{
    public async Task<HubLoadResult> RunAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = options.Url };
        var runId = options.RunId ?? await StartRunAsync(http, cancellationToken);
        var clients = new List<Client>();
        try
        {
            for (var i = 0; i < options.Clients; i++)
                clients.Add(await Client.ConnectAsync(new Uri(options.Url, "hubs/runs"), runId, cancellationToken));
            log.WriteLine($"run {runId}: {clients.Count} clients joined; warming up {options.WarmupSeconds} s");
            await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), cancellationToken);

            var loadBefore = ProcessCpu.LoadAverage();
            foreach (var client in clients)
                client.StartCounting();
            var harnessBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var serverBefore = ProcessCpu.Seconds(options.ServerPid);
            var clock = Stopwatch.StartNew();
            await Task.Delay(TimeSpan.FromSeconds(options.Seconds), cancellationToken);
            var serverAfter = ProcessCpu.Seconds(options.ServerPid);
            var wall = clock.Elapsed.TotalSeconds;
            var harnessAfter = Process.GetCurrentProcess().TotalProcessorTime;
            foreach (var client in clients)
                client.StopCounting();
            var loadAfter = ProcessCpu.LoadAverage();

            var messages = clients.Select(c => c.Messages).DefaultIfEmpty(0).ToList();
            var totalMessages = clients.Sum(c => c.Messages);
            var meanChars = totalMessages == 0 ? 0 : clients.Sum(c => c.Chars) / (double)totalMessages;
            return new HubLoadResult(runId, clients.Count, wall, serverAfter - serverBefore, (harnessAfter - harnessBefore).TotalSeconds,
                messages.Min(), messages.Max(), meanChars, loadBefore, loadAfter);
        }
        finally
        {
            foreach (var client in clients)
                await client.DisposeAsync();
            if (options.RunId is null && !options.KeepRun)
                await http.PostAsync($"api/runs/{runId}/stop", null, CancellationToken.None);
        }
    }

    private async Task<int> StartRunAsync(HttpClient http, CancellationToken cancellationToken)
    {
        // Long enough to outlast the warm-up and the window at the given speed.
        var duration = Math.Ceiling((options.WarmupSeconds + options.Seconds + 60) * options.SpeedFactor);
        var response = await http.PostAsJsonAsync("api/runs", new
        {
            planId = options.PlanId,
            seed = options.Seed,
            speed = "realtime",
            speedFactor = options.SpeedFactor,
            settings = new { durationSeconds = duration, arrivals = new { kind = "poisson", ratePerSecond = options.RatePerSecond } },
        }, cancellationToken);
        var body = await response.Content.ReadAsStringAsync(cancellationToken);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"The studio refused the run ({(int)response.StatusCode}): {body}");
        using var json = JsonDocument.Parse(body);
        return json.RootElement.GetProperty("runId").GetInt32();
    }

    /// <summary>One SignalR connection (WebSockets, as real clients use) joined to the run.</summary>
    private sealed class Client : IAsyncDisposable
    {
        private readonly HubConnection _connection;
        private volatile bool _counting;
        private long _messages;
        private long _chars;

        private Client(HubConnection connection) => _connection = connection;

        public long Messages => Interlocked.Read(ref _messages);
        public long Chars => Interlocked.Read(ref _chars);

        public static async Task<Client> ConnectAsync(Uri hub, int runId, CancellationToken cancellationToken)
        {
            var connection = new HubConnectionBuilder().WithUrl(hub).Build();
            var client = new Client(connection);
            connection.On<JsonElement>("RunUpdated", message =>
            {
                if (!client._counting)
                    return;
                Interlocked.Increment(ref client._messages);
                Interlocked.Add(ref client._chars, message.GetRawText().Length);
            });
            await connection.StartAsync(cancellationToken);
            await connection.InvokeAsync("JoinRun", runId, cancellationToken);
            return client;
        }

        public void StartCounting() => _counting = true;

        public void StopCounting() => _counting = false;

        public ValueTask DisposeAsync() => _connection.DisposeAsync();
    }
}
