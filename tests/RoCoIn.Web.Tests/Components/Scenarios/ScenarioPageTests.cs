using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Components.Pages.Scenarios;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Tests.Components.Scenarios;

public class ScenarioPageTests : ComponentTestBase
{
    private static readonly Scenario TwoEvents = new("Two events", "A crash and a straggler.",
    [
        new(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 10, 10),
        new(FailureEffect.Slow(3), TargetSelector.InGroup(1), null, 30, null),
    ]);

    public ScenarioPageTests()
    {
        Services.AddScoped<RunInputAssembler>();
        Render<MudPopoverProvider>();
    }

    private ScenarioStore Store => Services.GetRequiredService<ScenarioStore>();

    private async Task<IRenderedComponent<ScenarioPage>> RenderSavedAsync(Scenario scenario)
    {
        var saved = await Store.CreateAsync(scenario, Ct);
        saved.Status.ShouldBe(StoreStatus.Ok);
        var cut = Render<ScenarioPage>(p => p.Add(x => x.Id, saved.Value!.Id));
        cut.WaitForAssertion(() => cut.FindAll("tr.event-row").Count.ShouldBe(scenario.Events.Count));
        return cut;
    }

    [Fact]
    public async Task TheEditorShowsTheSavedEventsAndTheirTimeline()
    {
        var cut = await RenderSavedAsync(TwoEvents);

        cut.Find("#scenario-title").TextContent.ShouldBe("Two events");
        cut.Find(".event-row-0 .event-start input").GetAttribute("value").ShouldBe("10");
        cut.Find(".event-row-0 .event-count input").GetAttribute("value").ShouldBe("1");
        cut.Find(".event-row-1 .event-target-value input").GetAttribute("value").ShouldBe("1");
        cut.Find(".event-row-1 .event-slow input").GetAttribute("value").ShouldBe("3");
        cut.Find(".event-row-1 .event-duration").TextContent.ShouldContain("empty: to the end of the run");
        cut.Find("#scenario-timeline").ShouldNotBeNull();
        cut.FindAll(".field-error, .field-invalid").ShouldBeEmpty();
    }

    [Fact]
    public async Task ValidatorMessagesAppearAtTheFieldTheyConcern()
    {
        var cut = await RenderSavedAsync(TwoEvents);

        cut.Find(".event-row-0 .event-start input").Change("-5");
        cut.Find(".event-row-1 .event-slow input").Change("0.5");
        cut.Find(".event-row-0 .event-target-value input").Change("");
        cut.Find(".event-row-0 .event-duration input").Change("0");

        cut.WaitForAssertion(() => cut.Find(".event-row-0 td.col-start").TextContent.ShouldContain("The start must be at least 0 s (got -5 s)."));
        cut.Find(".event-row-1 td.col-failure").TextContent.ShouldContain("The slow-down factor must lie in [1, 1000] (got 0.5).");
        cut.Find(".event-row-0 td.col-target").TextContent.ShouldContain("A device-name pattern is required");
        cut.Find(".event-row-0 td.col-duration").TextContent.ShouldContain("The duration must be above 0 s");
        // Each message sits at its own field only.
        cut.Find(".event-row-1 td.col-start").TextContent.ShouldNotContain("must");
        cut.FindAll(".event-row-0 .field-invalid").Count.ShouldBe(3);
        cut.FindAll(".event-row-1 .field-invalid").Count.ShouldBe(1);
        cut.Find("#scenario-unsaved").ShouldNotBeNull();
    }

    [Fact]
    public async Task SaveStoresNothingWhileAFieldIsInvalidAndEverythingOnceValid()
    {
        var cut = await RenderSavedAsync(TwoEvents);
        var id = (await Store.ListAsync(Ct)).Single().Id;

        cut.Find(".event-row-0 .event-start input").Change("-5");
        cut.Find(".scenario-name input").Input("Renamed");
        cut.Find("#save-scenario").Click();

        cut.WaitForAssertion(() => cut.Find("#save-errors").TextContent.ShouldContain("Not saved: 1 problem"));
        (await Store.GetAsync(id, Ct))!.Scenario.ShouldBe(TwoEvents);

        cut.Find(".event-row-0 .event-start input").Change("12.5");
        cut.Find("#save-scenario").Click();

        cut.WaitForAssertion(() => cut.FindAll("#scenario-unsaved").ShouldBeEmpty());
        var saved = (await Store.GetAsync(id, Ct))!.Scenario;
        saved.Name.ShouldBe("Renamed");
        saved.Events[0].StartSeconds.ShouldBe(12.5);
        saved.Events[1].ShouldBe(TwoEvents.Events[1]);
    }

