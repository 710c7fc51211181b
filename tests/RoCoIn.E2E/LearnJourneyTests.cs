using Microsoft.Playwright;

namespace RoCoIn.E2E;

/// <summary>
/// Issue 9 in a browser: walk a lesson to its end, present it (large type, no editing controls), and open a shared link
/// of one step in another browser with the same figures.
/// </summary>
[Collection(StudioInBrowser.Name)]
public class LearnJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task ATeacherWalksTheRedundancyLessonInPresenterModeAndASharedLinkShowsTheSameFigures()
    {
        var page = await studio.OpenAsync("/learn");
        await page.ClickAsync("a[href^='/learn/redundancy']");
        await page.Locator("#lesson-step-title").WaitForAsync(new() { Timeout = Timeout });
        await StudioBrowserFixture.WaitForCircuitAsync(page);

        // Presenter mode from the top bar: the address carries it, so a copied link opens the same way.
        await page.ClickAsync("#presenter-toggle");
        await page.WaitForURLAsync("**present=1**", new() { Timeout = Timeout });

        // Walk every step to the end with Next; each shows a figure computed by the engine.
        var steps = 1;
        while (await page.Locator("#lesson-next").CountAsync() > 0)
        {
            var title = await page.InnerTextAsync("#lesson-step-title");
            await page.ClickAsync("#lesson-next");
            await page.WaitForFunctionAsync("t => document.querySelector('#lesson-step-title')?.innerText !== t", title, new() { Timeout = Timeout });
            await page.Locator("[data-figure]").First.WaitForAsync(new() { Timeout = Timeout });
            steps++;
        }
        steps.ShouldBeGreaterThanOrEqualTo(3);
        (await page.Locator("#lesson-try").CountAsync()).ShouldBe(1);
        (await page.Locator("#lesson-widget-error").CountAsync()).ShouldBe(0);
        page.Url.ShouldContain("present=1");
        await studio.ScreenshotAsync(page, "learn-redundancy-presenter");

        // One step with K = 4, as a link: another browser (no presenter state of its own) shows identical figures.
        await page.GotoAsync(studio.BaseUrl + "/learn/redundancy/2?k=4&present=1");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("[data-figure]").First.WaitForAsync(new() { Timeout = Timeout });
        var figures = await FiguresAsync(page);
        figures.ShouldNotBeEmpty();
        await using var other = await studio.LaunchOtherBrowserAsync();
        var shared = await other.NewPageAsync();
        await shared.GotoAsync(studio.BaseUrl + "/learn/redundancy/2?k=4&present=1");
        await StudioBrowserFixture.WaitForCircuitAsync(shared);
        await shared.Locator("[data-figure]").First.WaitForAsync(new() { Timeout = Timeout });
        (await FiguresAsync(shared)).ShouldBe(figures);
        await studio.ScreenshotAsync(shared, "learn-shared-link");

        // Presenting hides editing controls on the real pages too (it lasts for the tab), and switching it off brings them back.
        await page.ClickAsync("nav a[href='/devices'], .mud-navmenu a[href='/devices']");
        await page.Locator("#devices-table").WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("#add-device").CountAsync()).ShouldBe(0);
        await page.ClickAsync("#presenter-toggle");
        await page.Locator("#add-device").WaitForAsync(new() { Timeout = Timeout });
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }

    private static async Task<Dictionary<string, string>> FiguresAsync(IPage page)
    {
        var figures = new Dictionary<string, string>();
        foreach (var figure in await page.Locator("[data-figure]").AllAsync())
            figures[await figure.GetAttributeAsync("data-figure") ?? ""] = await figure.InnerTextAsync();
        return figures;
    }
}
