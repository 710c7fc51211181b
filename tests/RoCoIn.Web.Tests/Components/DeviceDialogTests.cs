using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Web.Components.Pages.Devices;

namespace RoCoIn.Web.Tests.Components;

public class DeviceDialogTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    private async Task<(IRenderedComponent<MudDialogProvider> Provider, IDialogReference Dialog)> OpenAsync(DeviceForm form)
    {
        var provider = RenderDialogProvider();
        var service = Services.GetRequiredService<IDialogService>();
        IDialogReference? dialog = null;
        await provider.InvokeAsync(async () => dialog = await service.ShowAsync<DeviceDialog>(title: null,
            new DialogParameters<DeviceDialog> { { d => d.Form, form } }));
        provider.WaitForAssertion(() => provider.Find("#device-save"));
        return (provider, dialog!);
    }

    [Fact]
    public async Task SavingWithEmptyRequiredFieldsShowsFieldErrorsAndStoresNothing()
    {
        var (provider, _) = await OpenAsync(new DeviceForm { Name = "x" });

        provider.Find("#device-save").Click();

        provider.WaitForAssertion(() => provider.Markup.ShouldContain("Compute is required."));
        provider.Markup.ShouldContain("Model memory is required.");
        (await Services.GetRequiredService<DeviceStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task OutOfRangeValuesAreShownAtTheirFieldsInWords()
    {
        var (provider, _) = await OpenAsync(new DeviceForm { Name = "x" });

        provider.Find("#device-compute").Input("-30");
        provider.Find("#device-memory").Input("500");
        provider.Find("#device-uplink").Input("1");
        provider.Find("#device-downlink").Input("1");
        provider.Find("#device-latency").Input("10");
        provider.Find("#device-noreply").Input("1.5");
        provider.Find("#device-save").Click();

        provider.WaitForAssertion(() => provider.Markup.ShouldContain("Compute must be greater than zero"));
        provider.Markup.ShouldContain("Probability of no reply must be in [0, 1)");
        provider.Find("#device-dialog-error").TextContent.ShouldContain("Fix 2 problems");
        (await Services.GetRequiredService<DeviceStore>().CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task ValidInputInHumanUnitsIsStoredInSiUnitsAndClosesTheDialog()
    {
        var (provider, dialog) = await OpenAsync(new DeviceForm());

        provider.Find("#device-name").Input("mcu-lab");
        provider.Find("#device-compute").Input("30");
        provider.Find("#device-memory").Input("500");
        provider.Find("#device-uplink").Input("1");
        provider.Find("#device-downlink").Input("0.5");
        provider.Find("#device-latency").Input("10");
        provider.Find("#device-noreply").Input("0.05");
        provider.Find("#device-save").Click();

        var result = await dialog.Result;
        result!.Canceled.ShouldBeFalse();
        var stored = (await Services.GetRequiredService<DeviceStore>().ListAsync(Ct)).Single();
        stored.Name.ShouldBe("mcu-lab");
        stored.ComputeFlopsPerSecond.ShouldBe(30e6);
        stored.MemoryBytes.ShouldBe(500_000);
        stored.DownlinkBitsPerSecond.ShouldBe(0.5e6);
        stored.LinkLatencySeconds.ShouldBe(0.01);
    }
}
