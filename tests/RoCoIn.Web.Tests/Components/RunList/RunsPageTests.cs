using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Components.RunList;

public class RunsPageTests : RunComponentTestBase
{
    // The page follows runs only once interactive (a pre-rendered copy does not subscribe).
    public RunsPageTests() => SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private RunStore Store => Services.GetRequiredService<RunStore>();

    [Fact]
    public void WithoutRunsThePageSaysToStartOneFromAPlan()
    {
        var cut = Render<RunsPage>();

        cut.WaitForAssertion(() => cut.Find("#runs-empty").TextContent.ShouldContain("No runs yet — open a plan and start a run"));
        cut.Find("#runs-empty a").GetAttribute("href").ShouldBe("/plans");
        cut.FindAll("#runs-table").ShouldBeEmpty();
    }

    [Fact]
    public async Task RowsShowEachRunNewestFirstWithItsPlanStatusSeedAndFigures()
    {
        var older = await RunToEndAsync();
        var newer = await RunToEndAsync(new RoCoIn.Web.Runs.RunStartInput
        {
            PlanId = await DemoPlanIdAsync(),
            Seed = 11,
            Settings = new RoCoIn.Web.Runs.RunSettingsInput { DurationSeconds = 10 },
        });
        var summary = (await Store.GetAsync(newer, Ct))!.Summary!;

        var cut = Render<RunsPage>();

        cut.WaitForAssertion(() => cut.FindAll("tr.run-row").Count.ShouldBe(2));
        cut.FindAll("a.run-link").Select(a => a.TextContent).ShouldBe([$"#{newer}", $"#{older}"]);
        var first = cut.Find($"tr.run-{newer}").TextContent;
        first.ShouldContain("Demo: paper setting");
        first.ShouldContain("RoCoIn");
        first.ShouldContain("finished");
        first.ShouldContain("11");
        first.ShouldContain("none");
        first.ShouldContain((summary.SuccessRate * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %");
        first.ShouldContain(SiFormat.Duration(summary.P95Seconds!.Value));
        cut.Find("#runs-count").TextContent.ShouldContain("Runs 1–2 of 2");
    }

    [Fact]
    public async Task SelectingTwoEndedRunsOpensTheComparePageWithTheirIds()
    {
        var a = await RunToEndAsync();
        var b = await RunToEndAsync();
        var navigation = Services.GetRequiredService<NavigationManager>();

        var cut = Render<RunsPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.run-row").Count.ShouldBe(2));
        cut.Find("#compare-runs").HasAttribute("disabled").ShouldBeTrue();
        cut.Find($"tr.run-{a} .compare-check input").Change(true);
        cut.Find("#compare-runs").HasAttribute("disabled").ShouldBeTrue();
        cut.Find($"tr.run-{b} .compare-check input").Change(true);

        cut.WaitForAssertion(() => cut.Find("#compare-runs").HasAttribute("disabled").ShouldBeFalse());
        cut.Find("#runs-selected").TextContent.ShouldContain($"#{a}, #{b}");
        cut.Find("#compare-runs").Click();

        navigation.Uri.ShouldEndWith($"/runs/compare?ids={a},{b}");
    }

    [Fact]
    public async Task ALiveRunCanBeNeitherComparedNorDeleted()
    {
        var ended = await RunToEndAsync();
        var live = await StartPausedRunAsync();

        var cut = Render<RunsPage>();

        cut.WaitForAssertion(() => cut.FindAll("tr.run-row").Count.ShouldBe(2));
        cut.Find($"tr.run-{live}").TextContent.ShouldContain("paused");
        cut.Find($"tr.run-{live} .compare-check input").HasAttribute("disabled").ShouldBeTrue();
        cut.Find($"tr.run-{live} button.delete-run").HasAttribute("disabled").ShouldBeTrue();
        cut.Find($"tr.run-{ended} .compare-check input").HasAttribute("disabled").ShouldBeFalse();
        cut.Find($"tr.run-{ended} button.delete-run").HasAttribute("disabled").ShouldBeFalse();
    }

    [Fact]
    public async Task ALiveRunsRowFollowsItUntilItEnds()
    {
        var live = await StartPausedRunAsync();
        var cut = Render<RunsPage>();
        cut.WaitForAssertion(() => cut.Find($"tr.run-{live}").TextContent.ShouldContain("paused"));
        cut.Find($"tr.run-{live} .run-speed").TextContent.ShouldContain("0 ms of 600 s");

        await Host.StopAsync(live, Ct);

        cut.WaitForAssertion(() => cut.Find($"tr.run-{live}").TextContent.ShouldContain("stopped"));
        cut.Find($"tr.run-{live} .compare-check input").HasAttribute("disabled").ShouldBeFalse();
        cut.FindAll($"tr.run-{live} .run-progress").ShouldBeEmpty();
    }

    [Fact]
    public async Task DeletingARunAsksFirstThenRemovesItsRow()
    {
        var kept = await RunToEndAsync();
        var deleted = await RunToEndAsync();
        var dialogs = RenderDialogProvider();
        var cut = Render<RunsPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.run-row").Count.ShouldBe(2));

        cut.Find($"tr.run-{deleted} button.delete-run").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain($"Delete run #{deleted}"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => cut.FindAll("tr.run-row").Count.ShouldBe(1));
        cut.FindAll("a.run-link").Select(a => a.TextContent).ShouldBe([$"#{kept}"]);
        (await Store.GetAsync(deleted, Ct)).ShouldBeNull();
    }
}
