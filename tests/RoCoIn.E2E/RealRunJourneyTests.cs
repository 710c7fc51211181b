using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class RealRunJourneyTests(StudioBrowserFixture studio)
{
    // Bringing 8 agent processes up on a busy 2-core machine takes a while.
    private const float Timeout = 150_000;

    private const string SuccessValues = RunPageSteps.SuccessValues;

    [Fact]
    public async Task KillingAndHangingAgentsFromTheDevicesViewShowsThemDownWhileTheRunGoesOnThenSimAndRealAreCompared()
    {
        // A real run of the demo plan (groups of 3, 3 and 2 devices) on local agents, from the form.
        var page = await RunPageSteps.StartFromFormAsync(studio, "/runs/new?plan=1&kind=real", "#run-real-note", 300, Timeout);
        try
        {
            await page.Locator("#run-kind-real").WaitForAsync(new() { Timeout = Timeout });

            // Once the agents serve, seconds of real traffic arrive.
            await page.WaitForFunctionAsync($"() => ({SuccessValues})().length >= 2", null, new() { Timeout = Timeout, PollingInterval = 250 });

            // Kill the first agent of group 1 from its device's menu.
            var device = page.Locator(".run-group[data-group='1'] .run-device").First;
            var deviceId = await device.GetAttributeAsync("data-device");
            await device.ClickAsync();
            await page.Locator(".run-action-crash").First.ClickAsync();
            var killed = $".run-device[data-device='{deviceId}']";
            await page.WaitForFunctionAsync($"() => document.querySelector(\"{killed}\")?.classList.contains('run-device-down')", null,
                new() { Timeout = Timeout, PollingInterval = 250 });
            await page.WaitForFunctionAsync("() => Number(document.querySelector('#run-chart-success').dataset.markers) >= 1", null,
                new() { Timeout = Timeout });

            // The run goes on: the group's other members answer, so later seconds are still fully served (percent).
            var points = await page.EvaluateAsync<int>($"() => ({SuccessValues})().length");
            await page.WaitForFunctionAsync(
                $"() => {{ const y = ({SuccessValues})(); return y.length >= {points + 3} && y[y.length - 1] === 100; }}", null,
                new() { Timeout = Timeout, PollingInterval = 250 });
            (await page.InnerTextAsync("#run-events")).ShouldContain("killed its agent process");

            // Hang the first agent of group 2 (SIGSTOP): connected but silent, it is shown down within the hub's timeout.
            var silent = page.Locator(".run-group[data-group='2'] .run-device").First;
            var silentId = await silent.GetAttributeAsync("data-device");
            await silent.ClickAsync();
            await page.Locator(".run-action-hang").First.ClickAsync();
            await page.WaitForFunctionAsync($"() => document.querySelector(\".run-device[data-device='{silentId}']\")?.classList.contains('run-device-down')", null,
                new() { Timeout = Timeout, PollingInterval = 250 });
            (await page.InnerTextAsync("#run-events")).ShouldContain("stopped its agent process (SIGSTOP)");
            points = await page.EvaluateAsync<int>($"() => ({SuccessValues})().length");
            await page.WaitForFunctionAsync(
                $"() => {{ const y = ({SuccessValues})(); return y.length >= {points + 2} && y[y.length - 1] === 100; }}", null,
                new() { Timeout = Timeout, PollingInterval = 250 });
            await studio.ScreenshotAsync(page, "real-run-agent-killed");

            // Stop: the summary puts the measurement beside the simulation of the same inputs and the closed form.
            await page.ClickAsync("#run-stop");
            await page.Locator("#run-summary").WaitForAsync(new() { Timeout = Timeout });
            await page.Locator("#run-comparison .run-simulated").First.WaitForAsync(new() { Timeout = Timeout });
            (await page.InnerTextAsync("#run-comparison")).ShouldContain("Gap (measured − simulation)");
            (await page.InnerTextAsync("#run-failures")).ShouldContain("Crash");
            await studio.ScreenshotAsync(page, "real-run-sim-vs-real");
            (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        }
        catch (TimeoutException)
        {
            await studio.ScreenshotAsync(page, "failure-real-run");
            throw;
        }
        finally
        {
            // The fleet outlives a run (the next one reuses it); this test stops it so later tests start clean.
            await page.APIRequest.DeleteAsync($"{studio.BaseUrl}/api/agents/local-fleet");
            await page.CloseAsync();
        }
    }
}
