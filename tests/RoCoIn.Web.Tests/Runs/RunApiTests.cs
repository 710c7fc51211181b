using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Web.Tests.Runs;

public class RunApiTests : RunsTestBase
{
    [Fact]
    public async Task AFastRunToCompletionStoresOneRowPerSimulatedSecondAndASummary()
    {
        var planId = await DemoPlanIdAsync();

        var (jobId, runId, body) = await StartAsync(ShortRun(planId));

        body.GetProperty("warnings").GetArrayLength().ShouldBe(0);
        var job = await WaitForJobAsync(jobId);
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.GetRawText());
        job.GetProperty("kind").GetString().ShouldBe("simulation");
        job.GetProperty("resultKind").GetString().ShouldBe("run");
        job.GetProperty("resultUrl").GetString().ShouldBe($"/api/runs/{runId}");
        job.GetProperty("parameters").GetProperty("runId").GetInt32().ShouldBe(runId);
        var run = await GetRunAsync(runId);
        run.GetProperty("status").GetString().ShouldBe("finished");
        run.GetProperty("kind").GetString().ShouldBe("simulated");
        run.GetProperty("strategy").GetString().ShouldBe("RoCoIn");
        run.GetProperty("seed").GetInt64().ShouldBe(3);
        run.GetProperty("jobId").GetInt32().ShouldBe(jobId);
        run.GetProperty("secondsStored").GetInt32().ShouldBe(20);
        run.GetProperty("live").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("settings").GetProperty("arrivals").GetProperty("kind").GetString().ShouldBe("poisson");
        var summary = run.GetProperty("summary");
        summary.GetProperty("simulatedSeconds").GetDouble().ShouldBe(20);
        summary.GetProperty("sent").GetInt64().ShouldBeGreaterThan(0);
        summary.GetProperty("successRate").GetDouble().ShouldBeInRange(0, 1);
        // The demo plan has a distilled model set whose partitions are its groups: accuracy is measured.
        summary.GetProperty("accuracy").ValueKind.ShouldBe(JsonValueKind.Number);
        run.GetProperty("topology").GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);

        var seconds = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/seconds", Ct);
        seconds.EnumerateArray().Select(s => s.GetProperty("second").GetInt32()).ShouldBe(Enumerable.Range(0, 20));
        seconds.EnumerateArray().Sum(s => s.GetProperty("sent").GetInt64()).ShouldBe(summary.GetProperty("sent").GetInt64());
        var range = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/seconds?from=5&to=7", Ct);
        range.EnumerateArray().Select(s => s.GetProperty("second").GetInt32()).ShouldBe([5, 6, 7]);
        var histogram = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/histogram", Ct);
        histogram.EnumerateArray().Sum(b => b.GetProperty("count").GetInt64()).ShouldBe(summary.GetProperty("served").GetInt64());
        var events = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/events", Ct);
        events.EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "end");
    }

    [Fact]
    public async Task ListShowsRunsNewestFirstWithTheirPlansName()
    {
        var planId = await DemoPlanIdAsync();
        var (firstJob, first, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(firstJob);
        var (secondJob, second, _) = await StartAsync(ShortRun(planId, seed: 4));
        await WaitForJobAsync(secondJob);

        var list = await Client.GetFromJsonAsync<JsonElement>("/api/runs", Ct);
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/runs?skip=1&take=1", Ct);
        var bad = await Client.GetAsync("/api/runs?take=0", Ct);

        list.EnumerateArray().Select(r => r.GetProperty("id").GetInt32()).ShouldBe([second, first]);
        list[0].GetProperty("planName").GetString().ShouldNotBeNullOrEmpty();
        list[0].GetProperty("status").GetString().ShouldBe("finished");
        list[0].GetProperty("successRate").ValueKind.ShouldBe(JsonValueKind.Number);
        page.EnumerateArray().Single().GetProperty("id").GetInt32().ShouldBe(first);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(bad)).Keys.ShouldContain("take");
    }

    [Theory]
    [InlineData("""{ "planId": 4242 }""", "planId")]
    [InlineData("""{ }""", "planId")]
    [InlineData("""{ "planId": PLAN, "settings": { "arrivals": { "ratePerSecond": -1 } } }""", "settings.arrivals.ratePerSecond")]
    [InlineData("""{ "planId": PLAN, "settings": { "arrivals": { "kind": "closedLoop", "concurrency": 0 } } }""", "settings.arrivals.concurrency")]
    [InlineData("""{ "planId": PLAN, "settings": { "arrivals": { "kind": "bursty" } } }""", "settings.arrivals.kind")]
    [InlineData("""{ "planId": PLAN, "settings": { "durationSeconds": 0 } }""", "settings.durationSeconds")]
    [InlineData("""{ "planId": PLAN, "settings": { "durationSeconds": 1e9 } }""", "settings.durationSeconds")]
    [InlineData("""{ "planId": PLAN, "settings": { "maxRequests": 0 } }""", "settings.maxRequests")]
    [InlineData("""{ "planId": PLAN, "settings": { "mode": "lenient" } }""", "settings.mode")]
    [InlineData("""{ "planId": PLAN, "settings": { "jitterCoefficient": 11 } }""", "settings.jitterCoefficient")]
    [InlineData("""{ "planId": PLAN, "settings": { "autoAbort": { "minSuccessRate": 2, "windowSeconds": 5 } } }""", "settings.autoAbort.minSuccessRate")]
    [InlineData("""{ "planId": PLAN, "settings": { "autoAbort": { "minSuccessRate": 0.5 } } }""", "settings.autoAbort.windowSeconds")]
    [InlineData("""{ "planId": PLAN, "settings": { "durationSeconds": "long" } }""", "settings.durationSeconds")]
    [InlineData("""{ "planId": PLAN, "speed": "warp" }""", "speed")]
    [InlineData("""{ "planId": PLAN, "speed": "realtime", "speedFactor": 1000 }""", "speedFactor")]
    [InlineData("""{ "planId": PLAN, "speed": "fast", "speedFactor": 2 }""", "speedFactor")]
    [InlineData("""{ "planId": PLAN, "strategy": "Nope" }""", "strategy")]
    [InlineData("""{ "planId": PLAN, "scenarioId": 4242 }""", "scenarioId")]
    [InlineData("""{ "planId": PLAN, "scenario": { "name": "x", "description": "", "events": [{ "effect": { "kind": "Crash" }, "target": { "kind": "HardwareClass", "value": "Toaster" }, "startSeconds": 1, "durationSeconds": 2 }] } }""", "scenario.events[0].target")]
    [InlineData("""{ "planId": PLAN, "scenario": { "name": "x", "description": "", "events": [{ "effect": { "kind": "Crash" }, "target": { "kind": "DeviceName", "value": "*" }, "startSeconds": -3 }] } }""", "scenario.events[0].startSeconds")]
    [InlineData("""{ "planId": PLAN, "scenario": { "name": "x", "description": "", "events": [{ "effect": { "kind": "Meteor" }, "target": { "kind": "DeviceName", "value": "*" }, "startSeconds": 1 }] } }""", "scenario.events[0].effect.kind")]
    [InlineData("""{ "planId": PLAN, "scenario": { "name": "x", "description": "", "events": [{ "effect": { "kind": "Crash" }, "target": { "kind": "Group", "value": "1" }, "startSeconds": 1, "durationSeconds": 10 }, { "effect": { "kind": "Slow", "slowFactor": 2 }, "target": { "kind": "Group", "value": "1" }, "startSeconds": 5, "durationSeconds": 10 }] } }""", "scenario.events[1]")]
    public async Task BadRunRequestIs400NamingTheFieldAndCreatesNothing(string body, string field)
    {
        var planId = await DemoPlanIdAsync();
        var jobsBefore = (await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).GetArrayLength();

        var response = await Client.PostAsync("/api/runs",
            new StringContent(body.Replace("PLAN", planId.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal), Encoding.UTF8,
                "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
        (await Client.GetFromJsonAsync<JsonElement>("/api/runs", Ct)).GetArrayLength().ShouldBe(0);
        (await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).GetArrayLength().ShouldBe(jobsBefore);
    }

    [Fact]
    public async Task ARunOfAPlanWhoseFleetChangedWarnsAndUsesThePlansSnapshot()
    {
        var planId = await DemoPlanIdAsync();
        var plan = await Client.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}", Ct);
        var device = plan.GetProperty("devices")[0];
        var changed = JsonSerializer.Deserialize<Dictionary<string, object>>(device.GetRawText())!;
        changed["computeFlopsPerSecond"] = 29e6;
        (await Client.PutAsJsonAsync($"/api/devices/{device.GetProperty("id").GetInt32()}", changed, Ct)).EnsureSuccessStatusCode();

        var (jobId, runId, body) = await StartAsync(ShortRun(planId));

        body.GetProperty("warnings").EnumerateArray().Single().GetString()!.ShouldContain("has changed since plan");
        await WaitForJobAsync(jobId);
        var run = await GetRunAsync(runId);
        run.GetProperty("warning").GetString()!.ShouldContain("has changed since plan");
        var simulated = run.GetProperty("topology").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("members").EnumerateArray()).Single(m => m.GetProperty("deviceId").GetInt32() == device.GetProperty("id").GetInt32());
        simulated.GetProperty("computeSeconds").GetDouble().ShouldBeGreaterThan(0);
        // The snapshot's compute rate, not the edited one: compute time = FLOPs / the plan's f_n.
        var planGroups = plan.GetProperty("plan").GetProperty("groups").EnumerateArray().ToList();
        var group = planGroups.Single(g => g.GetProperty("deviceIds").EnumerateArray().Any(i => i.GetInt32() == device.GetProperty("id").GetInt32()));
        simulated.GetProperty("computeSeconds").GetDouble().ShouldBe(
            group.GetProperty("studentFlops").GetDouble() / device.GetProperty("computeFlopsPerSecond").GetDouble(), 1e-9);
    }

    [Fact]
    public async Task ABaselineCanBeRunByName()
    {
        var planId = await DemoPlanIdAsync();
        var body = ShortRun(planId);
        body["strategy"] = "nonn";

        var (jobId, runId, _) = await StartAsync(body);

        (await WaitForJobAsync(jobId)).GetProperty("status").GetString().ShouldBe("succeeded");
        (await GetRunAsync(runId)).GetProperty("strategy").GetString().ShouldBe("NoNN");
    }

    [Fact]
    public async Task ASavedScenarioIsRunAndKeptAsASnapshot()
    {
        var planId = await DemoPlanIdAsync();
        var created = await Client.PostAsync("/api/scenarios",
            new StringContent(ScenarioLibrary.SingleCrash.ToJson(), Encoding.UTF8, "application/json"), Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var scenarioId = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
        var body = ShortRun(planId);
        body["scenarioId"] = scenarioId;

        var (jobId, runId, _) = await StartAsync(body);
        await WaitForJobAsync(jobId);
        (await Client.DeleteAsync($"/api/scenarios/{scenarioId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        var run = await GetRunAsync(runId);
        run.GetProperty("scenarioId").ValueKind.ShouldBe(JsonValueKind.Null);
        run.GetProperty("scenarioName").GetString().ShouldBe(ScenarioLibrary.SingleCrash.Name);
        run.GetProperty("scenario").GetProperty("events").GetArrayLength().ShouldBe(1);
        var failures = run.GetProperty("summary").GetProperty("failures").EnumerateArray().ToList();
        failures.ShouldContain(f => f.GetProperty("source").GetString()!.Contains(ScenarioLibrary.SingleCrash.Name, StringComparison.Ordinal));
        var events = await Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}/events", Ct);
        events.EnumerateArray().ShouldContain(e => e.GetProperty("kind").GetString() == "failure-start");
    }

    [Fact]
    public async Task ExportGivesTheSecondsAsCsvAndEverythingAsJson()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(jobId);

        var csv = await Client.GetAsync($"/api/runs/{runId}/export?format=csv", Ct);
        var json = await Client.GetAsync($"/api/runs/{runId}/export?format=json", Ct);
        var bad = await Client.GetAsync($"/api/runs/{runId}/export?format=xml", Ct);

        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync(Ct)).TrimEnd('\n').Split('\n');
        lines[0].ShouldBe("second,sent,served,correct,within_objective,success_rate,latency_sum_s,p50_s,p95_s,p99_s");
        lines.Length.ShouldBe(21);
        lines[1].ShouldStartWith("0,");
        var document = await json.Content.ReadFromJsonAsync<JsonElement>(Ct);
        document.GetProperty("format").GetString().ShouldBe("rocoin-run");
        document.GetProperty("inputs").GetProperty("settings").GetProperty("seed").GetInt64().ShouldBe(3);
        document.GetProperty("inputs").GetProperty("topology").GetProperty("groups").GetArrayLength().ShouldBeGreaterThan(0);
        document.GetProperty("seconds").GetArrayLength().ShouldBe(20);
        document.GetProperty("summary").GetProperty("sent").GetInt64().ShouldBeGreaterThan(0);
        document.GetProperty("histogram").GetArrayLength().ShouldBeGreaterThan(0);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(bad)).Keys.ShouldContain("format");
    }

    [Fact]
    public async Task UnknownRunsAre404Everywhere()
    {
        foreach (var url in new[] { "/api/runs/4242", "/api/runs/4242/seconds", "/api/runs/4242/histogram", "/api/runs/4242/events", "/api/runs/4242/export" })
            (await Client.GetAsync(url, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound, url);
        foreach (var action in new[] { "pause", "resume", "step", "stop", "replay" })
            (await PostAsync($"/api/runs/4242/{action}")).StatusCode.ShouldBe(HttpStatusCode.NotFound, action);
        (await PostAsync("/api/runs/4242/injections", new { action = "crash", deviceId = 1 })).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.DeleteAsync("/api/runs/4242", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AnEndedRunCanBeDeletedWithItsSeconds()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(jobId);

        var deleted = await Client.DeleteAsync($"/api/runs/{runId}", Ct);

        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync($"/api/runs/{runId}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync($"/api/runs/{runId}/seconds", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task APlanWithRunsCannotBeDeletedUntilTheyAre()
    {
        var planId = await DemoPlanIdAsync();
        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        await WaitForJobAsync(jobId);

        var refused = await Client.DeleteAsync($"/api/plans/{planId}", Ct);
        var detail = await DetailOfAsync(refused);
        await Client.DeleteAsync($"/api/runs/{runId}", Ct);
        var deleted = await Client.DeleteAsync($"/api/plans/{planId}", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        detail.ShouldContain("has 1 run");
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
    }

    [Fact]
    public async Task SecondsRangeIsChecked()
    {
        var response = await Client.GetAsync("/api/runs/1/seconds?from=5&to=2", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain("to");
    }
}
