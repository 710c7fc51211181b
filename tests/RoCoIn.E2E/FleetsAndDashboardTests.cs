using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class FleetsAndDashboardTests(StudioBrowserFixture studio)
{
    private const float Timeout = 45_000;

    [Fact]
    public async Task FleetPageDrawsComputeAgainstLinkRateForEveryDevice()
    {
        var page = await studio.OpenAsync("/fleets");
        await page.Locator("#fleets-table a", new() { HasTextString = "Paper setting" }).ClickAsync();

        await page.Locator("#fleet-title").WaitForAsync(new() { Timeout = Timeout });
        await page.Locator("#fleet-chart .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = Timeout });
        // One marker per device of the paper's 8-device fleet.
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#fleet-chart .scatterlayer .point').length === 8",
            null, new() { Timeout = Timeout });
        (await page.InnerTextAsync("#fleet-devices")).ShouldContain("paper-01");
        await studio.ScreenshotAsync(page, "fleet-detail");
        await page.CloseAsync();
    }

    [Fact]
    public async Task DashboardShowsCountsAndTheNextStep()
    {
        var page = await studio.OpenAsync("/");

        await page.Locator("#next-step").WaitForAsync(new() { Timeout = Timeout });
        (await page.InnerTextAsync("#count-fleets")).ShouldContain("2");
        (await page.InnerTextAsync("#count-plans")).ShouldNotContain("0\n");
        (await page.InnerTextAsync("#next-step")).ShouldContain("Open plan");
        await studio.ScreenshotAsync(page, "dashboard");
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }

    [Fact]
    public async Task ThemeToggleSwitchesToTheDarkPalette()
    {
        var page = await studio.OpenAsync("/fleets");
        await page.Locator("#fleets-chart .js-plotly-plot").First.WaitForAsync(new() { Timeout = Timeout });
        const string background = "() => getComputedStyle(document.documentElement).getPropertyValue('--mud-palette-background').trim()";
        var light = await page.EvaluateAsync<string>(background);

        for (var attempt = 0; attempt < 10 && await page.EvaluateAsync<string>(background) == light; attempt++)
        {
            await page.ClickAsync("#theme-toggle");
            try { await page.WaitForFunctionAsync($"() => ({background})() !== '{light}'", null, new() { Timeout = 2_000 }); }
            catch (TimeoutException) { /* the circuit may not have been ready; click again */ }
        }

        (await page.EvaluateAsync<string>(background)).ShouldNotBe(light);
        await studio.ScreenshotAsync(page, "fleets-dark");
        await page.CloseAsync();
    }

    [Fact]
    public async Task ApiDocsPageRendersTheOperationsFromTheOpenApiDocument()
    {
        var page = await studio.Browser.NewPageAsync();
        await page.GotoAsync(studio.BaseUrl + "/api/docs/");

        await page.GetByText("/api/devices/import").First.WaitForAsync(new() { Timeout = Timeout });
        await studio.ScreenshotAsync(page, "api-docs");
        await page.CloseAsync();
    }
}
