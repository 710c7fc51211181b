using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class PlanningJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task PlanningTheDemoFleetShowsTheComparisonTableAndTheLatencyCdf()
    {
        // The first fleet a new database gets is the paper setting.
        var page = await studio.OpenAsync("/plans/new?fleet=1");
        await page.Locator("#plan-run").WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator(".mud-select").First.InnerTextAsync()).ShouldContain("Paper setting");
        await page.FillAsync("#plan-name", "E2E plan of the paper fleet");
        await page.FillAsync("#plan-seed", "11");

        // Retry the click until the job panel shows: the first click may race the circuit.
        for (var attempt = 0; attempt < 10 && !await page.Locator("#plan-job").IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync("#plan-run");
            try { await page.Locator("#plan-job").WaitForAsync(new() { Timeout = 2_000 }); }
            catch (TimeoutException) { /* click again */ }
        }

        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/plans/\d+$"), new() { Timeout = Timeout });
        try
        {
            await page.Locator("#plan-title", new() { HasTextString = "E2E plan" }).WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            await studio.ScreenshotAsync(page, "failure-plan-title");
            throw;
        }
        var rows = page.Locator("#plan-comparison tr.strategy-row");
        (await rows.CountAsync()).ShouldBe(6);
        (await rows.First.GetAttributeAsync("data-strategy")).ShouldBe("RoCoIn");
        (await page.InnerTextAsync("#plan-comparison")).ShouldContain("not measured yet");
        await page.Locator("#cdf-chart .js-plotly-plot .scatterlayer .trace").First.WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => document.querySelectorAll('#cdf-chart .scatterlayer .trace').length === 6", null, new() { Timeout = Timeout });
        await page.Locator("#sweep-j-chart .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("#plan-topology .topology-group").CountAsync()).ShouldBeGreaterThan(0);
        await studio.ScreenshotAsync(page, "plan-view");
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();

        await page.GotoAsync(studio.BaseUrl + "/jobs");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.GetByText("E2E plan of the paper fleet").First.WaitForAsync(new() { Timeout = Timeout });
        await studio.ScreenshotAsync(page, "jobs");
        await page.CloseAsync();
    }

    [Fact]
    public async Task NewPlanFormRejectsAnObjectiveBeyondTheDeadline()
    {
        var page = await studio.OpenAsync("/plans/new");
        await page.Locator("#plan-run").WaitForAsync(new() { Timeout = Timeout });

        await page.FillAsync("#plan-deadline", "100");
        await page.FillAsync("#plan-objective-ms", "500");
        for (var attempt = 0; attempt < 10 && !await page.Locator("#plan-form-error").IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync("#plan-run");
            try { await page.Locator("#plan-form-error").WaitForAsync(new() { Timeout = 2_000 }); }
            catch (TimeoutException) { /* click again */ }
        }

        (await page.InnerTextAsync("body")).ShouldContain("at most τ = 0.1 s");
        (await page.Locator("#plan-job").CountAsync()).ShouldBe(0);
        await page.CloseAsync();
    }
}