    [Fact]
    public async Task ANameTakenByAnotherScenarioIsReportedAtTheNameField()
    {
        (await Store.CreateAsync(ScenarioLibrary.SingleCrash, Ct)).Status.ShouldBe(StoreStatus.Ok);
        var cut = await RenderSavedAsync(TwoEvents);

        cut.Find(".scenario-name input").Input(ScenarioLibrary.SingleCrash.Name.ToUpperInvariant());
        cut.Find("#save-scenario").Click();

        cut.WaitForAssertion(() => cut.Find(".field-name").TextContent.ShouldContain("already exists; names must be unique"));
    }

    [Fact]
    public async Task AddingAndRemovingEventsChangesTheTable()
    {
        var cut = await RenderSavedAsync(TwoEvents);

        cut.Find("#add-event").Click();
        cut.WaitForAssertion(() => cut.FindAll("tr.event-row").Count.ShouldBe(3));
        // A new event starts after the last one's start (open-ended events count 10 s).
        cut.Find(".event-row-2 .event-start input").GetAttribute("value").ShouldBe("40");
        cut.Find("button[aria-label='Remove event 1']").Click();

        cut.WaitForAssertion(() => cut.FindAll("tr.event-row").Count.ShouldBe(2));
        cut.Find(".event-row-0 .event-slow input").GetAttribute("value").ShouldBe("3");
    }

    [Fact]
    public async Task ANewScenarioIsSavedAndOpensAtItsAddress()
    {
        var navigation = Services.GetRequiredService<NavigationManager>();
        var cut = Render<ScenarioPage>();
        cut.WaitForAssertion(() => cut.Find("#scenario-title").TextContent.ShouldBe("New scenario"));

        cut.Find(".scenario-name input").Input("Crash at 10 s");
        cut.Find("#add-event").Click();
        cut.Find("#save-scenario").Click();

        cut.WaitForAssertion(() => navigation.Uri.ShouldNotEndWith("/"));
        var saved = (await Store.ListAsync(Ct)).ShouldHaveSingleItem();
        saved.Name.ShouldBe("Crash at 10 s");
        navigation.Uri.ShouldEndWith($"/scenarios/{saved.Id}");
        (await Store.GetAsync(saved.Id, Ct))!.Scenario.Events.ShouldHaveSingleItem()
            .ShouldBe(new ScenarioEvent(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), 10, 10));
    }

    [Fact]
    public async Task CheckingAgainstAPlanListsTheResolvedFailuresOrTheErrorsPerEvent()
    {
        var cut = await RenderSavedAsync(TwoEvents);
        cut.WaitForAssertion(() => cut.Find("#check-scenario").HasAttribute("disabled").ShouldBeFalse());

        cut.Find("#check-scenario").Click();

        cut.WaitForAssertion(() => cut.Find("#check-title").TextContent.ShouldContain("failures"));
        cut.Find("#check-title").TextContent.ShouldContain("with seed 1");
        var rows = cut.FindAll("#check-failures tbody tr");
        rows.Count.ShouldBeGreaterThanOrEqualTo(2);
        rows[0].TextContent.ShouldContain("crash");
        rows[0].TextContent.ShouldContain("10 s");
        rows[^1].TextContent.ShouldContain("straggler ×3");
        rows[^1].TextContent.ShouldContain("to the end of the run");

        cut.Find(".event-row-1 .event-target-value input").Change("9");
        cut.Find("#check-scenario").Click();

        cut.WaitForAssertion(() => cut.Find("#check-errors").TextContent.ShouldContain("Event 2: Group 9 does not exist"));
        cut.Find(".event-row-1 td.col-target").TextContent.ShouldContain("Group 9 does not exist");
    }
}
