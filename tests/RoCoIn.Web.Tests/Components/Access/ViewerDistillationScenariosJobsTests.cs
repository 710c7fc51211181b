using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Components.Pages.Distillation;
using RoCoIn.Web.Components.Pages.Jobs;
using RoCoIn.Web.Components.Pages.Scenarios;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Extensions;
using RoCoIn.Web.Runs;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>
/// Distillation, model sets, scenarios and jobs as a viewer (ADR-013): forms and lists to read, no start, save, copy,
/// delete or cancel; a handler reached anyway (a page rendered before the user became a viewer) changes nothing and
/// says why.
/// </summary>
public class ViewerDistillationScenariosJobsTests : ComponentTestBase
{
    private readonly IRenderedComponent<MudPopoverProvider> _popovers;

    public ViewerDistillationScenariosJobsTests()
    {
        // The studio's own registrations; the job runner is a hosted service, which bUnit never starts.
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddLogging();
        Services.AddRoCoInJobs();
        Services.AddRoCoInDistillation();
        Services.AddScoped<RunInputAssembler>();
        _popovers = Render<MudPopoverProvider>();
    }

    private JobStore Jobs => Services.GetRequiredService<JobStore>();

    private ScenarioStore Scenarios => Services.GetRequiredService<ScenarioStore>();

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

    [Fact]
    public void TheDistillationFormTellsAViewerItIsReadOnlyAndHasNoStartButton()
    {
        var editor = Render<DistillationPage>();
        editor.WaitForAssertion(() => editor.Find("#dist-start"));
        editor.ShouldHide("#viewer-read-only");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<DistillationPage>();

        viewer.WaitForAssertion(() => viewer.Find("#viewer-read-only").TextContent.ShouldContain("only editors can start or cancel a distillation"));
        viewer.ShouldHide("#dist-start", "#dist-cancel");
        viewer.ShouldShow("#dist-plan", "#dist-student-epochs");
    }

    [Fact]
    public async Task ADistillationStartedByAViewerQueuesNoJob()
    {
        var cut = RenderThenBecomeViewer<DistillationPage>(c => c.Find("#dist-start"));

        cut.Find("#dist-start").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        cut.ShouldHide("#dist-job");
        (await Jobs.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task AModelSetShowsAViewerItsFiguresButNoDeleteAndADeletePressedAnywayKeepsIt()
    {
        var store = Services.GetRequiredService<ModelSetStore>();
        var id = await store.SaveAsync("Tiny set", null, null, ModelSetBuilder.Result([(40, "s-mcu"), (24, "s-mcu")]), Ct);
        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<ModelSetPage>(p => p.Add(x => x.Id, id));
        viewer.WaitForAssertion(() => viewer.Find("#model-set-title").TextContent.ShouldContain("Tiny set"));
        viewer.ShouldHide("#delete-model-set");
        viewer.ShouldShow("#accuracy-table");

        var dialogs = Render<MudDialogProvider>();
        var cut = RenderThenBecomeViewer<ModelSetPage>(c => c.Find("#delete-model-set"), p => p.Add(x => x.Id, id));
        cut.Find("#delete-model-set").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await store.GetAsync(id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task TheScenarioEditorTellsAViewerItIsReadOnlyAndHasNoSaveButton()
    {
        var saved = (await Scenarios.CreateAsync(ScenarioLibrary.RollingCrash, Ct)).Value!;
        var editor = Render<ScenarioPage>(p => p.Add(x => x.Id, saved.Id));
        editor.WaitForAssertion(() => editor.Find("#save-scenario"));
        editor.ShouldHide("#viewer-read-only");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<ScenarioPage>(p => p.Add(x => x.Id, saved.Id));

        viewer.WaitForAssertion(() => viewer.Find("#viewer-read-only").TextContent.ShouldContain("only editors can save it"));
        viewer.ShouldHide("#save-scenario");
        viewer.ShouldShow("#scenario-name", "#scenario-events");
    }

    [Fact]
    public async Task AScenarioSavedByAViewerIsNotStored()
    {
        var before = await Scenarios.CountAsync(Ct);
        var cut = RenderThenBecomeViewer<ScenarioPage>(c => c.Find("#save-scenario"));

        cut.Find("#save-scenario").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Scenarios.CountAsync(Ct)).ShouldBe(before);
        Services.GetRequiredService<NavigationManager>().Uri.ShouldNotContain("/scenarios/");
    }

    [Fact]
    public async Task TheScenariosListShowsAViewerTheScenariosButNoNewCopyOrDelete()
    {
        await Scenarios.CreateAsync(ScenarioLibrary.RollingCrash, Ct);
        string[] editing = ["#add-from-library", "#new-scenario", ".duplicate-scenario", ".delete-scenario"];
        var editor = Render<ScenariosPage>();
        editor.WaitForAssertion(() => editor.Find("tr.scenario-row"));
        editor.ShouldShow(editing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<ScenariosPage>();

        viewer.WaitForAssertion(() => viewer.Find("tr.scenario-row"));
        viewer.ShouldHide(editing);
        viewer.ShouldShow("a.scenario-link");
    }

    [Theory]
    [InlineData(".duplicate-scenario")]
    [InlineData(".delete-scenario")]
    public async Task AScenarioCopiedOrDeletedByAViewerIsLeftAsItWas(string button)
    {
        await Scenarios.CreateAsync(ScenarioLibrary.RollingCrash, Ct);
        var before = await Scenarios.CountAsync(Ct);
        var dialogs = Render<MudDialogProvider>();
        var cut = RenderThenBecomeViewer<ScenariosPage>(c => c.Find("tr.scenario-row"));

        cut.Find(button).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Scenarios.CountAsync(Ct)).ShouldBe(before);
    }

    [Fact]
    public async Task AnExampleAddedFromTheLibraryByAViewerIsNotStored()
    {
        var before = await Scenarios.CountAsync(Ct);
        var cut = RenderThenBecomeViewer<ScenariosPage>(c => c.Find("#add-from-library"));

        cut.Find("#add-from-library button").Click();
        _popovers.WaitForAssertion(() => _popovers.FindAll(".library-item").Count.ShouldBe(ScenarioLibrary.All.Count));
        _popovers.FindAll(".library-item")[0].Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Scenarios.CountAsync(Ct)).ShouldBe(before);
    }

    [Fact]
    public async Task TheJobsListShowsAViewerTheQueueButNoCancelAndACancelPressedAnywayKeepsTheJob()
    {
        var queued = await Jobs.CreateAsync(JobKind.Planning, "Plan the lab fleet", "{}", Ct);
        var cancel = $"button[aria-label='Cancel job {queued}']";
        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<JobsPage>();
        viewer.WaitForAssertion(() => viewer.Find(".job-status").TextContent.Trim().ShouldBe("Queued"));
        viewer.ShouldHide(cancel);

        var dialogs = Render<MudDialogProvider>();
        var cut = RenderThenBecomeViewer<JobsPage>(c => c.Find(cancel));
        cut.Find(cancel).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Jobs.GetAsync(queued, Ct))!.Status.ShouldBe(JobStatus.Queued);
    }
}
