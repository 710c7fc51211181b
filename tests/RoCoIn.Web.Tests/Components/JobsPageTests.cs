using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Components.Pages.Jobs;
using RoCoIn.Web.Extensions;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Tests.Components;

public class JobsPageTests : ComponentTestBase
{
    public JobsPageTests()
    {
        // The studio's own job services; the runner is a hosted service, which bUnit never starts.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddRoCoInJobs();
    }

    protected override bool SeedDemoContent => false;

    private JobStore Store => Services.GetRequiredService<JobStore>();

    [Fact]
    public void WithoutJobsThePageSaysWhereJobsComeFrom()
    {
        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.Find("#jobs-empty").TextContent.ShouldContain("Jobs appear here when you plan a fleet"));
        cut.Find("#jobs-empty a").GetAttribute("href").ShouldBe("/fleets");
    }

    [Fact]
    public async Task ShowsAFailedJobsReasonARunningJobsProgressAndASucceededJobsResult()
    {
        var failed = await CreateAsync(JobKind.Distillation, "Distil students");
        await Store.MarkRunningAsync(failed, Ct);
        await Store.FailAsync(failed, "The teacher model file is missing.", Ct);
        var succeeded = await CreateAsync(JobKind.Planning, "Plan the paper fleet");
        await Store.MarkRunningAsync(succeeded, Ct);
        await Store.SucceedAsync(succeeded, JobResultKinds.Plan, 17, Ct);
        var running = await CreateAsync(JobKind.Simulation, "Simulate failures");
        await Store.MarkRunningAsync(running, Ct);
        await Store.ReportProgressAsync(running, new JobProgress(0.4, "Epoch 2 of 5"), Ct);

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.FindAll(".job-title").Count.ShouldBe(3));
        cut.FindAll(".job-title").Select(t => t.TextContent).ShouldBe(["Simulate failures", "Plan the paper fleet", "Distil students"]);
        cut.FindAll(".job-kind").Select(t => t.TextContent).ShouldBe(
            [$"#{running} · Simulation", $"#{succeeded} · Planning", $"#{failed} · Distillation"]);
        cut.FindAll(".job-status").Select(c => c.TextContent.Trim()).ShouldBe(["Running", "Succeeded", "Failed"]);
        cut.Find(".job-reason").TextContent.ShouldBe("The teacher model file is missing.");
        cut.Find(".job-progress").TextContent.ShouldBe("40 % · Epoch 2 of 5");
        cut.Find(".job-progress-bar").ShouldNotBeNull();
        cut.Find("a.job-result").GetAttribute("href").ShouldBe("/plans/17");
        cut.Find("a.job-result").TextContent.ShouldBe("Plan 17");
        cut.FindAll("button[aria-label^='Cancel job']").Select(b => b.GetAttribute("aria-label")).ShouldBe([$"Cancel job {running}"]);
        cut.Find("#jobs-summary").TextContent.ShouldBe("1 running, 0 queued");
    }

    [Fact]
    public async Task ProgressAndStateChangesShowUpLive()
    {
        var running = await CreateAsync(JobKind.Simulation, "Simulate failures");
        await Store.MarkRunningAsync(running, Ct);
        var notifier = Services.GetRequiredService<JobProgressNotifier>();
        var cut = Render<JobsPage>();
        cut.WaitForAssertion(() => cut.Find(".job-progress").TextContent.ShouldBe("0 %"));

        await notifier.NotifyAsync(new JobUpdate(running, JobKind.Simulation, JobStatus.Running, new JobProgress(0.75, "Epoch 4 of 5"), IsStateChange: false));

        cut.WaitForAssertion(() => cut.Find(".job-progress").TextContent.ShouldBe("75 % · Epoch 4 of 5"));

        var failed = await Store.FailAsync(running, "Out of memory.", Ct);
        await notifier.NotifyAsync(JobUpdate.StateOf(failed.Value!));

        cut.WaitForAssertion(() => cut.Find(".job-reason").TextContent.ShouldBe("Out of memory."));
        cut.FindAll(".job-progress").ShouldBeEmpty();
        cut.FindAll("button[aria-label^='Cancel job']").ShouldBeEmpty();
    }

    [Fact]
    public async Task QueuedJobsShowTheirPlaceInLine()
    {
        var queue = Services.GetRequiredService<JobQueue>();
        var first = await CreateAsync(JobKind.Simulation, "First");
        var second = await CreateAsync(JobKind.Simulation, "Second");
        queue.Enqueue(first);
        queue.Enqueue(second);

        var cut = Render<JobsPage>();

        cut.WaitForAssertion(() => cut.FindAll(".job-position").Count.ShouldBe(2));
        // Newest first: the second job is listed first and is second in line.
        cut.FindAll(".job-position").Select(p => p.TextContent).ShouldBe(["#2 in line (1 ahead)", "Next in line"]);
    }

    [Fact]
    public async Task CancelAsksFirstThenCancelsAQueuedJob()
    {
        var dialogs = RenderDialogProvider();
        var queued = await CreateAsync(JobKind.Planning, "Plan the lab fleet");
        Services.GetRequiredService<JobQueue>().Enqueue(queued);
        var cut = Render<JobsPage>();
        cut.WaitForAssertion(() => cut.Find(".job-status").TextContent.Trim().ShouldBe("Queued"));

        cut.Find($"button[aria-label='Cancel job {queued}']").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain($"Cancel job {queued}, Plan the lab fleet?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Cancel job").Click();

        cut.WaitForAssertion(() => cut.Find(".job-status").TextContent.Trim().ShouldBe("Cancelled"));
        (await Store.GetAsync(queued, Ct))!.Status.ShouldBe(JobStatus.Cancelled);
        Services.GetRequiredService<JobQueue>().Position(queued).ShouldBeNull();
    }

    [Fact]
    public async Task KeepingTheJobLeavesItQueued()
    {
        var dialogs = RenderDialogProvider();
        var queued = await CreateAsync(JobKind.Planning, "Plan the lab fleet");
        var cut = Render<JobsPage>();
        cut.WaitForAssertion(() => cut.Find(".job-status").TextContent.Trim().ShouldBe("Queued"));

        cut.Find($"button[aria-label='Cancel job {queued}']").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Keep it"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Keep it").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldNotContain("Keep it"));
        (await Store.GetAsync(queued, Ct))!.Status.ShouldBe(JobStatus.Queued);
    }

    private Task<int> CreateAsync(JobKind kind, string title) => Store.CreateAsync(kind, title, "{}", Ct);
}
