using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace RoCoIn.E2E;

/// <summary>Steps the run journeys share: starting a run from the new-run form, and reading the live page's charts.</summary>
internal static partial class RunPageSteps
{
    /// <summary>The success-rate chart's plotted values, in percent (Plotly keeps them on the chart's div).</summary>
    public const string SuccessValues =
        "() => { const gd = document.querySelector('#run-chart-success .js-plotly-plot'); return gd && gd.data && gd.data.length ? gd.data[0].y : []; }";

    /// <summary>Opens <paramref name="newRunPath"/>, sets the duration, starts the run and waits on its live page.</summary>
    public static async Task<IPage> StartFromFormAsync(StudioBrowserFixture studio, string newRunPath, string readySelector, int durationSeconds, float timeout)
    {
        var page = await studio.OpenAsync(newRunPath);
        await page.Locator(readySelector).WaitForAsync(new() { Timeout = timeout });
        await page.FillAsync("#run-duration", durationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        for (var attempt = 0; attempt < 10 && !RunUrl().IsMatch(page.Url); attempt++)
        {
            await page.ClickAsync("#run-start");
            try { await page.WaitForURLAsync(RunUrl(), new() { Timeout = 3_000 }); }
            catch (TimeoutException) { /* click again: the first click may race the circuit */ }
        }
        await page.WaitForURLAsync(RunUrl(), new() { Timeout = timeout });
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        return page;
    }

    [GeneratedRegex(@"/runs/\d+$")]
    private static partial Regex RunUrl();
}
