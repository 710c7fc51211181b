using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.Jobs;

public class JobRunnerTests : JobsTestBase
{
    [Fact]
    public async Task AJobRunsToSucceededAndNamesItsResult()
    {
        var id = await EnqueueScriptAsync("a");
        await Script.WhenStartedAsync("a");
        var running = await WaitForStatusAsync(id, "running");

        Script.Finish("a", new JobResult(JobResultKinds.Plan, 17));
        var job = await WaitForStatusAsync(id, "succeeded");

        running.GetProperty("startedUtc").ValueKind.ShouldBe(JsonValueKind.String);
        job.GetProperty("kind").GetString().ShouldBe("simulation");
        job.GetProperty("title").GetString().ShouldBe("Scripted a");
        job.GetProperty("progress").GetDouble().ShouldBe(1);
        job.GetProperty("resultKind").GetString().ShouldBe("plan");
        job.GetProperty("resultId").GetInt32().ShouldBe(17);
        job.GetProperty("resultUrl").GetString().ShouldBe("/api/plans/17");
        job.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
        job.GetProperty("queuePosition").ValueKind.ShouldBe(JsonValueKind.Null);
        job.GetProperty("endedUtc").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(job.GetProperty("startedUtc").GetDateTimeOffset());
        job.GetProperty("parameters").GetProperty("script").GetString().ShouldBe("a");
    }

    [Fact]
    public async Task ProgressReachesTheApiWhileTheJobRuns()
    {
        var id = await EnqueueScriptAsync("p");
        await Script.WhenStartedAsync("p");

        Script.Report("p", new JobProgress(0.5, "Half way"));
        var job = await WaitForJobAsync(id, j => j.GetProperty("progress").GetDouble() == 0.5, "progress 0.5");

        job.GetProperty("status").GetString().ShouldBe("running");
        job.GetProperty("progressMessage").GetString().ShouldBe("Half way");
        Script.Finish("p", new JobResult(JobResultKinds.Plan, 1));
        await WaitForStatusAsync(id, "succeeded");
    }

    [Fact]
    public async Task ProgressIsThrottledToAtMostFourUpdatesASecondPerJob()
    {
        var updates = new List<TimeSpan>();
        var clock = Stopwatch.StartNew();
        using var subscription = Factory.Services.GetRequiredService<JobProgressNotifier>().Subscribe(update =>
        {
            if (!update.IsStateChange)
            {
                lock (updates)
                    updates.Add(clock.Elapsed);
            }
            return Task.CompletedTask;
        });
        var id = await EnqueueScriptAsync("steady");
        await Script.WhenStartedAsync("steady");

        // Report every few milliseconds until four updates went out (bounded by the wait limit).
        var reports = 0;
        var deadline = clock.Elapsed + TimeSpan.FromSeconds(20);
        while (Count(updates) < 4 && clock.Elapsed < deadline)
        {
            Script.Report("steady", new JobProgress(Math.Min(1, ++reports / 1000.0), $"Report {reports}"));
            await Task.Delay(5, Ct);   // the pace of a chatty handler, not a wait for an outcome
        }
        Script.Finish("steady", new JobResult(JobResultKinds.Plan, 1));
        await WaitForStatusAsync(id, "succeeded");

        TimeSpan[] times;
        lock (updates)
            times = [.. updates];
        times.Length.ShouldBeGreaterThanOrEqualTo(4);
        reports.ShouldBeGreaterThan(times.Length * 5);
        // 250 ms apart by default; a little slack for timer resolution.
        times.Zip(times.Skip(1), (a, b) => b - a).ShouldAllBe(gap => gap >= TimeSpan.FromMilliseconds(230));
    }

    [Fact]
    public async Task AThrowingHandlerFailsTheJobWithItsMessageAsTheReason()
    {
        var id = await Jobs.EnqueueAsync(JobKind.Distillation, "Distil", new { planId = 3 }, Ct);

        var job = await WaitForStatusAsync(id, "failed");

        job.GetProperty("reason").GetString().ShouldBe(ThrowingJobHandler.Message);
        job.GetProperty("resultUrl").ValueKind.ShouldBe(JsonValueKind.Null);
        job.GetProperty("endedUtc").ValueKind.ShouldBe(JsonValueKind.String);
    }

    [Fact]
    public async Task AnExceptionThrownAfterProgressFailsTheJobAndKeepsTheProgress()
    {
        var id = await EnqueueScriptAsync("late");
        await Script.WhenStartedAsync("late");

        Script.Report("late", new JobProgress(0.3, "Grouping"));
        Script.Throw("late", new InvalidOperationException("Fleet 4 has no devices left."));
        var job = await WaitForStatusAsync(id, "failed");

        job.GetProperty("reason").GetString().ShouldBe("Fleet 4 has no devices left.");
        job.GetProperty("progress").GetDouble().ShouldBe(0.3);
    }

    [Fact]
    public async Task AJobOfAKindWithoutAHandlerFailsWithAClearReason()
    {
        var id = await Jobs.EnqueueAsync(JobKind.RealRun, "Run on agents", new { planId = 1 }, Ct);

        var job = await WaitForStatusAsync(id, "failed");

        job.GetProperty("kind").GetString().ShouldBe("realRun");
        job.GetProperty("reason").GetString()!.ShouldContain("no handler for RealRun jobs");
    }

