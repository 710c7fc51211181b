using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Pages.Plans;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>
/// Plans and runs as a viewer (ADR-013): plans, runs and their figures are there to read, but nothing plans, deletes,
/// imports, starts, controls or injects; a handler reached anyway (a page rendered before the user became a viewer)
/// changes nothing and says why.
/// </summary>
public class ViewerPlansAndRunsTests : RunComponentTestBase
{
    private static readonly string[] RunControls = ["#run-resume", "#run-step", "#run-step-2", "#run-stop", "button.run-device", "button.run-group-header"];

    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public ViewerPlansAndRunsTests()
    {
        Services.AddRoCoInPlanning();
        // Run pages follow runs only once interactive.
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        _popovers = Render<MudPopoverProvider>();
    }

    private PlanStore Plans => Services.GetRequiredService<PlanStore>();

    private RunStore Runs => Services.GetRequiredService<RunStore>();

    private IRenderedComponent<TPage> RenderThenBecomeViewer<TPage>(Action<IRenderedComponent<TPage>> loaded,
        Action<ComponentParameterCollectionBuilder<TPage>>? parameters = null)
        where TPage : IComponent
    {
        SignInAs(TestPrincipals.Editor);
        var cut = Render(parameters ?? (_ => { }));
        cut.WaitForAssertion(() => loaded(cut));
        SignInAs(TestPrincipals.Viewer);
        return cut;
    }

    private async Task<string[]> PlansEditingAsync()
    {
        var demo = (await Plans.ListAsync(cancellationToken: Ct))[0];
        return ["#import-bundle", "#new-plan", $"button[aria-label='Delete {demo.Name}']"];
    }

