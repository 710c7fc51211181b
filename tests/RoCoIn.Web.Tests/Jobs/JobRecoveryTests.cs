using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.Jobs;

public class JobRecoveryTests
{
    [Fact]
    public async Task AJobRunningAtShutdownIsInterruptedAndWaitingJobsRunAfterTheRestart()
    {
        var ct = Xunit.TestContext.Current.CancellationToken;
        var dataPath = Path.Combine(Path.GetTempPath(), "rocoin-web-tests", Guid.NewGuid().ToString("N"));
        var script = new JobScript();
        try
        {
            int cut, waiting;
            await using (var first = JobsTestBase.CreateFactory(script, dataPath))
            {
                var jobs = first.Services.GetRequiredService<JobService>();
                cut = await jobs.EnqueueAsync(JobKind.Simulation, "Cut short", new ScriptParameters("cut"), ct);
                waiting = await jobs.EnqueueAsync(JobKind.Simulation, "Waits", new ScriptParameters("waits"), ct);
                await script.WhenStartedAsync("cut");
            }
            script.HasStarted("waits").ShouldBeFalse();

            await using var second = JobsTestBase.CreateFactory(script, dataPath);
            using var client = second.CreateClient();
            await script.WhenStartedAsync("waits");
            var interrupted = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{cut}", ct);
            script.Finish("waits", new JobResult(JobResultKinds.Plan, 3));

            interrupted.GetProperty("status").GetString().ShouldBe("interrupted");
            interrupted.GetProperty("reason").GetString().ShouldBe("The studio stopped while this job ran.");
            interrupted.GetProperty("endedUtc").ValueKind.ShouldBe(JsonValueKind.String);
            var deadline = DateTime.UtcNow.AddSeconds(20);
            JsonElement done;
            do
            {
                done = await client.GetFromJsonAsync<JsonElement>($"/api/jobs/{waiting}", ct);
                if (DateTime.UtcNow > deadline)
                    throw new ShouldAssertException($"The re-queued job did not succeed: {done}");
                await Task.Delay(20, ct);   // poll interval
            }
            while (done.GetProperty("status").GetString() != "succeeded");
            done.GetProperty("resultId").GetInt32().ShouldBe(3);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (Directory.Exists(dataPath))
                Directory.Delete(dataPath, recursive: true);
        }
    }
}
