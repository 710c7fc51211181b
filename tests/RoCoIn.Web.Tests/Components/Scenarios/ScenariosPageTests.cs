using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Components.Pages.Scenarios;

namespace RoCoIn.Web.Tests.Components.Scenarios;

public class ScenariosPageTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    private ScenarioStore Store => Services.GetRequiredService<ScenarioStore>();

    [Fact]
    public void WithoutScenariosThePageOffersTheLibraryAndANewOne()
    {
        var cut = Render<ScenariosPage>();

        cut.WaitForAssertion(() => cut.Find("#scenarios-empty").TextContent.ShouldContain("No scenarios yet"));
        cut.Find("#scenarios-empty").TextContent.ShouldContain("Add from library");
        cut.Find("#scenarios-empty a").GetAttribute("href").ShouldBe("/scenarios/new");
    }

    [Fact]
    public async Task AddingFromTheLibrarySavesACopyUnderAFreeName()
    {
        (await Store.CreateAsync(ScenarioLibrary.RollingCrash, Ct)).Status.ShouldBe(StoreStatus.Ok);
        var popovers = Render<MudPopoverProvider>();
        var cut = Render<ScenariosPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.scenario-row").Count.ShouldBe(1));

        cut.Find("#add-from-library button").Click();
        popovers.WaitForAssertion(() => popovers.FindAll(".library-item").Count.ShouldBe(ScenarioLibrary.All.Count));
        popovers.FindAll(".library-item").Single(i => i.TextContent.Contains(ScenarioLibrary.RollingCrash.Name, StringComparison.Ordinal)).Click();

        cut.WaitForAssertion(() => cut.FindAll("tr.scenario-row").Count.ShouldBe(2));
        cut.FindAll("a.scenario-link").Select(a => a.TextContent).ShouldBe(["Rolling crash", "Rolling crash (2)"]);
        var copy = (await Store.ListAsync(Ct)).Single(s => s.Name == "Rolling crash (2)");
        (await Store.GetAsync(copy.Id, Ct))!.Scenario.Events.ShouldBe(ScenarioLibrary.RollingCrash.Events);
        cut.Find("tr.scenario-row").TextContent.ShouldContain("3");
    }

    [Fact]
    public async Task DuplicateAndDeleteWorkOnTheSavedScenarios()
    {
        (await Store.CreateAsync(ScenarioLibrary.Stragglers, Ct)).Status.ShouldBe(StoreStatus.Ok);
        var dialogs = RenderDialogProvider();
        var cut = Render<ScenariosPage>();
        cut.WaitForAssertion(() => cut.FindAll("tr.scenario-row").Count.ShouldBe(1));

        cut.Find("button.duplicate-scenario").Click();
        cut.WaitForAssertion(() => cut.FindAll("a.scenario-link").Select(a => a.TextContent).ShouldBe(["Stragglers", "Stragglers (copy)"]));
        cut.FindAll("button.delete-scenario")[0].Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Delete 'Stragglers'?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        cut.WaitForAssertion(() => cut.FindAll("a.scenario-link").Select(a => a.TextContent).ShouldBe(["Stragglers (copy)"]));
    }
}
