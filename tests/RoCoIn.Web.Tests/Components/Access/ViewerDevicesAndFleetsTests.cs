using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Fleets.Exchange;
using RoCoIn.Web.Components.Pages.Dashboard;
using RoCoIn.Web.Components.Pages.Devices;
using RoCoIn.Web.Components.Pages.Fleets;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>
/// Devices and fleets as a viewer (ADR-013): the editing controls an editor sees are gone, and a handler reached
/// anyway (a page rendered before the user became a viewer, a dialog opened by hand) changes nothing and says why.
/// </summary>
public class ViewerDevicesAndFleetsTests : ComponentTestBase
{
    private static readonly string[] DeviceEditing =
        ["#add-device", "#add-preset", "#generate-fleet", "#import-devices", "button[aria-label='Edit mcu-01']", "button[aria-label='Delete mcu-01']"];

    private static readonly string[] FleetsEditing = ["#new-fleet", "#generate-fleet", "#import-fleet"];

    private static readonly string[] FleetEditing = ["#plan-fleet-button", "#edit-fleet", "#delete-fleet"];

    private DeviceStore Devices => Services.GetRequiredService<DeviceStore>();

    private FleetStore Fleets => Services.GetRequiredService<FleetStore>();

    /// <summary>A page an editor opened, whose user is a viewer from now on: its editing controls are still there.</summary>
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

    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsViewerAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : IComponent
    {
        SignInAs(TestPrincipals.Viewer);
        var provider = RenderDialogProvider();
        var service = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => service.ShowAsync<TDialog>(title: null, parameters ?? [], new DialogOptions()));
        provider.WaitForAssertion(() => provider.FindAll(".mud-dialog").ShouldNotBeEmpty());
        return provider;
    }

    private static void DevicesListed(IRenderedComponent<DevicesPage> cut) => cut.FindAll("td.device-name").Count.ShouldBe(14);

    [Fact]
    public void TheDevicesPageShowsAViewerEveryDeviceButNoWayToChangeThem()
    {
        var editor = Render<DevicesPage>();
        editor.WaitForAssertion(() => DevicesListed(editor));
        editor.ShouldShow(DeviceEditing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<DevicesPage>();

        viewer.WaitForAssertion(() => DevicesListed(viewer));
        viewer.ShouldHide(DeviceEditing);
        viewer.ShouldShow("#export-devices", "#devices-filter");
    }

    [Theory]
    [InlineData("#add-device")]
    [InlineData("#generate-fleet")]
    [InlineData("#import-devices")]
    [InlineData("button[aria-label='Edit mcu-01']")]
    [InlineData("button[aria-label='Delete mcu-01']")]
    public async Task ADevicesPageButtonPressedByAViewerOpensNothingAndChangesNothing(string button)
    {
        var dialogs = RenderDialogProvider();
        var cut = RenderThenBecomeViewer<DevicesPage>(DevicesListed);

        cut.Find(button).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Devices.CountAsync(Ct)).ShouldBe(14);
        (await Fleets.CountAsync(Ct)).ShouldBe(2);
        cut.ShouldHide(DeviceEditing);
    }

    [Fact]
    public async Task TheDeviceDialogSavesNothingForAViewer()
    {
        var provider = await OpenAsViewerAsync<DeviceDialog>(new DialogParameters<DeviceDialog> { { d => d.Form, new DeviceForm() } });
        provider.Find("#device-name").Input("viewer-01");
        provider.Find("#device-compute").Input("30");
        provider.Find("#device-memory").Input("500");
        provider.Find("#device-uplink").Input("1");
        provider.Find("#device-downlink").Input("1");
        provider.Find("#device-latency").Input("10");

        provider.Find("#device-save").Click();

        provider.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        provider.FindAll("#device-save").ShouldNotBeEmpty();
        (await Devices.CountAsync(Ct)).ShouldBe(14);
    }

    [Fact]
    public async Task TheDeviceImportDialogImportsNothingForAViewer()
    {
        var device = (await Devices.ListAsync(Ct))[0] with { Id = 0, Name = "viewer-01" };
        var provider = await OpenAsViewerAsync<ImportDevicesDialog>();
        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(DeviceJson.Write([device]), "devices.json"));
        provider.WaitForAssertion(() => provider.Find("#import-run").HasAttribute("disabled").ShouldBeFalse());

        provider.Find("#import-run").Click();

        provider.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Devices.CountAsync(Ct)).ShouldBe(14);
    }

    [Fact]
    public async Task TheGenerateDialogGeneratesNothingForAViewer()
    {
        var provider = await OpenAsViewerAsync<GenerateFleetDialog>();

        provider.Find("#gen-run").Click();

        provider.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Fleets.CountAsync(Ct)).ShouldBe(2);
        (await Devices.CountAsync(Ct)).ShouldBe(14);
    }

    [Fact]
    public void TheFleetsPageShowsAViewerTheFleetsButNoWayToAddOne()
    {
        var editor = Render<FleetsPage>();
        editor.WaitForAssertion(() => editor.Find("#fleets-table"));
        editor.ShouldShow(FleetsEditing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<FleetsPage>();

        viewer.WaitForAssertion(() => viewer.FindAll("#fleets-table tbody tr").Count.ShouldBe(2));
        viewer.ShouldHide(FleetsEditing);
        viewer.ShouldShow("#fleets-chart");
    }

    [Theory]
    [InlineData("#new-fleet")]
    [InlineData("#generate-fleet")]
    [InlineData("#import-fleet")]
    public async Task AFleetsPageButtonPressedByAViewerOpensNothing(string button)
    {
        var dialogs = RenderDialogProvider();
        var cut = RenderThenBecomeViewer<FleetsPage>(c => c.Find("#fleets-table"));

        cut.Find(button).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Fleets.CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public void AFleetsPageShowsAViewerItsDevicesAndExportButNotEditDeleteOrPlan()
    {
        var editor = Render<FleetDetailPage>(p => p.Add(x => x.Id, 1));
        editor.WaitForAssertion(() => editor.Find("#fleet-title"));
        editor.ShouldShow(FleetEditing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<FleetDetailPage>(p => p.Add(x => x.Id, 1));

        viewer.WaitForAssertion(() => viewer.Find("#fleet-devices"));
        viewer.ShouldHide(FleetEditing);
        viewer.ShouldShow("#export-fleet", "#fleet-chart");
    }

    [Theory]
    [InlineData("#edit-fleet")]
    [InlineData("#delete-fleet")]
    public async Task AFleetButtonPressedByAViewerOpensNothingAndKeepsTheFleet(string button)
    {
        var dialogs = RenderDialogProvider();
        var cut = RenderThenBecomeViewer<FleetDetailPage>(c => c.Find("#fleet-title"), p => p.Add(x => x.Id, 1));
        var devices = (await Fleets.GetAsync(1, Ct))!.DeviceIds;

        cut.Find(button).Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        (await Fleets.GetAsync(1, Ct))!.DeviceIds.ShouldBe(devices);
        Services.GetRequiredService<NavigationManager>().Uri.ShouldNotEndWith("/fleets");
    }

    [Fact]
    public async Task TheFleetDialogSavesNothingForAViewer()
    {
        var devices = (await Devices.ListAsync(Ct)).Take(2).Select(d => d.Id).ToList();
        var provider = await OpenAsViewerAsync<FleetDialog>(new DialogParameters<FleetDialog>
        {
            { d => d.Fleet, new Fleet { Name = "Viewer fleet", DeviceIds = devices } },
        });

        provider.Find("#fleet-save").Click();

        provider.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        provider.FindAll("#fleet-save").ShouldNotBeEmpty();
        (await Fleets.CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task TheFleetImportDialogImportsNothingForAViewer()
    {
        var fleet = (await Fleets.GetAsync(1, Ct))!;
        var file = FleetJson.Write(fleet with { Name = "Imported by a viewer" }, await Fleets.GetDevicesAsync(1, Ct));
        var provider = await OpenAsViewerAsync<ImportFleetDialog>();
        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(file, "fleet.json"));
        provider.WaitForAssertion(() => provider.Find("#fleet-import-run").HasAttribute("disabled").ShouldBeFalse());

        provider.Find("#fleet-import-run").Click();

        provider.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Fleets.CountAsync(Ct)).ShouldBe(2);
    }
}

/// <summary>The dashboard's next step for a viewer is something to read, never something to create.</summary>
public class ViewerDashboardTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    [Fact]
    public void OnAnEmptyStudioAnEditorIsAskedToAddDevicesAndAViewerToCheckThePlansLater()
    {
        var editor = Render<DashboardPage>();
        editor.WaitForAssertion(() => editor.Find("#next-step").TextContent.ShouldContain("Register your devices"));
        editor.Find("#next-step a").GetAttribute("href").ShouldBe("/devices");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<DashboardPage>();

        viewer.WaitForAssertion(() => viewer.Find("#next-step").TextContent.ShouldContain("Nothing planned yet"));
        viewer.Find("#next-step").TextContent.ShouldNotContain("Register your devices");
        viewer.Find("#next-step a").GetAttribute("href").ShouldBe("/plans");
    }
}
