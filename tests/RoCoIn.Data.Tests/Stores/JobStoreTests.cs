using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Data.Tests.Stores;

public sealed class JobStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private JobStore Store => _database.Jobs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _database = await TestDatabase.CreateMigratedAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task MigrationCreatesTheJobsTable()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);

        var applied = await db.Database.GetAppliedMigrationsAsync(Ct);
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync(Ct);

        applied.ShouldContain(m => m.EndsWith("_AddJobs", StringComparison.Ordinal));
        tables.ShouldContain("Jobs");
        (await Store.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task CreateStoresAQueuedJobWithItsParameters()
    {
        var before = DateTimeOffset.UtcNow;

        var id = await Store.CreateAsync(JobKind.Planning, "  Plan the paper fleet ", """{"fleetId":3}""", Ct);

        var job = (await Store.GetAsync(id, Ct)).ShouldNotBeNull();
        job.Kind.ShouldBe(JobKind.Planning);
        job.Status.ShouldBe(JobStatus.Queued);
        job.Title.ShouldBe("Plan the paper fleet");
        job.ParametersJson.ShouldBe("""{"fleetId":3}""");
        job.Progress.ShouldBe(0);
        job.ProgressMessage.ShouldBe("");
        job.QueuedUtc.ShouldBeGreaterThanOrEqualTo(before.AddSeconds(-1));
        job.QueuedUtc.Offset.ShouldBe(TimeSpan.Zero);
        job.StartedUtc.ShouldBeNull();
        job.EndedUtc.ShouldBeNull();
        job.Reason.ShouldBeNull();
        job.ResultKind.ShouldBeNull();
        job.ResultId.ShouldBeNull();
    }

    [Fact]
    public async Task KindAndStatusAreStoredByName()
    {
        var id = await Store.CreateAsync(JobKind.RealRun, "Run on agents", "{}", Ct);
        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);

        var stored = await db.Database.SqlQuery<string>($"SELECT Kind || '/' || Status AS Value FROM Jobs WHERE Id = {id}").SingleAsync(Ct);

        stored.ShouldBe("RealRun/Queued");
    }

    [Fact]
    public async Task MarkRunningStartsAQueuedJob()
    {
        var id = await CreateAsync();

        var result = await Store.MarkRunningAsync(id, Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        result.Value!.Status.ShouldBe(JobStatus.Running);
        result.Value.StartedUtc.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(result.Value.QueuedUtc);
        (await Store.GetAsync(id, Ct))!.Status.ShouldBe(JobStatus.Running);
    }

    [Fact]
    public async Task MarkRunningOfACancelledJobIsAConflictAndChangesNothing()
    {
        var id = await CreateAsync();
        await Store.CancelAsync(id, Ct);

        var result = await Store.MarkRunningAsync(id, Ct);

        result.Status.ShouldBe(StoreStatus.Conflict);
        result.Message.ShouldBe($"Job {id} was already cancelled; only queued jobs can be started.");
        var job = (await Store.GetAsync(id, Ct))!;
        job.Status.ShouldBe(JobStatus.Cancelled);
        job.StartedUtc.ShouldBeNull();
    }

    [Fact]
    public async Task ReportProgressSavesFractionAndMessageOfARunningJob()
    {
        var id = await CreateRunningAsync();

        var result = await Store.ReportProgressAsync(id, new JobProgress(0.4, "Epoch 2 of 5"), Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var job = (await Store.GetAsync(id, Ct))!;
        job.Progress.ShouldBe(0.4);
        job.ProgressMessage.ShouldBe("Epoch 2 of 5");
        job.Status.ShouldBe(JobStatus.Running);
    }

    [Fact]
    public async Task ReportProgressOfAQueuedOrFinishedJobIsAConflict()
    {
        var queued = await CreateAsync();
        var finished = await CreateRunningAsync();
        await Store.SucceedAsync(finished, "plan", 1, Ct);

        var ofQueued = await Store.ReportProgressAsync(queued, new JobProgress(0.5, "half"), Ct);
        var ofFinished = await Store.ReportProgressAsync(finished, new JobProgress(0.5, "half"), Ct);

        ofQueued.Status.ShouldBe(StoreStatus.Conflict);
        ofFinished.Status.ShouldBe(StoreStatus.Conflict);
        (await Store.GetAsync(queued, Ct))!.Progress.ShouldBe(0);
        (await Store.GetAsync(finished, Ct))!.Progress.ShouldBe(1);
    }

    [Fact]
    public async Task SucceedNamesTheResultAndCompletesProgress()
    {
        var id = await CreateRunningAsync();
        await Store.ReportProgressAsync(id, new JobProgress(0.9, "Almost"), Ct);

        var result = await Store.SucceedAsync(id, "plan", 17, Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var job = (await Store.GetAsync(id, Ct))!;
        job.Status.ShouldBe(JobStatus.Succeeded);
        job.ResultKind.ShouldBe("plan");
        job.ResultId.ShouldBe(17);
        job.Progress.ShouldBe(1);
        job.EndedUtc.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(job.StartedUtc!.Value);
        job.Reason.ShouldBeNull();
    }

    [Fact]
    public async Task SucceedOfAQueuedJobIsAConflict()
    {
        var id = await CreateAsync();

        var result = await Store.SucceedAsync(id, "plan", 17, Ct);

        result.Status.ShouldBe(StoreStatus.Conflict);
        (await Store.GetAsync(id, Ct))!.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact]
    public async Task FailOfARunningJobKeepsItsReasonAndProgress()
    {
        var id = await CreateRunningAsync();
        await Store.ReportProgressAsync(id, new JobProgress(0.3, "Grouping"), Ct);

        var result = await Store.FailAsync(id, "The fleet has no devices.", Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var job = (await Store.GetAsync(id, Ct))!;
        job.Status.ShouldBe(JobStatus.Failed);
        job.Reason.ShouldBe("The fleet has no devices.");
        job.Progress.ShouldBe(0.3);
        job.EndedUtc.ShouldNotBeNull();
    }

    [Fact]
    public async Task FailOfAQueuedJobIsAllowed()
    {
        var id = await CreateAsync();

        var result = await Store.FailAsync(id, "No handler.", Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(id, Ct))!.Status.ShouldBe(JobStatus.Failed);
    }

    [Fact]
    public async Task AVeryLongReasonIsShortenedToFitTheColumn()
    {
        var id = await CreateRunningAsync();

        await Store.FailAsync(id, new string('x', 5000), Ct);

        var reason = (await Store.GetAsync(id, Ct))!.Reason.ShouldNotBeNull();
        reason.Length.ShouldBe(2000);
        reason.ShouldEndWith("…");
    }

    [Fact]
    public async Task CancelStopsAQueuedJob()
    {
        var id = await CreateAsync();

        var result = await Store.CancelAsync(id, Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        result.Value!.Status.ShouldBe(JobStatus.Cancelled);
        result.Value.EndedUtc.ShouldNotBeNull();
        result.Value.StartedUtc.ShouldBeNull();
    }

    [Fact]
    public async Task CancelStopsARunningJob()
    {
        var id = await CreateRunningAsync();

        var result = await Store.CancelAsync(id, Ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(id, Ct))!.Status.ShouldBe(JobStatus.Cancelled);
    }

    [Theory]
    [InlineData(JobStatus.Succeeded, "has already succeeded")]
    [InlineData(JobStatus.Failed, "has already failed")]
    [InlineData(JobStatus.Cancelled, "was already cancelled")]
    [InlineData(JobStatus.Interrupted, "was interrupted when the studio stopped")]
    public async Task CancelOfAFinishedJobIsAConflictSayingWhy(JobStatus finished, string why)
    {
        var id = await CreateInStatusAsync(finished);

        var result = await Store.CancelAsync(id, Ct);

        result.Status.ShouldBe(StoreStatus.Conflict);
        result.Message.ShouldBe($"Job {id} {why}; only queued or running jobs can be cancelled.");
        (await Store.GetAsync(id, Ct))!.Status.ShouldBe(finished);
    }

    [Fact]
    public async Task EveryTransitionOfAnUnknownJobIsNotFound()
    {
        StoreResult<JobRecord>[] results =
        [
            await Store.MarkRunningAsync(404, Ct),
            await Store.ReportProgressAsync(404, new JobProgress(0.5, ""), Ct),
            await Store.SucceedAsync(404, "plan", 1, Ct),
            await Store.FailAsync(404, "x", Ct),
            await Store.CancelAsync(404, Ct),
        ];

        results.ShouldAllBe(r => r.Status == StoreStatus.NotFound && r.Message == "Job 404 does not exist.");
        (await Store.GetAsync(404, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListIsNewestFirstAndPages()
    {
        var first = await CreateAsync("first");
        var second = await CreateAsync("second");
        var third = await CreateAsync("third");
        await Store.MarkRunningAsync(first, Ct);

        var all = await Store.ListAsync(0, 10, Ct);
        var page = await Store.ListAsync(1, 1, Ct);

        all.Select(j => j.Id).ShouldBe([third, second, first]);
        all.Select(j => j.Title).ShouldBe(["third", "second", "first"]);
        page.ShouldHaveSingleItem().Id.ShouldBe(second);
    }

    [Fact]
    public async Task RecoverAtStartupInterruptsRunningJobsAndReturnsQueuedOnesInQueueOrder()
    {
        var succeeded = await CreateInStatusAsync(JobStatus.Succeeded);
        var running = await CreateRunningAsync();
        var queuedFirst = await CreateAsync("a");
        var cancelled = await CreateInStatusAsync(JobStatus.Cancelled);
        var queuedSecond = await CreateAsync("b");
        var alsoRunning = await CreateRunningAsync();

        var queued = await Store.RecoverAtStartupAsync(Ct);

        queued.ShouldBe([queuedFirst, queuedSecond]);
        foreach (var id in new[] { running, alsoRunning })
        {
            var job = (await Store.GetAsync(id, Ct))!;
            job.Status.ShouldBe(JobStatus.Interrupted);
            job.Reason.ShouldBe("The studio stopped while this job ran.");
            job.EndedUtc.ShouldNotBeNull();
        }
        (await Store.GetAsync(succeeded, Ct))!.Status.ShouldBe(JobStatus.Succeeded);
        (await Store.GetAsync(cancelled, Ct))!.Status.ShouldBe(JobStatus.Cancelled);
        (await Store.GetAsync(queuedFirst, Ct))!.Status.ShouldBe(JobStatus.Queued);
    }

    [Fact]
    public async Task RecoverAtStartupOfAnEmptyTableReturnsNothing()
    {
        (await Store.RecoverAtStartupAsync(Ct)).ShouldBeEmpty();
    }

    private Task<int> CreateAsync(string title = "Simulate") => Store.CreateAsync(JobKind.Simulation, title, "{}", Ct);

    private async Task<int> CreateRunningAsync()
    {
        var id = await CreateAsync();
        (await Store.MarkRunningAsync(id, Ct)).Status.ShouldBe(StoreStatus.Ok);
        return id;
    }

    private async Task<int> CreateInStatusAsync(JobStatus status)
    {
        var id = await CreateRunningAsync();
        var result = status switch
        {
            JobStatus.Succeeded => await Store.SucceedAsync(id, "plan", 1, Ct),
            JobStatus.Failed => await Store.FailAsync(id, "boom", Ct),
            JobStatus.Cancelled => await Store.CancelAsync(id, Ct),
            JobStatus.Interrupted => await InterruptAsync(id),
            _ => throw new ArgumentOutOfRangeException(nameof(status)),
        };
        result.Status.ShouldBe(StoreStatus.Ok);
        return id;
    }

    private async Task<StoreResult<JobRecord>> InterruptAsync(int id)
    {
        await Store.RecoverAtStartupAsync(Ct);
        return StoreResult<JobRecord>.Ok((await Store.GetAsync(id, Ct))!);
    }
}
