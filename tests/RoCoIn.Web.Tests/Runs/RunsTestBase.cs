using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Api;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Runs;

/// <summary>A studio seeded with the demo content (the paper fleet, its plan and its distilled model set), and helpers to run it.</summary>
public abstract class RunsTestBase : ApiTestBase
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(30);

    protected RunsTestBase()
        : base(new StudioFactory(seedDemoContent: true))
    {
    }

    protected RunsTestBase(StudioFactory factory)
        : base(factory)
    {
    }

    /// <summary>The demo plan's id (the only plan of a seeded studio).</summary>
    protected async Task<int> DemoPlanIdAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/plans", Ct))[0].GetProperty("id").GetInt32();

    /// <summary>A short fast run's body: 20 simulated seconds at 5 requests/s.</summary>
    protected static Dictionary<string, object?> ShortRun(int planId, long seed = 3) => new()
    {
        ["planId"] = planId,
        ["seed"] = seed,
        ["settings"] = new { durationSeconds = 20, arrivals = new { kind = "poisson", ratePerSecond = 5 } },
    };

    /// <summary>A run that stays live until stopped: real time × 1 over ten simulated minutes.</summary>
    protected static Dictionary<string, object?> SlowRun(int planId, bool startPaused = false) => new()
    {
        ["planId"] = planId,
        ["seed"] = 5,
        ["speed"] = "realtime",
        ["speedFactor"] = 1,
        ["startPaused"] = startPaused,
        ["settings"] = new { durationSeconds = 600, arrivals = new { kind = "poisson", ratePerSecond = 2 } },
    };

    /// <summary>POSTs a run and checks the 202; returns the job and run ids and the body.</summary>
    protected async Task<(int JobId, int RunId, JsonElement Body)> StartAsync(object body, string url = "/api/runs")
    {
        var response = await Client.PostAsJsonAsync(url, body, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var jobId = json.GetProperty("jobId").GetInt32();
        response.Headers.Location!.ToString().ShouldBe($"/api/jobs/{jobId}");
        return (jobId, json.GetProperty("runId").GetInt32(), json);
    }

    protected Task<JsonElement> GetRunAsync(int runId) => Client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", Ct);

    /// <summary>Polls GET /api/runs/{id} until <paramref name="condition"/> holds (bounded).</summary>
    protected async Task<JsonElement> WaitForRunAsync(int runId, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var run = await GetRunAsync(runId);
            if (condition(run))
                return run;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"Run {runId} did not reach {what} within {WaitLimit.TotalSeconds} s: {Shorten(run)}");
            await Task.Delay(20, Ct);   // poll interval, not a wait for an outcome
        }
    }

    protected Task<JsonElement> WaitForStatusAsync(int runId, string status) =>
        WaitForRunAsync(runId, r => r.GetProperty("status").GetString() == status, $"status {status}");

    /// <summary>Polls the job until it has finished (bounded) and returns it.</summary>
    protected async Task<JsonElement> WaitForJobAsync(int jobId)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}", Ct);
            if (job.GetProperty("status").GetString() is not ("queued" or "running"))
                return job;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"Job {jobId} did not finish within {WaitLimit.TotalSeconds} s: {job}");
            await Task.Delay(20, Ct);   // poll interval
        }
    }

    protected async Task<HttpResponseMessage> PostAsync(string url, object? body = null) =>
        body is null ? await Client.PostAsync(url, null, Ct) : await Client.PostAsJsonAsync(url, body, Ct);

    protected static async Task<string> DetailOfAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()!;

    private static string Shorten(JsonElement run)
    {
        var text = run.GetRawText();
        return text.Length <= 600 ? text : text[..600] + "…";
    }
}
