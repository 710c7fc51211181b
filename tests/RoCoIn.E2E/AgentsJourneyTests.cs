using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class AgentsJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 90_000;

    [Fact]
    public async Task ALocalFleetOfTheDemoPlanComesUpReadyAndStopsAgain()
    {
        var page = await studio.OpenAsync("/agents?plan=1");
        await page.Locator("#start-fleet").WaitForAsync(new() { Timeout = Timeout });

        // The demo plan (asked for in the address; other tests save newer plans) and its bundled model set are preselected: one agent process per device (8).
        for (var attempt = 0; attempt < 10 && await page.Locator("#stop-fleet").CountAsync() == 0; attempt++)
        {
            await page.ClickAsync("#start-fleet");
            try { await page.Locator("#stop-fleet").WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { /* click again: the first click may race the circuit */ }
        }
        try
        {
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('#agents-table .agent-state')].filter(c => c.textContent.trim() === 'ready').length === 8",
                null, new() { Timeout = Timeout, PollingInterval = 250 });
        }
        catch (TimeoutException)
        {
            await studio.ScreenshotAsync(page, "failure-agents-ready");
            throw;
        }
        (await page.Locator("#agents-table .agent-measured").AllInnerTextsAsync()).ShouldAllBe(text => text.Contains("FLOPS"));
        await studio.ScreenshotAsync(page, "agents-local-fleet-ready");

        await page.ClickAsync("#stop-fleet");
        await page.Locator("#start-fleet").WaitForAsync(new() { Timeout = Timeout });
        await page.WaitForFunctionAsync(
            "() => [...document.querySelectorAll('#agents-table .agent-state')].every(c => c.textContent.trim() !== 'ready')",
            null, new() { Timeout = Timeout, PollingInterval = 250 });
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }
}
