using Microsoft.Playwright;

namespace RoCoIn.E2E;

/// <summary>
/// Issue 9 in a browser: walk a lesson to its end, present it (large type, no editing controls), open a shared link of
/// one step in another browser with the same figures, and follow a presenter's live run by join code.
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
        await TurnPresenterModeOnAsync(page);

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

    [Fact]
    public async Task AClassFollowsThePresentersLiveRunByJoinCodeAndCannotChangeIt()
    {
        // The teacher starts a real-time run and presents it: presenter mode, then "Share with class".
        var teacher = await RunPageSteps.StartFromFormAsync(studio, "/runs/new?plan=1", "#run-start", 600, Timeout);
        var runPath = new Uri(teacher.Url).AbsolutePath;
        await TurnPresenterModeOnAsync(teacher);
        (await teacher.Locator("#run-pause").CountAsync()).ShouldBe(0);
        await teacher.ClickAsync("#share-class");
        var code = (await teacher.Locator("#join-code-value").InnerTextAsync(new() { Timeout = Timeout })).Trim();
        code.ShouldMatch("^[2-9A-Z]{3}-[2-9A-Z]{3}$");
        await studio.ScreenshotAsync(teacher, "classroom-presenter-code");

        // A student in another browser types the code as they heard it (lower case, no dash) on /join.
        await using var other = await studio.LaunchOtherBrowserAsync();
        var student = await other.NewPageAsync(new() { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        await student.GotoAsync(studio.BaseUrl + "/join");
        await StudioBrowserFixture.WaitForCircuitAsync(student);
        await student.FillAsync("#join-code-input", code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant());
        await student.ClickAsync("#join-submit");
        await student.Locator("#following-banner").WaitForAsync(new() { Timeout = Timeout });
        (await student.InnerTextAsync("#following-banner")).ShouldContain(code);

        // The follower's page is live: the success chart grows, and it has no control to change the run.
        await student.WaitForFunctionAsync($"() => ({RunPageSteps.SuccessValues})().length >= 3", null, new() { Timeout = Timeout });
        foreach (var control in new[] { "#run-pause", "#run-stop", "#run-step", "#run-replay", "#share-class", ".run-action-crash" })
            (await student.Locator(control).CountAsync()).ShouldBe(0, control);
        await studio.ScreenshotAsync(student, "classroom-follower");

        // The teacher ends the run; the follower sees the same summary.
        var stop = await teacher.APIRequest.PostAsync(studio.BaseUrl + "/api" + runPath + "/stop");
        stop.Ok.ShouldBeTrue(await stop.TextAsync());
        await student.Locator(".run-summary").First.WaitForAsync(new() { Timeout = Timeout });
        (await student.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await teacher.CloseAsync();
    }

    private static async Task TurnPresenterModeOnAsync(IPage page)
    {
        const string on = "#presenter-toggle[aria-pressed='true']";
        for (var attempt = 0; attempt < 10 && await page.Locator(on).CountAsync() == 0; attempt++)
        {
            await page.ClickAsync("#presenter-toggle");
            try { await page.Locator(on).WaitForAsync(new() { Timeout = 3_000 }); }
            catch (TimeoutException) { /* a click while the page re-rendered is lost: the state decides */ }
        }
        await page.WaitForURLAsync("**present=1**", new() { Timeout = Timeout });
    }

    private static async Task<Dictionary<string, string>> FiguresAsync(IPage page)
    {
        var figures = new Dictionary<string, string>();
        foreach (var figure in await page.Locator("[data-figure]").AllAsync())
            figures[await figure.GetAttributeAsync("data-figure") ?? ""] = await figure.InnerTextAsync();
        return figures;
    }
}
