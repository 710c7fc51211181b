using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;

namespace RoCoIn.ClassroomBench;

// dotnet build -c Release bench/RoCoIn.ClassroomBench && dotnet run -c Release --no-build --project bench/RoCoIn.ClassroomBench -- --followers 0,1,30
internal static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        var options = ClassroomBenchOptions.Parse(args);
        if (options is null)
        {
            Console.Error.WriteLine(ClassroomBenchOptions.Usage);
            return 2;
        }
        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var ct = cancel.Token;
        var log = Console.Error;
        var clock = Stopwatch.StartNew();
        var loadAtStart = Machine.LoadAverage();
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        var rows = new List<WindowResult>();
        int runId;
        string code;

        await using (var studio = await StudioProcess.StartAsync(options.WebAssembly ?? StudioProcess.SameConfigurationWeb(), http, log, ct))
        {
            log.WriteLine($"studio pid {studio.Pid} on {studio.BaseUrl}, ready after {clock.Elapsed.TotalSeconds:0.0} s");
            var api = new StudioApi(http, studio.BaseUrl);
            var planId = await api.FirstPlanIdAsync(ct);
            // Long enough for every window; stopped through the API once the last one is measured.
            runId = await api.StartRealTimeRunAsync(planId, options.RatePerSecond, durationSeconds: 3600, ct);
            await api.WaitForStatusAsync(runId, "running", ct);
            var joinUrl = await api.OpenClassroomAsync(runId, ct);
            code = joinUrl[(joinUrl.LastIndexOf('/') + 1)..];
            log.WriteLine($"run {runId} of plan {planId} live in real time ×1, Poisson {options.RatePerSecond} /s; class code {code}");

            Followers? followers = null;
            try
            {
                // The run's loop and database writes are compiled and tiered before the first window.
                await Task.Delay(TimeSpan.FromSeconds(options.WarmupSeconds), ct);
                foreach (var count in options.Followers)
                {
                    var opening = Stopwatch.StartNew();
                    var first = count > 0 && followers is null;
                    if (count > 0)
                        followers ??= await Followers.LaunchAsync();
                    while (followers is not null && followers.Count < count)
                        await followers.AddAsync(studio.BaseUrl + joinUrl);
                    var openSeconds = opening.Elapsed.TotalSeconds;
                    // The first pages bring the rendering path through JIT and tiering; later windows would not pay that.
                    var wait = options.SettleSeconds + (first ? options.WarmupSeconds : 0);
                    log.WriteLine($"{count} follower(s) on the run ({openSeconds:0.0} s to open); waiting {wait} s");
                    await Task.Delay(TimeSpan.FromSeconds(wait), ct);
                    var loadBefore = Machine.LoadAverage();
                    var studioCpu = studio.CpuTime;
                    var browserCpu = Machine.DescendantCpuSeconds(studio.Pid);
                    var fromMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    var window = Stopwatch.StartNew();
                    await Task.Delay(TimeSpan.FromSeconds(options.WindowSeconds), ct);
                    var wall = window.Elapsed.TotalSeconds;
                    var studioSeconds = (studio.CpuTime - studioCpu).TotalSeconds;
                    var browserSeconds = Machine.DescendantCpuSeconds(studio.Pid) - browserCpu;
                    var toMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
                    var loadAfter = Machine.LoadAverage();

                    var pages = followers is null ? [] : await followers.CollectAsync(fromMs, toMs);
                    if (!await api.IsLiveAsync(runId, ct))
                        throw new InvalidOperationException($"Run {runId} ended during the window of {count} followers.");
                    var row = new WindowResult(count, wall, studioSeconds, browserSeconds, pages, openSeconds, loadBefore, loadAfter);
                    rows.Add(row);
                    log.WriteLine(row.ToMarkdownRow());
                    if (pages.Count > 0)
                        log.WriteLine("updates seen per page: " + string.Join(' ', pages.Select(p => p.DelaysMs.Length)));
                }
            }
            finally
            {
                if (followers is not null)
                    await followers.DisposeAsync();
                await api.StopAsync(runId, CancellationToken.None);
            }
        }

        var command = "dotnet run -c Release --no-build --project bench/RoCoIn.ClassroomBench --" + (args.Length == 0 ? "" : " " + string.Join(' ', args));
        Report.Write(Console.Out, command, options, runId, code, loadAtStart, Machine.LoadAverage(), clock.Elapsed, rows);
        return 0;
    }
}

/// <summary>The few API calls the harness makes.</summary>
internal sealed class StudioApi(HttpClient http, string baseUrl)
{
    public async Task<int> FirstPlanIdAsync(CancellationToken ct) =>
        (await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/plans", ct))[0].GetProperty("id").GetInt32();

    public async Task<int> StartRealTimeRunAsync(int planId, double ratePerSecond, int durationSeconds, CancellationToken ct)
    {
        using var response = await http.PostAsJsonAsync($"{baseUrl}/api/runs", new
        {
            planId,
            seed = 1,
            speed = "realtime",
            speedFactor = 1,
            settings = new { durationSeconds, arrivals = new { kind = "poisson", ratePerSecond } },
        }, ct);
        return (await ReadAsync(response, ct)).GetProperty("runId").GetInt32();
    }

    public async Task<string> OpenClassroomAsync(int runId, CancellationToken ct)
    {
        using var response = await http.PostAsync($"{baseUrl}/api/runs/{runId}/classroom", null, ct);
        return (await ReadAsync(response, ct)).GetProperty("joinUrl").GetString()!;
    }

    public async Task WaitForStatusAsync(int runId, string status, CancellationToken ct)
    {
        var deadline = Stopwatch.StartNew();
        while ((await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/runs/{runId}", ct)).GetProperty("status").GetString() != status)
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
                throw new TimeoutException($"Run {runId} did not become {status} within 60 s.");
            await Task.Delay(100, ct);   // poll interval
        }
    }

    public async Task<bool> IsLiveAsync(int runId, CancellationToken ct) =>
        (await http.GetFromJsonAsync<JsonElement>($"{baseUrl}/api/runs/{runId}", ct)).GetProperty("status").GetString() is "running" or "paused";

    public async Task StopAsync(int runId, CancellationToken ct)
    {
        using var response = await http.PostAsync($"{baseUrl}/api/runs/{runId}/stop", null, ct);
    }

    private static async Task<JsonElement> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri} answered {(int)response.StatusCode}: {body}");
        return JsonSerializer.Deserialize<JsonElement>(body);
    }
}
