using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Web.Runs;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Runs;

/// <summary>Real-time runs on a manual clock: simulated time = wall-clock time × factor, and paused time does not count.</summary>
public class RealTimeRunTests : RunsTestBase
{
    private readonly ManualTimeProvider _clock;

    public RealTimeRunTests()
        : this(new ManualTimeProvider())
    {
    }

    private RealTimeRunTests(ManualTimeProvider clock)
        : base(new StudioFactory(seedDemoContent: true,
            configureServices: services => services.AddKeyedSingleton<TimeProvider>(RunHost.ClockKey, clock))) => _clock = clock;

    private Task<JsonElement> WaitForNowAsync(int runId, double seconds) =>
        WaitForRunAsync(runId, r => r.GetProperty("live").ValueKind == JsonValueKind.Object
            && Math.Abs(r.GetProperty("live").GetProperty("nowSeconds").GetDouble() - seconds) < 1e-9, $"simulated time {seconds} s");

    [Fact]
    public async Task SimulatedTimeIsWallClockTimesTheFactorAndPausedTimeDoesNotCount()
    {
        var planId = await DemoPlanIdAsync();
        var body = SlowRun(planId);
        body["speedFactor"] = 2.5;
        var (jobId, runId, _) = await StartAsync(body);
        await _clock.WaitForTimerAsync(Ct);

        _clock.Advance(TimeSpan.FromSeconds(1));
        await WaitForNowAsync(runId, 2.5);
        (await PostAsync($"/api/runs/{runId}/pause")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromSeconds(10));
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        _clock.Advance(TimeSpan.FromSeconds(0.4));
        await WaitForNowAsync(runId, 3.5);
        var stop = await PostAsync($"/api/runs/{runId}/stop");

        stop.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>(Ct);
        stopped.GetProperty("summary").GetProperty("simulatedSeconds").GetDouble().ShouldBe(3.5, 1e-9);
        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task ARealTimeRunEndsAtItsDuration()
    {
        var planId = await DemoPlanIdAsync();
        var body = SlowRun(planId);
        body["speedFactor"] = 100;
        body["settings"] = new { durationSeconds = 30, arrivals = new { kind = "poisson", ratePerSecond = 2 } };
        var (jobId, runId, _) = await StartAsync(body);
        await _clock.WaitForTimerAsync(Ct);

        _clock.Advance(TimeSpan.FromSeconds(1));

        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("succeeded");
        var run = await GetRunAsync(runId);
        run.GetProperty("status").GetString().ShouldBe("finished");
        run.GetProperty("secondsStored").GetInt32().ShouldBe(30);
    }
}
