using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Runs;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Components.RunList;

public class RunComparePageTests : RunComponentTestBase
{
    private RunStore Store => Services.GetRequiredService<RunStore>();

    private IRenderedComponent<RunComparePage> RenderFor(string query)
    {
        Services.GetRequiredService<NavigationManager>().NavigateTo($"/runs/compare{query}");
        return Render<RunComparePage>();
    }

    private async Task<int> CrashRunAsync(long seed) => await RunToEndAsync(new RunStartInput
    {
        PlanId = await DemoPlanIdAsync(),
        Seed = seed,
        Scenario = System.Text.Json.JsonSerializer.SerializeToElement(new
        {
            name = "One crash",
            description = "",
            events = new[]
            {
                new { effect = new { kind = "Crash" }, target = new { kind = "DeviceName", value = "*" }, radius = new { count = 1 }, startSeconds = 5, durationSeconds = 5 },
            },
        }),
        Settings = new RunSettingsInput { DurationSeconds = 20, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 5 } },
    });

    [Fact]
    public async Task TheTableShowsEachRunsSummaryBesideThePredictionAndTheChartsAreDrawn()
    {
        var plain = await RunToEndAsync();
        var crashed = await CrashRunAsync(seed: 4);
        var a = (await Store.GetAsync(plain, Ct))!;
        var b = (await Store.GetAsync(crashed, Ct))!;

        var cut = RenderFor($"?ids={plain},{crashed}");

        cut.WaitForAssertion(() => cut.Find("#compare-metrics").ShouldNotBeNull());
        cut.FindAll("#compare-metrics th.run-column").Select(th => th.TextContent.Trim()).ShouldBe([$"#{plain}", $"#{crashed}"]);
        Cells(cut, "scenario").ShouldBe(["none", "One crash"]);
        Cells(cut, "seed").ShouldBe(["3", "4"]);
        Cells(cut, "success").ShouldBe([Percent(a.Summary!.SuccessRate), Percent(b.Summary!.SuccessRate)]);
        Cells(cut, "predicted-r").ShouldBe([Percent(a.Summary.Prediction.Reliability), Percent(b.Summary.Prediction.Reliability)]);
        Cells(cut, "p95").ShouldBe([SiFormat.Duration(a.Summary.P95Seconds!.Value), SiFormat.Duration(b.Summary.P95Seconds!.Value)]);
        Cells(cut, "predicted-p95").ShouldBe([SiFormat.Duration(a.Summary.Prediction.P95Seconds!.Value), SiFormat.Duration(b.Summary.Prediction.P95Seconds!.Value)]);
        Cells(cut, "sent").ShouldBe([a.Summary.Sent.ToString("N0", CultureInfo.InvariantCulture), b.Summary.Sent.ToString("N0", CultureInfo.InvariantCulture)]);
        Cells(cut, "failures").ShouldBe([a.Summary.Failures.Count.ToString(CultureInfo.InvariantCulture), b.Summary.Failures.Count.ToString(CultureInfo.InvariantCulture)]);
        b.Summary.Failures.Count.ShouldBeGreaterThan(0);
        Cells(cut, "throughput")[0].ShouldEndWith("requests/s");
        cut.FindAll("[data-metric='resilience-success'], [data-metric='resilience-accuracy'], [data-metric='resilience-within']").Count.ShouldBe(3);
        cut.Find("#compare-legend").TextContent.ShouldContain($"#{crashed} · {a.PlanName} · One crash");
        cut.Find("#compare-success").ShouldNotBeNull();
        cut.Find("#compare-p95").ShouldNotBeNull();
        cut.Find("#compare-throughput").ShouldNotBeNull();
    }

    [Fact]
    public async Task ExportsTheComparisonAsCsvAndJsonThroughTheDownloadHelper()
    {
        var a = await RunToEndAsync();
        var b = await CrashRunAsync(seed: 6);
        var cut = RenderFor($"?ids={a},{b}");
        cut.WaitForAssertion(() => cut.Find("#export-csv").ShouldNotBeNull());

        cut.Find("#export-csv").Click();
        cut.Find("#export-seconds-csv").Click();
        cut.Find("#export-json").Click();

        cut.WaitForAssertion(() => JSInterop.Invocations["rocoinDownload"].Count.ShouldBe(3));
        var downloads = JSInterop.Invocations["rocoinDownload"].ToDictionary(d => (string)d.Arguments[0]!, d => d.Arguments);
        downloads.Keys.Order(StringComparer.Ordinal).ShouldBe([$"runs-{a}-{b}-seconds.csv", $"runs-{a}-{b}-summary.csv", $"runs-{a}-{b}.json"]);
        var csv = ((string)downloads[$"runs-{a}-{b}-summary.csv"][2]!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        csv[0].ShouldStartWith("run_id,plan_id,plan_name,strategy,scenario,seed,status,simulated_s,sent,served,success_rate");
        csv.Length.ShouldBe(3);
        csv[1].ShouldStartWith($"{a},");
        csv[2].ShouldStartWith($"{b},");
        csv[2].ShouldContain(",One crash,6,finished,20,");
        var seconds = ((string)downloads[$"runs-{a}-{b}-seconds.csv"][2]!).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        seconds[0].ShouldBe("run_id,second,sent,served,correct,within_objective,success_rate,latency_sum_s,p50_s,p95_s,p99_s");
        seconds.Length.ShouldBe(1 + 20 + 20);
        downloads[$"runs-{a}-{b}.json"][1].ShouldBe("application/json");
        using var json = System.Text.Json.JsonDocument.Parse((string)downloads[$"runs-{a}-{b}.json"][2]!);
        json.RootElement.GetProperty("format").GetString().ShouldBe("rocoin-run-comparison");
        json.RootElement.GetProperty("runs").GetArrayLength().ShouldBe(2);
        json.RootElement.GetProperty("secondsIncluded").GetBoolean().ShouldBeTrue();
        json.RootElement.GetProperty("runs")[0].GetProperty("seconds").GetArrayLength().ShouldBe(20);
        json.RootElement.GetProperty("runs")[1].GetProperty("summary").GetProperty("sent").GetInt64()
            .ShouldBe((await Store.GetAsync(b, Ct))!.Summary!.Sent);
    }

    [Fact]
    public async Task LongRunsAreDrawnInWindowsOfWholeSeconds()
    {
        var plan = await DemoPlanIdAsync();
        RunStartInput Hour(long seed) => new()
        {
            PlanId = plan,
            Seed = seed,
            Settings = new RunSettingsInput { DurationSeconds = 3600, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 2 } },
        };
        var a = await RunToEndAsync(Hour(1));
        var b = await RunToEndAsync(Hour(2));

        var cut = RenderFor($"?ids={a},{b}");

        // 3600 seconds in at most 1500 points: windows of 3 s.
        cut.WaitForAssertion(() => cut.Markup.ShouldContain("Success rate per 3 s window"));
        cut.Markup.ShouldContain("p95 latency of served requests per 3 s window (highest per-second p95)");
        cut.FindAll("#compare-export-large").ShouldBeEmpty();
    }

    [Theory]
    [InlineData("", "No runs were given")]
    [InlineData("?ids=7", "Only one run was given (#7)")]
    [InlineData("?ids=7,7", "Only one run was given (#7)")]
    [InlineData("?ids=abc,2", "'abc' is not a run id")]
    [InlineData("?ids=1,2,3,4,5,6,7,8,9", "9 runs were given; at most 8")]
    [InlineData("?ids=998,999", "Run 998 does not exist.")]
    public void BadIdsGetAClearMessage(string query, string message)
    {
        var cut = RenderFor(query);

        cut.WaitForAssertion(() => cut.Find("#compare-errors").TextContent.ShouldContain(message));
        cut.FindAll("#compare-metrics").ShouldBeEmpty();
        cut.Find("#compare-back").GetAttribute("href").ShouldBe("/runs");
    }

    [Fact]
    public async Task ALiveRunIsRefusedUntilItHasEnded()
    {
        var ended = await RunToEndAsync();
        var live = await StartPausedRunAsync();

        var cut = RenderFor($"?ids={ended},{live}");

        cut.WaitForAssertion(() => cut.Find("#compare-errors").TextContent.ShouldContain($"Run {live} is paused; compare it once it has ended."));
        cut.Find("#compare-errors").TextContent.ShouldNotContain($"Run {ended}");
    }

    private static List<string> Cells(IRenderedComponent<RunComparePage> cut, string metric) =>
        cut.FindAll($"tr[data-metric='{metric}'] td").Skip(1).Select(td => td.TextContent.Trim()).ToList();

    private static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";
}
