using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class DevicesJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 45_000;

    [Fact]
    public async Task DeviceAddedThroughTheDialogIsListedAndSurvivesAReload()
    {
        var page = await studio.OpenAsync("/devices");
        await page.Locator("td.device-name").First.WaitForAsync(new() { Timeout = Timeout });

        await ClickUntilVisibleAsync(page, "#add-device", "#device-save");
        await page.FillAsync("#device-name", "e2e-pi");
        await page.FillAsync("#device-class", "Raspberry Pi 4");
        await page.FillAsync("#device-compute", "10000");
        await page.FillAsync("#device-memory", "1000000");
        await page.FillAsync("#device-uplink", "100");
        await page.FillAsync("#device-downlink", "100");
        await page.FillAsync("#device-latency", "1");
        await page.FillAsync("#device-noreply", "0.01");
        await page.ClickAsync("#device-save");

        var row = page.Locator("td.device-name", new() { HasTextString = "e2e-pi" });
        await row.WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("tr", new() { Has = row }).InnerTextAsync()).ShouldContain("10 GFLOPS");
        await studio.ScreenshotAsync(page, "devices-after-add");

        await page.ReloadAsync();
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("td.device-name", new() { HasTextString = "e2e-pi" }).WaitForAsync(new() { Timeout = Timeout });
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }

    [Fact]
    public async Task DialogShowsFieldErrorsForBadValuesAndSavesNothing()
    {
        var page = await studio.OpenAsync("/devices");
        await page.Locator("td.device-name").First.WaitForAsync(new() { Timeout = Timeout });
        var before = await DeviceCountAsync();

        await ClickUntilVisibleAsync(page, "#add-device", "#device-save");
        await page.FillAsync("#device-name", "e2e-bad");
        await page.FillAsync("#device-compute", "-5");
        await page.ClickAsync("#device-save");

        await page.Locator("#device-dialog-error").WaitForAsync(new() { Timeout = Timeout });
        var dialogText = await page.InnerTextAsync(".mud-dialog");
        dialogText.ShouldContain("Model memory is required.");
        dialogText.ShouldContain("Compute must be greater than zero");
        await studio.ScreenshotAsync(page, "device-dialog-errors");
        (await DeviceCountAsync()).ShouldBe(before);
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }

    [Fact]
    public async Task ImportWithOneBadRowShowsTheRowErrorAndImportsNothing()
    {
        var file = Path.Combine(Path.GetTempPath(), $"rocoin-e2e-{Guid.NewGuid():N}.csv");
        await File.WriteAllTextAsync(file,
            "name,hardware_class,compute_flops_per_s,memory_bytes,uplink_bits_per_s,downlink_bits_per_s,link_latency_s,no_reply_probability,mtbf_s,mttr_s,notes\n" +
            "imp-a,MCU,30000000,500000,1000000,1000000,0.01,0.05,,,\n" +
            "imp-b,MCU,fast,500000,1000000,1000000,0.01,0.05,,,\n",
            TestContext.Current.CancellationToken);
        try
        {
            var page = await studio.OpenAsync("/devices");
            await page.Locator("td.device-name").First.WaitForAsync(new() { Timeout = Timeout });
            var before = await DeviceCountAsync();

            await ClickUntilVisibleAsync(page, "#import-devices", "#import-file");
            await page.SetInputFilesAsync("#import-file", file);
            await page.Locator("#import-run:not([disabled])").WaitForAsync(new() { Timeout = Timeout });
            await page.ClickAsync("#import-run");

            var errors = page.Locator("#import-errors");
            await errors.WaitForAsync(new() { Timeout = Timeout });
            var text = await errors.InnerTextAsync();
            text.ShouldContain("Nothing was imported");
            text.ShouldContain("Row 2 ('imp-b')");
            text.ShouldContain("compute_flops_per_s");
            await studio.ScreenshotAsync(page, "devices-import-errors");

            (await DeviceCountAsync()).ShouldBe(before);
            await page.ClickAsync("#import-cancel");
            (await page.Locator("td.device-name", new() { HasTextString = "imp-a" }).CountAsync()).ShouldBe(0);
            await page.CloseAsync();
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<int> DeviceCountAsync()
    {
        using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl) };
        var devices = await http.GetFromJsonAsync<JsonElement>("/api/devices", TestContext.Current.CancellationToken);
        return devices.GetArrayLength();
    }

    // The first click can still race the circuit; retry until the expected element shows (state, not time).
    private static async Task ClickUntilVisibleAsync(IPage page, string button, string expected)
    {
        for (var attempt = 0; attempt < 10; attempt++)
        {
            await page.ClickAsync(button);
            try
            {
                await page.Locator(expected).WaitForAsync(new() { Timeout = 2_000 });
                return;
            }
            catch (TimeoutException)
            {
                // try again
            }
        }
        throw new TimeoutException($"{expected} did not appear after clicking {button}.");
    }
}
