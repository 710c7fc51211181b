using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Tests.Runs;

public class RunControlTests : RunsTestBase
{
    [Fact]
    public async Task APausedRunStepsOneRequestAtATimeThenResumesToItsEnd()
    {
        var planId = await DemoPlanIdAsync();
        var body = ShortRun(planId);
        body["startPaused"] = true;
        var (jobId, runId, _) = await StartAsync(body);
        var paused = await GetRunAsync(runId);

        var first = await PostAsync($"/api/runs/{runId}/step");
        var second = await PostAsync($"/api/runs/{runId}/step");
        var resumed = await PostAsync($"/api/runs/{runId}/resume");

        paused.GetProperty("status").GetString().ShouldBe("paused");
        paused.GetProperty("live").GetProperty("nowSeconds").GetDouble().ShouldBe(0);
        paused.GetProperty("live").GetProperty("endSeconds").GetDouble().ShouldBe(20);
        first.StatusCode.ShouldBe(HttpStatusCode.OK, await first.Content.ReadAsStringAsync(Ct));
        var trace = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        trace.GetProperty("requestId").GetInt64().ShouldBe(1);
        trace.GetProperty("members").GetArrayLength().ShouldBeGreaterThan(0);
        trace.GetProperty("members")[0].GetProperty("outcome").ValueKind.ShouldBe(JsonValueKind.String);
        (await second.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("requestId").GetInt64().ShouldBe(2);
        resumed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await resumed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("running");
        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("succeeded");
        var run = await GetRunAsync(runId);
        run.GetProperty("status").GetString().ShouldBe("finished");
        run.GetProperty("secondsStored").GetInt32().ShouldBe(20);
    }

    [Fact]
    public async Task ControlsAnswer409InTheWrongStateWithAClearDetail()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(SlowRun(planId));

        var stepWhileRunning = await PostAsync($"/api/runs/{runId}/step");
        var resumeWhileRunning = await PostAsync($"/api/runs/{runId}/resume");
        var pause = await PostAsync($"/api/runs/{runId}/pause");
        var pauseAgain = await PostAsync($"/api/runs/{runId}/pause");
        var step = await PostAsync($"/api/runs/{runId}/step");
        var stop = await PostAsync($"/api/runs/{runId}/stop");
        var stepAfterStop = await PostAsync($"/api/runs/{runId}/step");
        var injectAfterStop = await PostAsync($"/api/runs/{runId}/injections", new { action = "crash", groupNumber = 1 });
        var stopAgain = await PostAsync($"/api/runs/{runId}/stop");

        stepWhileRunning.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(stepWhileRunning)).ShouldContain("pause it before stepping");
        resumeWhileRunning.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        pause.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await pause.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("paused");
        pauseAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        step.StatusCode.ShouldBe(HttpStatusCode.OK, await step.Content.ReadAsStringAsync(Ct));
        stop.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stopped = await stop.Content.ReadFromJsonAsync<JsonElement>(Ct);
        stopped.GetProperty("status").GetString().ShouldBe("stopped");
        stopped.GetProperty("reason").GetString().ShouldBe("Stopped by the operator.");
        stopped.GetProperty("summary").GetProperty("sent").GetInt64().ShouldBeGreaterThanOrEqualTo(1);
        stepAfterStop.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(stepAfterStop)).ShouldContain("was stopped");
        injectAfterStop.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        stopAgain.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var job = await WaitForJobAsync(jobId);
        job.GetProperty("status").GetString().ShouldBe("succeeded");
        job.GetProperty("resultId").GetInt32().ShouldBe(runId);
        (await Client.GetAsync($"/api/runs/{runId}/histogram", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task ALiveRunShowsItsSnapshotAndRefusesWhatNeedsAnEnd()
    {
        var planId = await DemoPlanIdAsync();
        var (_, runId, _) = await StartAsync(SlowRun(planId));

        var run = await GetRunAsync(runId);
        var histogram = await Client.GetAsync($"/api/runs/{runId}/histogram", Ct);
        var export = await Client.GetAsync($"/api/runs/{runId}/export?format=csv", Ct);
        var delete = await Client.DeleteAsync($"/api/runs/{runId}", Ct);
        var replay = await PostAsync($"/api/runs/{runId}/replay");
        var listed = (await Client.GetFromJsonAsync<JsonElement>("/api/runs", Ct))[0];

        run.GetProperty("status").GetString().ShouldBe("running");
        var live = run.GetProperty("live");
        live.GetProperty("endSeconds").GetDouble().ShouldBe(600);
        live.GetProperty("snapshot").GetProperty("devices").GetArrayLength()
            .ShouldBe(run.GetProperty("topology").GetProperty("groups").EnumerateArray().Sum(g => g.GetProperty("members").GetArrayLength()));
        run.GetProperty("summary").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("speed").GetString().ShouldBe("realtime");
        run.GetProperty("speedFactor").GetDouble().ShouldBe(1);
        histogram.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        export.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        delete.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(delete)).ShouldContain("stop it before deleting");
        replay.StatusCode.ShouldBe(HttpStatusCode.Conflict, await replay.Content.ReadAsStringAsync(Ct));
        listed.GetProperty("status").GetString().ShouldBe("running");
        (await PostAsync($"/api/runs/{runId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task InjectionsTargetADeviceByNameOrIdOrAGroupByNumberAndAreRecorded()
    {
        var planId = await DemoPlanIdAsync();
        var (_, runId, _) = await StartAsync(SlowRun(planId, startPaused: true));
        var topology = (await GetRunAsync(runId)).GetProperty("topology");
        var member = topology.GetProperty("groups")[0].GetProperty("members")[0];
        var name = member.GetProperty("name").GetString()!;

        var byName = await PostAsync($"/api/runs/{runId}/injections", new { action = "crash", deviceName = name.ToUpperInvariant() });
        var byGroup = await PostAsync($"/api/runs/{runId}/injections", new { action = "slow", groupNumber = 1, factor = 3 });
        var byId = await PostAsync($"/api/runs/{runId}/injections", new { action = "recover", deviceId = member.GetProperty("deviceId").GetInt32() });

        byName.StatusCode.ShouldBe(HttpStatusCode.OK, await byName.Content.ReadAsStringAsync(Ct));
        var crash = await byName.Content.ReadFromJsonAsync<JsonElement>(Ct);
        crash.GetProperty("action").GetString().ShouldBe("crash");
        crash.GetProperty("deviceName").GetString().ShouldBe(name);
        crash.GetProperty("atSeconds").GetDouble().ShouldBe(0);
        var slow = await byGroup.Content.ReadFromJsonAsync<JsonElement>(Ct);
        slow.GetProperty("groupNumber").GetInt32().ShouldBe(1);
        slow.GetProperty("factor").GetDouble().ShouldBe(3);
        byId.StatusCode.ShouldBe(HttpStatusCode.OK);
        var run = await GetRunAsync(runId);
        run.GetProperty("injections").EnumerateArray().Select(i => i.GetProperty("action").GetString()).ShouldBe(["crash", "slow", "recover"]);
        var events = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/events", Ct);
        events.EnumerateArray().Count(e => e.GetProperty("kind").GetString() == "injection").ShouldBe(3);
        (await PostAsync($"/api/runs/{runId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Theory]
    [InlineData("""{ "action": "crash", "deviceName": "nobody" }""", "injection.deviceName")]
    [InlineData("""{ "action": "crash", "deviceId": 4242 }""", "injection.deviceId")]
    [InlineData("""{ "action": "crash", "groupNumber": 99 }""", "injection.groupNumber")]
    [InlineData("""{ "action": "crash", "groupNumber": 0 }""", "injection.groupNumber")]
    [InlineData("""{ "action": "crash" }""", "injection")]
    [InlineData("""{ "action": "crash", "groupNumber": 1, "deviceId": 1 }""", "injection")]
    [InlineData("""{ "action": "explode", "groupNumber": 1 }""", "injection.action")]
    [InlineData("""{ "groupNumber": 1 }""", "injection.action")]
    [InlineData("""{ "action": "slow", "groupNumber": 1, "factor": 0.5 }""", "injection.factor")]
    [InlineData("""{ "action": "degradeLink", "groupNumber": 1, "factor": 0.5, "lossProbability": 2 }""", "injection.lossProbability")]
    public async Task ABadInjectionIs400NamingTheFieldAndChangesNothing(string body, string field)
    {
        var planId = await DemoPlanIdAsync();
        var (_, runId, _) = await StartAsync(SlowRun(planId, startPaused: true));

        var response = await Client.PostAsync($"/api/runs/{runId}/injections",
            new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
        (await GetRunAsync(runId)).GetProperty("injections").GetArrayLength().ShouldBe(0);
        (await PostAsync($"/api/runs/{runId}/stop")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task CancellingTheRunsJobStopsTheRun()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(SlowRun(planId));

        var cancel = await PostAsync($"/api/jobs/{jobId}/cancel");

        cancel.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        var run = await WaitForStatusAsync(runId, "stopped");
        run.GetProperty("reason").GetString()!.ShouldContain("job was cancelled");
        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("cancelled");
    }

    [Fact]
    public async Task TheLiveNotifierTellsOfStateChangesAndProgress()
    {
        var notifier = Microsoft.Extensions.DependencyInjection.ServiceProviderServiceExtensions
            .GetRequiredService<Web.Runs.RunUpdateNotifier>(Factory.Services);
        var updates = new List<Web.Runs.RunUpdate>();
        using var subscription = notifier.Subscribe(update =>
        {
            lock (updates)
                updates.Add(update);
            return Task.CompletedTask;
        });
        var planId = await DemoPlanIdAsync();

        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(jobId);

        List<Web.Runs.RunUpdate> mine;
        lock (updates)
            mine = updates.Where(u => u.RunId == runId).ToList();
        mine[0].Status.ShouldBe(RunStatus.Running);
        mine[0].IsStateChange.ShouldBeTrue();
        mine[^1].Status.ShouldBe(RunStatus.Finished);
        mine[^1].IsStateChange.ShouldBeTrue();
        mine[^1].Snapshot.Finished.ShouldBeTrue();
        mine.SelectMany(u => u.NewSeconds).Select(s => s.Second).ShouldBe(Enumerable.Range(0, 20));
        mine.SelectMany(u => u.NewEvents).ShouldContain(e => e.Kind == "end");
    }
}
