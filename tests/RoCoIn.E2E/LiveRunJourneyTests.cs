using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class LiveRunJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;

    private const string SuccessValues = RunPageSteps.SuccessValues;

    [Fact]
    public async Task CrashingAGroupFromTheDevicesViewMarksTheChartDropsSuccessAndASecondBrowserSeesIt()
    {
        // Start a real-time run of the demo plan from the form (long enough not to end during the test).
        var page = await RunPageSteps.StartFromFormAsync(studio, "/runs/new?plan=1", "#run-start", 600, Timeout);
        var runUrl = page.Url;

        // A second person opens the same run in another browser.
        await using var other = await studio.LaunchOtherBrowserAsync();
        var watcher = await other.NewPageAsync(new() { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await watcher.GotoAsync(runUrl);
        await StudioBrowserFixture.WaitForCircuitAsync(watcher);

        // Let a few seconds of the run arrive, all served (every group has a live member).
        await page.WaitForFunctionAsync($"() => ({SuccessValues})().length >= 3", null, new() { Timeout = Timeout });

        // Crash every device of group 2 from its header's menu.
        await page.ClickAsync(".run-group[data-group='2'] .run-group-header");
        await page.Locator(".run-action-crash").First.ClickAsync();

        var group2 = ".run-group[data-group='2'] .run-device";
        var members = await page.Locator(group2).CountAsync();
        members.ShouldBeGreaterThan(0);
        await page.WaitForFunctionAsync($"() => document.querySelectorAll(\"{group2}.run-device-down\").length === {members}", null,
            new() { Timeout = Timeout });
        await page.WaitForFunctionAsync("() => Number(document.querySelector('#run-chart-success').dataset.markers) >= 1", null,
            new() { Timeout = Timeout });
        // Strict mode: with a whole group down no request is served, so the success rate falls to 0.
        await page.WaitForFunctionAsync($"() => {{ const y = ({SuccessValues})(); return y.length > 0 && y[y.length - 1] === 0; }}", null,
            new() { Timeout = Timeout });
        (await page.InnerTextAsync("#run-events")).ShouldContain("crash");
        await studio.ScreenshotAsync(page, "run-live-group-crashed");

        // The other browser sees the same crash.
        await watcher.WaitForFunctionAsync($"() => document.querySelectorAll(\"{group2}.run-device-down\").length === {members}", null,
            new() { Timeout = Timeout });
        await watcher.WaitForFunctionAsync("() => Number(document.querySelector('#run-chart-success').dataset.markers) >= 1", null,
            new() { Timeout = Timeout });
        await studio.ScreenshotAsync(watcher, "run-live-second-browser");

        // Pause and step one request: its path lists every group, and group 2's members as down.
        for (var attempt = 0; attempt < 10 && await page.Locator("#run-step").CountAsync() == 0; attempt++)
        {
            if (await page.IsEnabledAsync("#run-pause"))
                await page.ClickAsync("#run-pause");
            try { await page.Locator("#run-step").WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { /* a click while the button re-rendered is lost: the state decides */ }
        }
        await page.Locator("#run-step").WaitForAsync(new() { Timeout = Timeout });
        await page.ClickAsync("#run-step");
        await page.Locator("#run-request-path").WaitForAsync(new() { Timeout = Timeout });
        var path = await page.InnerTextAsync("#run-request-path");
        path.ShouldContain("Group 1");
        path.ShouldContain("Group 3");
        path.ShouldContain("down");
        await studio.ScreenshotAsync(page, "run-paused-stepped");
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();

        await page.ClickAsync("#run-stop");
        await page.Locator("#run-summary").WaitForAsync(new() { Timeout = Timeout });
        (await page.InnerTextAsync("#run-summary")).ShouldContain("Resilience");
        await studio.ScreenshotAsync(page, "run-stopped-summary");
        await page.CloseAsync();
    }
}
