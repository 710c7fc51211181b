using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Runs;

public class RunRecoveryTests
{
    [Fact]
    public async Task RunsLiveWhenTheStudioStoppedAreInterruptedAtTheNextStart()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var dataPath = Path.Combine(Path.GetTempPath(), "rocoin-web-tests", Guid.NewGuid().ToString("N"));
        try
        {
            int runId, pausedId, jobId;
            await using (var first = new StudioFactory(seedDemoContent: true, dataPath: dataPath))
            {
                using var client = first.CreateClient();
                var planId = (await client.GetFromJsonAsync<JsonElement>("/api/plans", ct))[0].GetProperty("id").GetInt32();
                (jobId, runId) = await StartAsync(client, new
                {
                    planId, speed = "realtime", speedFactor = 1, settings = new { durationSeconds = 600 },
                }, ct);
                (_, pausedId) = await StartAsync(client, new { planId, startPaused = true, settings = new { durationSeconds = 600 } }, ct);
                (await client.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct)).GetProperty("status").GetString().ShouldBe("running");
            }

            await using var second = new StudioFactory(seedDemoContent: true, dataPath: dataPath);
            using var again = second.CreateClient();
            var run = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{runId}", ct);
            var paused = await again.GetFromJsonAsync<JsonElement>($"/api/runs/{pausedId}", ct);
            var job = await again.GetFromJsonAsync<JsonElement>($"/api/jobs/{jobId}", ct);
            var step = await again.PostAsync($"/api/runs/{pausedId}/step", null, ct);

            run.GetProperty("status").GetString().ShouldBe("interrupted");
            run.GetProperty("reason").GetString().ShouldBe(RunStore.InterruptedReason);
            run.GetProperty("endedUtc").ValueKind.ShouldBe(JsonValueKind.String);
            run.GetProperty("live").ValueKind.ShouldBe(JsonValueKind.Null);
            paused.GetProperty("status").GetString().ShouldBe("interrupted");
            job.GetProperty("status").GetString().ShouldBe("interrupted");
            step.StatusCode.ShouldBe(System.Net.HttpStatusCode.Conflict);
            (await again.DeleteAsync($"/api/runs/{runId}", ct)).StatusCode.ShouldBe(System.Net.HttpStatusCode.NoContent);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataPath))
                Directory.Delete(dataPath, recursive: true);
        }
    }

    private static async Task<(int JobId, int RunId)> StartAsync(HttpClient client, object body, CancellationToken ct)
    {
        var response = await client.PostAsJsonAsync("/api/runs", body, ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(ct));
        var json = await response.Content.ReadFromJsonAsync<JsonElement>(ct);
        return (json.GetProperty("jobId").GetInt32(), json.GetProperty("runId").GetInt32());
    }
}
