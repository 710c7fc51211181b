using System.Globalization;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class RunSummaryViewTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    /// <summary>A real engine summary: 30 s at 10 req/s with group 1 crashed from 10 s to 15 s.</summary>
    private static RunSummary Simulate(bool withAccuracy, bool recover = true)
    {
        var topology = RunTopologies.TwoByTwo(withAccuracy);
        var injections = new List<Injection> { new(10, InjectionAction.Crash, Group: 0) };
        if (recover)
            injections.Add(new Injection(15, InjectionAction.Recover, Group: 0));
        var simulator = new Simulator(topology, new SimulationSettings { DurationSeconds = 30, Seed = 4 }, null, injections);
        simulator.RunToEnd(CancellationToken.None);
        return simulator.Result().Summary;
    }

    private IRenderedComponent<RunSummaryView> RenderSummary(RunSummary summary, bool withAccuracy) =>
        Render<RunSummaryView>(p => p
            .Add(x => x.Summary, summary)
            .Add(x => x.Topology, RunTopologies.TwoByTwo(withAccuracy))
            .Add(x => x.ObjectiveSeconds, 0.05));

    private static string Percent(double share) => (share * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %";

    [Fact]
    public void TheResilienceScoreIsShownWithItsThreeFactors()
    {
        var summary = Simulate(withAccuracy: true);
        var resilience = summary.Resilience.ShouldNotBeNull();

        var cut = RenderSummary(summary, withAccuracy: true);

        var panel = cut.Find("#run-resilience");
        panel.QuerySelector(".run-resilience-score")!.TextContent.ShouldBe(resilience.Score.ToString("0.000", CultureInfo.InvariantCulture));
        panel.QuerySelector(".run-resilience-success")!.TextContent.ShouldBe($"{Percent(resilience.SuccessRate)} success rate");
        panel.QuerySelector(".run-resilience-accuracy")!.TextContent.ShouldBe($"{resilience.AccuracyRatio.ToString("0.000", CultureInfo.InvariantCulture)} accuracy ratio");
        panel.QuerySelector(".run-resilience-within")!.TextContent.ShouldBe($"{Percent(resilience.WithinObjectiveShare)} within L_obj");
    }

    [Fact]
    public void WithoutAModelSetTheScoreIsNotComputedAndItsFactorsStillShow()
    {
        var summary = Simulate(withAccuracy: false);

        var cut = RenderSummary(summary, withAccuracy: false);

        var text = cut.Find("#run-resilience").TextContent;
        text.ShouldContain("Not computed: accuracy is not measured");
        text.ShouldContain($"success rate {Percent(summary.SuccessRate)}");
        text.ShouldContain($"share within L_obj {Percent(summary.WithinObjectiveShare!.Value)}");
        cut.Find("#run-comparison tr[data-figure='accuracy']").TextContent.ShouldContain("not measured: no model set");
    }

    [Fact]
    public void MeasuredFiguresStandBesideTheClosedForm()
    {
        var summary = Simulate(withAccuracy: true);

        var cut = RenderSummary(summary, withAccuracy: true);

        var success = cut.Find("#run-comparison tr[data-figure='success']").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        success.ShouldBe(["Success rate / R", Percent(summary.SuccessRate), Percent(summary.Prediction.Reliability)]);
        var p95 = cut.Find("#run-comparison tr[data-figure='p95']").QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        p95[1].ShouldBe(RunFormat.Ms(summary.P95Seconds));
        p95[2].ShouldBe(RunFormat.Ms(summary.Prediction.P95Seconds));
        cut.Find("#run-comparison tr[data-figure='accuracy']").TextContent.ShouldContain(Percent(summary.ExpectedAccuracy!.Value));
        cut.FindAll("#run-utilisation tbody tr").Count.ShouldBe(4);
    }

    [Fact]
    public void EachFailureShowsItsTimeToRecoverOrThatItDidNotRecover()
    {
        var recovered = Simulate(withAccuracy: false, recover: true);
        var lasting = Simulate(withAccuracy: false, recover: false);

        var first = RenderSummary(recovered, withAccuracy: false);
        var second = RenderSummary(lasting, withAccuracy: false);

        var row = first.Find("#run-failures tr.run-failure");
        row.TextContent.ShouldContain("10.0 s");
        row.TextContent.ShouldContain("Group 1");
        row.TextContent.ShouldContain("crash");
        var ttr = recovered.Failures.Single().TimeToRecoverSeconds.ShouldNotBeNull();
        row.QuerySelector(".run-ttr")!.TextContent.ShouldBe(RunFormat.Seconds(ttr));
        var lastingRow = second.Find("#run-failures tr.run-failure");
        lastingRow.TextContent.ShouldContain("lasted to the end");
        lastingRow.QuerySelector(".run-ttr")!.TextContent.ShouldBe("not recovered");
    }

    [Fact]
    public void BesideASimulationTheComparisonShowsItsColumnAndTheGapsInMillisecondsAndPoints()
    {
        var measured = Simulate(withAccuracy: true, recover: true);
        var simulated = Simulate(withAccuracy: true, recover: false);

        var cut = Render<RunSummaryView>(p => p
            .Add(x => x.Summary, measured)
            .Add(x => x.Topology, RunTopologies.TwoByTwo(withAccuracy: true))
            .Add(x => x.ObjectiveSeconds, 0.05)
            .Add(x => x.Simulated, simulated));

        var headers = cut.FindAll("#run-comparison thead th").Select(h => h.TextContent).ToList();
        headers.ShouldBe(["Figure", "Measured", "Simulation", "Gap (measured − simulation)", "Closed form"]);
        var success = cut.Find("#run-comparison tr[data-figure='success']");
        success.QuerySelector(".run-simulated")!.TextContent.ShouldBe(Percent(simulated.SuccessRate));
        var points = (measured.SuccessRate - simulated.SuccessRate) * 100;
        success.QuerySelector(".run-gap")!.TextContent.ShouldBe(
            (points >= 0 ? "+" : "−") + Math.Abs(points).ToString("0.0", CultureInfo.InvariantCulture) + " points");
        var p50 = cut.Find("#run-comparison tr[data-figure='p50'] .run-gap").TextContent;
        var gapMs = (measured.P50Seconds!.Value - simulated.P50Seconds!.Value) * 1e3;
        p50.ShouldBe((gapMs >= 0 ? "+" : "−") + Math.Abs(gapMs).ToString("0.0", CultureInfo.InvariantCulture) + " ms");
    }

    [Fact]
    public void WithoutASimulationTheComparisonHasNoSimulationColumn()
    {
        var cut = RenderSummary(Simulate(withAccuracy: true), withAccuracy: true);

        cut.FindAll("#run-comparison thead th").Select(h => h.TextContent).ShouldBe(["Figure", "Measured", "Closed form"]);
        cut.FindAll("#run-comparison .run-gap").ShouldBeEmpty();
    }
}