    [Fact]
    public async Task ThePlansListShowsAViewerThePlansAndCompareButNoImportNewOrDelete()
    {
        var editing = await PlansEditingAsync();
        var editor = Render<PlansPage>();
        editor.WaitForAssertion(() => editor.Find("#plans-table"));
        editor.ShouldShow(editing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<PlansPage>();

        viewer.WaitForAssertion(() => viewer.FindAll("a.plan-link").ShouldNotBeEmpty());
        viewer.ShouldHide(editing);
        viewer.ShouldShow("#compare-plans");
    }

    [Fact]
    public async Task APlanDeletedByAViewerIsKept()
    {
        var demo = (await Plans.ListAsync(cancellationToken: Ct))[0];
        var dialogs = Render<MudDialogProvider>();   // the popover provider is already there
        var cut = RenderThenBecomeViewer<PlansPage>(c => c.Find("#plans-table"));

        cut.Find($"button[aria-label='Delete {demo.Name}']").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Plans.GetAsync(demo.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ABundleUploadedByAViewerIsNotEvenRead()
    {
        var before = await Plans.CountAsync(Ct);
        var cut = RenderThenBecomeViewer<PlansPage>(c => c.Find("#plans-table"));

        // Not a zip: an editor would be told why nothing was imported; a viewer's upload never gets that far.
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a zip at all", "bundle.zip"));

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        cut.ShouldHide("#import-bundle-error", "#import-bundle-done", "#import-bundle-busy");
        (await Plans.CountAsync(Ct)).ShouldBe(before);
    }

    [Fact]
    public async Task APlanShowsAViewerItsFiguresAndExportButNotReplanOrDelete()
    {
        var id = await DemoPlanIdAsync();
        string[] editing = ["#delete-plan", "a[href^='/plans/new']"];
        var editor = Render<PlanPage>(p => p.Add(x => x.Id, id));
        editor.WaitForAssertion(() => editor.Find("#plan-title"));
        editor.ShouldShow(editing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<PlanPage>(p => p.Add(x => x.Id, id));

        viewer.WaitForAssertion(() => viewer.Find("#plan-title"));
        viewer.ShouldHide(editing);
        viewer.ShouldShow("#export-plan", "#plan-comparison", "#cdf-chart", $"a[href='/plans?compare={id}']");
    }

    [Fact]
    public async Task APlanPageDeleteByAViewerKeepsThePlan()
    {
        var id = await DemoPlanIdAsync();
        var dialogs = Render<MudDialogProvider>();   // the popover provider is already there
        var cut = RenderThenBecomeViewer<PlanPage>(c => c.Find("#plan-title"), p => p.Add(x => x.Id, id));

        cut.Find("#delete-plan").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Plans.GetAsync(id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public void TheNewPlanFormTellsAViewerItIsReadOnlyAndHasNoPlanButton()
    {
        var editor = Render<NewPlanPage>();
        editor.WaitForAssertion(() => editor.Find("#plan-run"));
        editor.ShouldHide("#viewer-read-only");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<NewPlanPage>();

        viewer.WaitForAssertion(() => viewer.Find("#viewer-read-only").TextContent.ShouldContain("only editors can start planning"));
        viewer.ShouldHide("#plan-run", "#plan-cancel");
        viewer.ShouldShow("#plan-fleet", "#plan-deadline");
    }

    [Fact]
    public async Task PlanningByAViewerQueuesNoJob()
    {
        var cut = RenderThenBecomeViewer<NewPlanPage>(c => c.Find("#plan-run"));

        cut.Find("#plan-run").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        cut.ShouldHide("#plan-job", "#plan-run");
        (await Services.GetRequiredService<JobStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task TheRunsListShowsAViewerTheRunsButNoDelete()
    {
        var id = await RunToEndAsync();
        string[] editing = [".delete-run", "#runs-to-plans"];
        var editor = Render<RunsPage>();
        editor.WaitForAssertion(() => editor.Find($"tr.run-{id}"));
        editor.ShouldShow(editing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<RunsPage>();

        viewer.WaitForAssertion(() => viewer.Find($"tr.run-{id}"));
        viewer.ShouldHide(editing);
        viewer.ShouldShow("a.run-link", ".compare-check", "#compare-runs");
    }

    [Fact]
    public async Task ARunDeletedByAViewerIsKept()
    {
        var id = await RunToEndAsync();
        var dialogs = Render<MudDialogProvider>();   // the popover provider is already there
        var cut = RenderThenBecomeViewer<RunsPage>(c => c.Find($"tr.run-{id}"));

        cut.Find(".delete-run").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Runs.GetAsync(id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task ALiveRunShowsAViewerItsStateAndDevicesButNoControlsOrInjectionMenus()
    {
        var id = await StartPausedRunAsync();
        var editor = Render<RunPage>(p => p.Add(x => x.Id, id));
        editor.WaitForAssertion(() => editor.Find("#run-status").TextContent.ShouldContain("paused"));
        editor.ShouldShow(RunControls);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<RunPage>(p => p.Add(x => x.Id, id));

        viewer.WaitForAssertion(() => viewer.Find("#run-status").TextContent.ShouldContain("paused"));
        viewer.ShouldHide(RunControls);
        viewer.ShouldHide(".run-injection-parameters");
        viewer.FindAll("div.run-device").Count.ShouldBe(editor.FindAll("button.run-device").Count);
        viewer.ShouldShow("#run-clock", "#run-charts", "#run-events");
    }

    [Theory]
    [InlineData("#run-resume")]
    [InlineData("#run-step")]
    [InlineData("#run-stop")]
    public async Task ARunControlPressedByAViewerLeavesTheRunAsItWas(string button)
    {
        var id = await StartPausedRunAsync();
        var cut = RenderThenBecomeViewer<RunPage>(c => c.Find("#run-status").TextContent.ShouldContain("paused"), p => p.Add(x => x.Id, id));

        cut.Find(button).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        var live = (await Host.GetLiveAsync(id, Ct)).ShouldNotBeNull();
        live.Status.ShouldBe(RunStatus.Paused);
        live.Snapshot.Sent.ShouldBe(0);
        cut.ShouldHide("#run-request-path");
    }

    [Fact]
    public async Task ACrashInjectedByAViewerNeverReachesTheRun()
    {
        var id = await StartPausedRunAsync();
        var cut = RenderThenBecomeViewer<RunPage>(c => c.Find("#run-status").TextContent.ShouldContain("paused"), p => p.Add(x => x.Id, id));
        var device = cut.Find("button.run-device");
        var deviceId = int.Parse(device.GetAttribute("data-device")!, System.Globalization.CultureInfo.InvariantCulture);

        device.Click();
        _popovers.WaitForAssertion(() => _popovers.Find(".run-action-crash").Click());

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        var live = (await Host.GetLiveAsync(id, Ct)).ShouldNotBeNull();
        live.Snapshot.Devices.Single(d => d.DeviceId == deviceId).Up.ShouldBeTrue();
        cut.Find("#run-events").TextContent.ShouldNotContain("Operator: crash");
    }

    [Fact]
    public async Task AnEndedRunOffersAViewerNoReplayAndAReplayPressedAnywayStartsNothing()
    {
        var id = await RunToEndAsync();
        var editor = Render<RunPage>(p => p.Add(x => x.Id, id));
        editor.WaitForAssertion(() => editor.Find("#run-summary"));
        editor.ShouldShow("#run-replay", "a[href^='/runs/new']");
        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<RunPage>(p => p.Add(x => x.Id, id));
        viewer.WaitForAssertion(() => viewer.Find("#run-summary"));
        viewer.ShouldHide("#run-replay", "a[href^='/runs/new']");

        // The editor's page, still showing the menu, now belongs to a viewer.
        editor.Find("#run-replay button").Click();
        _popovers.WaitForAssertion(() => _popovers.Find(".run-replay-fast").Click());

        editor.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        Host.LiveRunIds.ShouldBeEmpty();
        (await Runs.CountAsync(Ct)).ShouldBe(1);
        Services.GetRequiredService<NavigationManager>().Uri.ShouldNotContain("/runs/");
    }

    [Fact]
    public void TheNewRunFormTellsAViewerItIsReadOnlyAndHasNoStartButton()
    {
        var editor = Render<NewRunPage>();
        editor.WaitForAssertion(() => editor.Find("#run-start"));
        editor.ShouldHide("#viewer-read-only");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<NewRunPage>();

        viewer.WaitForAssertion(() => viewer.Find("#viewer-read-only").TextContent.ShouldContain("only editors can start a run"));
        viewer.ShouldHide("#run-start");
        viewer.ShouldShow("#run-plan", "#run-duration");
    }

    [Fact]
    public async Task StartingARunAsAViewerStartsNothing()
    {
        var cut = RenderThenBecomeViewer<NewRunPage>(c => c.Find("#run-start"));

        cut.Find("#run-start").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        Host.LiveRunIds.ShouldBeEmpty();
        (await Runs.CountAsync(Ct)).ShouldBe(0);
    }
}
