using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Web.Tests.Runs;

public class RunReplayTests : RunsTestBase
{
    private async Task<(JsonElement Run, string Seconds)> EndedAsync(int jobId, int runId)
    {
        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("succeeded");
        return (await GetRunAsync(runId), await Client.GetStringAsync($"/api/runs/{runId}/seconds", Ct));
    }

    [Fact]
    public async Task AReplayWithTheRecordedInjectionsReproducesTheRunExactly()
    {
        var planId = await DemoPlanIdAsync();
        var body = ShortRun(planId, seed: 11);
        body["settings"] = new { durationSeconds = 50, arrivals = new { kind = "poisson", ratePerSecond = 4 }, jitterCoefficient = 0.2 };
        body["scenario"] = JsonSerializer.Deserialize<JsonElement>(ScenarioLibrary.RollingCrash.ToJson());
        body["startPaused"] = true;
        var (jobId, runId, _) = await StartAsync(body);
        for (var i = 0; i < 5; i++)
            (await PostAsync($"/api/runs/{runId}/step")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync($"/api/runs/{runId}/injections", new { action = "slow", groupNumber = 1, factor = 3 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        for (var i = 0; i < 3; i++)
            (await PostAsync($"/api/runs/{runId}/step")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync($"/api/runs/{runId}/injections", new { action = "restoreSpeed", groupNumber = 1 })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await PostAsync($"/api/runs/{runId}/resume")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (original, originalSeconds) = await EndedAsync(jobId, runId);

        var (replayJob, replayId, replayBody) = await StartAsync(new { }, $"/api/runs/{runId}/replay");
        var (replay, replaySeconds) = await EndedAsync(replayJob, replayId);

        replayBody.GetProperty("warnings").EnumerateArray().Single().GetString().ShouldBe($"Replay of run #{runId}.");
        original.GetProperty("injections").GetArrayLength().ShouldBe(2);
        original.GetProperty("injections")[0].GetProperty("atSeconds").GetDouble().ShouldBeGreaterThan(0);
        replay.GetProperty("injections").GetRawText().ShouldBe(original.GetProperty("injections").GetRawText());
        replay.GetProperty("summary").GetRawText().ShouldBe(original.GetProperty("summary").GetRawText());
        replaySeconds.ShouldBe(originalSeconds);
        replay.GetProperty("seed").GetInt64().ShouldBe(11);
        replay.GetProperty("scenario").GetRawText().ShouldBe(original.GetProperty("scenario").GetRawText());
        (await Client.GetStringAsync($"/api/runs/{replayId}/histogram", Ct)).ShouldBe(await Client.GetStringAsync($"/api/runs/{runId}/histogram", Ct));
        (await Client.GetStringAsync($"/api/runs/{replayId}/events", Ct)).ShouldBe(await Client.GetStringAsync($"/api/runs/{runId}/events", Ct));
    }

    [Fact]
    public async Task AReplayOfAStoppedRunStopsAtTheSameSimulatedTime()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(SlowRun(planId));
        await WaitForRunAsync(runId, r => r.GetProperty("live").GetProperty("nowSeconds").GetDouble() > 0.3, "some simulated time");
        (await PostAsync($"/api/runs/{runId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
        var (original, originalSeconds) = await EndedAsync(jobId, runId);

        var (replayJob, replayId, _) = await StartAsync(new { }, $"/api/runs/{runId}/replay");
        var (replay, replaySeconds) = await EndedAsync(replayJob, replayId);

        replay.GetProperty("status").GetString().ShouldBe("stopped");
        replay.GetProperty("speed").GetString().ShouldBe("fast");
        replay.GetProperty("summary").GetRawText().ShouldBe(original.GetProperty("summary").GetRawText());
        replaySeconds.ShouldBe(originalSeconds);
    }

    [Fact]
    public async Task ReplayTakesAnOptionalSpeed()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(jobId);

        var bad = await PostAsync($"/api/runs/{runId}/replay", new { speed = "realtime", speedFactor = 0 });
        var paused = await PostAsync($"/api/runs/{runId}/replay", new { startPaused = true });

        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(bad)).Keys.ShouldContain("speedFactor");
        paused.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var replayId = (await paused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt32();
        (await GetRunAsync(replayId)).GetProperty("status").GetString().ShouldBe("paused");
        (await PostAsync($"/api/runs/{replayId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
