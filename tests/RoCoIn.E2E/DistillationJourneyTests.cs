using Microsoft.Playwright;

namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class DistillationJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task DistillingTheDemoPlanOpensItsModelSetWithTheAccuracyTable()
    {
        // The demo plan is the first plan a new database gets.
        var page = await studio.OpenAsync("/distillation?plan=1");
        await page.Locator("#dist-start").WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("#dist-plan-field .mud-select").First.InnerTextAsync()).ShouldContain("Demo");
        (await page.Locator("#dist-plan-groups .plan-group").CountAsync()).ShouldBeGreaterThan(0);
        await page.FillAsync("#dist-teacher-epochs", "1");
        await page.FillAsync("#dist-student-epochs", "1");
        await page.FillAsync("#dist-max-train", "1000");
        await page.FillAsync("#dist-max-test", "300");
        await studio.ScreenshotAsync(page, "distillation-form");

        // Retry the click until the job panel shows: the first click may race the circuit.
        for (var attempt = 0; attempt < 10 && !await page.Locator("#dist-job").IsVisibleAsync(); attempt++)
        {
            await page.ClickAsync("#dist-start");
            try { await page.Locator("#dist-job").WaitForAsync(new() { Timeout = 2_000 }); }
            catch (TimeoutException) { /* click again */ }
        }
        (await page.Locator("#dist-form-error").CountAsync()).ShouldBe(0);

        try
        {
            await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/model-sets/\d+$"), new() { Timeout = 120_000 });
            await page.Locator("#accuracy-table tr.accuracy-row").First.WaitForAsync(new() { Timeout = Timeout });
        }
        catch (TimeoutException)
        {
            await studio.ScreenshotAsync(page, "failure-distillation");
            throw;
        }
        var rows = page.Locator("#accuracy-table tr.accuracy-row");
        (await rows.CountAsync()).ShouldBeGreaterThanOrEqualTo(3);   // teacher, at least one student, ensemble
        (await rows.First.GetAttributeAsync("data-model")).ShouldBe("teacher");
        (await page.Locator("#accuracy-table a.onnx-download").CountAsync()).ShouldBeGreaterThanOrEqualTo(2);
        (await page.Locator("#degradation-table tr.subset-row").CountAsync()).ShouldBeGreaterThanOrEqualTo(1);
        await page.Locator("#history-loss-chart .js-plotly-plot .main-svg").First.WaitForAsync(new() { Timeout = Timeout });
        await studio.ScreenshotAsync(page, "model-set");
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await page.CloseAsync();
    }
}
