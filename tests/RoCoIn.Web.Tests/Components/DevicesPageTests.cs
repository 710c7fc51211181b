using RoCoIn.Web.Components.Pages.Devices;

namespace RoCoIn.Web.Tests.Components;

public class DevicesPageTests : ComponentTestBase
{
    [Fact]
    public void ListsEveryStoredDeviceWithHumanUnits()
    {
        var cut = Render<DevicesPage>();

        cut.WaitForAssertion(() => cut.FindAll("td.device-name").Count.ShouldBe(14));
        cut.Markup.ShouldContain("500 KB");
        cut.Markup.ShouldContain("MFLOPS");
        cut.Markup.ShouldContain("14 devices");
    }

    [Fact]
    public void FilterKeepsOnlyMatchingRows()
    {
        var cut = Render<DevicesPage>();
        cut.WaitForAssertion(() => cut.FindAll("td.device-name").Count.ShouldBe(14));

        cut.Find("#devices-filter").Input("mcu");

        cut.WaitForAssertion(() =>
            cut.FindAll("td.device-name").Select(td => td.TextContent).ShouldBe(["mcu-01", "mcu-02"]));
    }

    [Fact]
    public void SortingByComputePutsTheSlowestDeviceFirst()
    {
        var cut = Render<DevicesPage>();
        cut.WaitForAssertion(() => cut.FindAll("td.device-name").Count.ShouldBe(14));

        cut.FindAll("th .mud-table-sort-label").Single(th => th.TextContent.Trim() == "Compute").Click();

        cut.WaitForAssertion(() =>
        {
            var names = cut.FindAll("td.device-name").Select(td => td.TextContent).ToList();
            names[0].ShouldStartWith("paper-");
            names[^1].ShouldBe("nano-01");
        });
    }

    [Fact]
    public void DeleteOfADeviceInAFleetAsksForASecondConfirmationNamingTheFleet()
    {
        var dialogs = RenderDialogProvider();
        var cut = Render<DevicesPage>();
        cut.WaitForAssertion(() => cut.FindAll("td.device-name").Count.ShouldBe(14));

        cut.Find("button[aria-label='Delete mcu-01']").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Delete mcu-01?"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();

        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Mixed edge lab"));
        dialogs.Markup.ShouldContain("Delete and remove from fleets");
    }
}

public class DevicesPageEmptyTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    [Fact]
    public void EmptyDatabaseShowsWhatToDoFirst()
    {
        var cut = Render<DevicesPage>();

        cut.WaitForAssertion(() => cut.Find("#devices-empty").TextContent.ShouldContain("No devices yet"));
        cut.Find("#devices-empty").TextContent.ShouldContain("Add a device");
        cut.FindAll("#devices-table").ShouldBeEmpty();
    }
}
