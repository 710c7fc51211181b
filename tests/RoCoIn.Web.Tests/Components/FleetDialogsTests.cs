using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Web.Components.Pages.Devices;
using RoCoIn.Web.Components.Pages.Fleets;

namespace RoCoIn.Web.Tests.Components;

public class FleetDialogsTests : ComponentTestBase
{
    private async Task<IRenderedComponent<MudDialogProvider>> OpenAsync<TDialog>(DialogParameters? parameters = null)
        where TDialog : Microsoft.AspNetCore.Components.IComponent
    {
        var provider = RenderDialogProvider();
        var service = Services.GetRequiredService<IDialogService>();
        await provider.InvokeAsync(() => service.ShowAsync<TDialog>(title: null, parameters ?? [], new DialogOptions()));
        provider.WaitForAssertion(() => provider.FindAll(".mud-dialog").ShouldNotBeEmpty());
        return provider;
    }

    [Fact]
    public async Task GenerateDialogRejectsACountOfZeroAndAnInvertedRangeAtTheirFields()
    {
        var provider = await OpenAsync<GenerateFleetDialog>();
        var devicesBefore = await Services.GetRequiredService<DeviceStore>().CountAsync(Ct);

        provider.Find("#gen-count").Input("0");
        provider.FindAll("input").Single(i => i.GetAttribute("value") == "5" && i.ParentElement!.TextContent.Contains("MFLOPS", StringComparison.Ordinal)).Input("40");
        provider.Find("#gen-run").Click();

        provider.WaitForAssertion(() => provider.Markup.ShouldContain("Count must be between 1 and 1000 (got 0)"));
        provider.Markup.ShouldContain("Compute 'to' (30 MFLOPS) must not be below 'from' (40 MFLOPS)");
        (await Services.GetRequiredService<DeviceStore>().CountAsync(Ct)).ShouldBe(devicesBefore);
    }

    [Fact]
    public async Task GenerateDialogProposesAFreePrefixAndCreatesTheFleet()
    {
        var provider = await OpenAsync<GenerateFleetDialog>();

        provider.Find("#gen-prefix").GetAttribute("value").ShouldBe("edge");
        provider.Find("#gen-run").Click();

        var fleets = Services.GetRequiredService<FleetStore>();
        provider.WaitForAssertion(() => fleets.ListAsync(Ct).GetAwaiter().GetResult().Count.ShouldBe(3));
        (await Services.GetRequiredService<DeviceStore>().ListAsync(Ct)).Count(d => d.Name.StartsWith("edge-", StringComparison.Ordinal)).ShouldBe(8);
    }

    [Fact]
    public async Task FleetDialogRequiresANameAndRefusesADuplicate()
    {
        var provider = await OpenAsync<FleetDialog>(new DialogParameters<FleetDialog> { { d => d.Fleet, new Fleet { Name = "" } } });

        provider.Find("#fleet-save").Click();
        provider.WaitForAssertion(() => provider.Markup.ShouldContain("Name is required."));

        provider.Find("#fleet-name").Input("Mixed edge lab");
        provider.Find("#fleet-save").Click();
        provider.WaitForAssertion(() => provider.Markup.ShouldContain("already exists"));
        (await Services.GetRequiredService<FleetStore>().CountAsync(Ct)).ShouldBe(2);
    }

    [Fact]
    public async Task FleetImportOfABadFileListsTheErrorsAndImportsNothing()
    {
        var provider = await OpenAsync<ImportFleetDialog>();

        provider.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(
            """{ "format": "rocoin-fleet", "version": 1, "name": "x", "devices": [ { "name": "y", "computeFlopsPerSecond": "fast" } ] }""",
            "fleet.json"));
        provider.WaitForAssertion(() => provider.Find("#fleet-import-run").HasAttribute("disabled").ShouldBeFalse());
        provider.Find("#fleet-import-run").Click();

        provider.WaitForAssertion(() => provider.Find("#fleet-import-errors").TextContent.ShouldContain("Row 1 ('y'), computeFlopsPerSecond"));
        (await Services.GetRequiredService<FleetStore>().CountAsync(Ct)).ShouldBe(2);
    }
}
