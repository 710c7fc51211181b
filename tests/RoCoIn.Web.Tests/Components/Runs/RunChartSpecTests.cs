using Plotly.Blazor.Traces;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class RunChartSpecTests
{
    private static readonly SimulationSettings Settings = new() { DurationSeconds = 10 };

    [Fact]
    public void PredictionsAreDrawnAsDashedReferenceLinesWithTheEnginesFigures()
    {
        var topology = RunTopologies.TwoByTwo(withAccuracy: true);
        var prediction = RunPrediction.For(topology, Settings)!;

        var specs = RunChartSpec.For(measuresAccuracy: true, prediction, topology.ObjectiveSeconds);

        specs.Select(s => s.Id).ShouldBe(["run-chart-latency", "run-chart-throughput", "run-chart-success", "run-chart-accuracy", "run-chart-within"]);
        var latency = specs[0];
        latency.References.Select(r => r.Value).ShouldBe(
            [prediction.Metrics.P50Seconds!.Value * 1e3, prediction.Metrics.P95Seconds!.Value * 1e3, prediction.Metrics.P99Seconds!.Value * 1e3]);
        specs[2].References.Single().Value.ShouldBe(prediction.Metrics.Reliability * 100);
        specs[3].References.Single().Value.ShouldBe(prediction.ExpectedAccuracy!.Value * 100);
        specs[4].References.Single().Value.ShouldBe(prediction.Metrics.WithinObjectiveShare * 100);
        specs[4].Title.ShouldContain("L_obj = 50.0 ms");
        specs[1].References.ShouldBeEmpty();   // the closed form has no throughput
        var shapes = latency.Shapes([], dark: false);
        shapes.Count.ShouldBe(3);
        shapes.ShouldAllBe(s => s.Line.Dash == "dash" && s.XRef == "paper" && s.YRef == "y");
        shapes[1].Y0.ShouldBe(latency.References[1].Value);
    }

    [Fact]
    public void WithoutAModelSetTheAccuracyChartSaysWhyInsteadOfDrawing()
    {
        var topology = RunTopologies.TwoByTwo(withAccuracy: false);

        var specs = RunChartSpec.For(measuresAccuracy: false, RunPrediction.For(topology, Settings), topology.ObjectiveSeconds);

        specs[3].Unavailable.ShouldNotBeNull();
        specs[3].Unavailable!.ShouldStartWith("Not measured: no model set");
        specs[3].References.ShouldBeEmpty();
        specs.Where(s => s.Id != "run-chart-accuracy").ShouldAllBe(s => s.Unavailable == null);
    }

    [Fact]
    public void MarkersAreVerticalLinesAtTheirTimesWithOneLegendEntryPerKind()
    {
        var spec = RunChartSpec.For(false, null, 0.05)[2];
        var timeline = new RunTimeline(false);
        timeline.AddEvents(
        [
            new RunEvent(5, "failure-start", "a", 1, 0),
            new RunEvent(7, "failure-start", "b", 2, 0),
            new RunEvent(9, "failure-end", "a ended", 1, 0),
        ]);

        var shapes = spec.Shapes(timeline.Markers, dark: true);

        shapes.Count.ShouldBe(3);   // no prediction, three markers
        shapes.Select(s => s.X0).ShouldBe([5.0, 7.0, 9.0]);
        shapes.ShouldAllBe(s => s.XRef == "x" && s.YRef == "paper");
        shapes.Select(s => s.Name).ShouldBe(["failure starts", "failure starts", "failure ends"]);
        shapes.Select(s => s.ShowLegend).ShouldBe([true, false, true]);
        shapes[0].Line.Color.ShouldBe(DeviceStateView.Vermillion);
        shapes[2].Line.Color.ShouldBe(DeviceStateView.Green);
    }

    [Fact]
    public void TracesAndTheirExtensionCarryTheSameValuesPerSeries()
    {
        var spec = RunChartSpec.For(false, null, 0.05)[0];
        var timeline = new RunTimeline(false);
        timeline.Add([new SecondAggregate(0, 2, 2, 0, 2, 0.1, 0.0625, 0.125, 0.25), new SecondAggregate(1, 1, 0, 0, 0, 0, null, null, null)]);

        var traces = spec.Traces(timeline.Points);
        var (x, y, indices) = spec.Extension(timeline.Points);

        traces.Count.ShouldBe(3);
        indices.ShouldBe([0, 1, 2]);
        var p95 = (Scatter)traces[1];
        p95.X.ShouldBe(new object[] { 0, 1 });
        p95.Y.ShouldBe(new object?[] { 125.0, null });
        x.ShouldAllBe(values => values.SequenceEqual(new object[] { 0, 1 }));
        y[1].ShouldBe(p95.Y);
    }
}