    [Fact]
    public async Task OnlyOneJobRunsAtATime()
    {
        var first = await EnqueueScriptAsync("first");
        var second = await EnqueueScriptAsync("second");
        await Script.WhenStartedAsync("first");

        var waiting = await GetJobAsync(second);

        waiting.GetProperty("status").GetString().ShouldBe("queued");
        waiting.GetProperty("queuePosition").GetInt32().ShouldBe(2);
        Script.HasStarted("second").ShouldBeFalse();

        Script.Finish("first", new JobResult(JobResultKinds.Plan, 1));
        await Script.WhenStartedAsync("second");
        var done = await WaitForStatusAsync(first, "succeeded");
        var next = await WaitForStatusAsync(second, "running");

        next.GetProperty("startedUtc").GetDateTimeOffset().ShouldBeGreaterThanOrEqualTo(done.GetProperty("endedUtc").GetDateTimeOffset());
        next.GetProperty("queuePosition").ValueKind.ShouldBe(JsonValueKind.Null);
        Script.Finish("second", new JobResult(JobResultKinds.Plan, 2));
        await WaitForStatusAsync(second, "succeeded");
    }

    [Fact]
    public async Task CancellingAQueuedJobCancelsItAtOnceAndItNeverRuns()
    {
        var blocker = await EnqueueScriptAsync("blocker");
        var queued = await EnqueueScriptAsync("queued");
        await Script.WhenStartedAsync("blocker");
        var before = await GetJobAsync(queued);

        var response = await Client.PostAsync($"/api/jobs/{queued}/cancel", null, Ct);
        var after = await GetJobAsync(queued);

        before.GetProperty("queuePosition").GetInt32().ShouldBe(2);
        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldBe($"/api/jobs/{queued}");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("status").GetString().ShouldBe("cancelled");
        after.GetProperty("status").GetString().ShouldBe("cancelled");
        after.GetProperty("queuePosition").ValueKind.ShouldBe(JsonValueKind.Null);
        after.GetProperty("startedUtc").ValueKind.ShouldBe(JsonValueKind.Null);

        // A job queued after it runs right after the blocker, so the cancelled one's turn has passed.
        var later = await EnqueueScriptAsync("later");
        Script.Finish("blocker", new JobResult(JobResultKinds.Plan, 1));
        await Script.WhenStartedAsync("later");
        Script.HasStarted("queued").ShouldBeFalse();
        Script.Finish("later", new JobResult(JobResultKinds.Plan, 2));
        await WaitForStatusAsync(later, "succeeded");
        (await GetJobAsync(queued)).GetProperty("status").GetString().ShouldBe("cancelled");
        (await GetJobAsync(blocker)).GetProperty("status").GetString().ShouldBe("succeeded");
    }

    [Fact]
    public async Task CancellingARunningJobSignalsItsHandlerAndRecordsCancelled()
    {
        var id = await EnqueueScriptAsync("long");
        await Script.WhenStartedAsync("long");
        await WaitForStatusAsync(id, "running");

        var response = await Client.PostAsync($"/api/jobs/{id}/cancel", null, Ct);
        await Script.WhenCancelledAsync("long");
        var job = await WaitForStatusAsync(id, "cancelled");

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        job.GetProperty("endedUtc").ValueKind.ShouldBe(JsonValueKind.String);
        job.GetProperty("reason").ValueKind.ShouldBe(JsonValueKind.Null);
    }

    [Fact]
    public async Task TheRunnerGoesOnAfterACancelledJob()
    {
        var cancelled = await EnqueueScriptAsync("x");
        await Script.WhenStartedAsync("x");
        await Jobs.CancelAsync(cancelled, Ct);
        await WaitForStatusAsync(cancelled, "cancelled");

        var next = await EnqueueScriptAsync("y");
        await Script.WhenStartedAsync("y");
        Script.Finish("y", new JobResult(JobResultKinds.Run, 5));

        (await WaitForStatusAsync(next, "succeeded")).GetProperty("resultUrl").GetString().ShouldBe("/api/runs/5");
    }

    private static int Count(List<TimeSpan> updates)
    {
        lock (updates)
            return updates.Count;
    }

    [Fact]
    public async Task CancelOfAnUnknownJobIs404()
    {
        var response = await Client.PostAsync("/api/jobs/999/cancel", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString().ShouldBe("Job 999 does not exist.");
    }

    [Fact]
    public async Task CancelOfAFinishedJobIs409SayingWhy()
    {
        var id = await Jobs.EnqueueAsync(JobKind.Distillation, "Distil", new { }, Ct);
        await WaitForStatusAsync(id, "failed");

        var response = await Client.PostAsync($"/api/jobs/{id}/cancel", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("detail").GetString()
            .ShouldBe($"Job {id} has already failed; only queued or running jobs can be cancelled.");
    }

    [Fact]
    public async Task GetOfAnUnknownJobIs404()
    {
        var response = await Client.GetAsync("/api/jobs/12345", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task ListIsNewestFirstAndPages()
    {
        var first = await Jobs.EnqueueAsync(JobKind.Distillation, "one", new { }, Ct);
        var second = await Jobs.EnqueueAsync(JobKind.Distillation, "two", new { }, Ct);
        var third = await Jobs.EnqueueAsync(JobKind.Distillation, "three", new { }, Ct);
        await WaitForStatusAsync(third, "failed");

        var all = await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct);
        var page = await Client.GetFromJsonAsync<JsonElement>("/api/jobs?skip=1&take=1", Ct);

        all.EnumerateArray().Select(j => j.GetProperty("id").GetInt32()).ShouldBe([third, second, first]);
        page.EnumerateArray().Select(j => j.GetProperty("title").GetString()).ShouldBe(["two"]);
    }

    [Fact]
    public async Task ListWithBadPagingIs400NamingTheFields()
    {
        var response = await Client.GetAsync("/api/jobs?skip=-1&take=0", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldBe(["skip", "take"], ignoreOrder: true);
    }
}
