using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class RunTimelineTests
{
    private static SecondAggregate Second(int second, long sent = 10, long served = 8, long correct = 6, long within = 4,
        double? p50 = 0.05, double? p95 = 0.08, double? p99 = 0.09) =>
        new(second, sent, served, correct, within, served * 0.05, p50, p95, p99);

    private static IEnumerable<SecondAggregate> Seconds(int from, int count) => Enumerable.Range(from, count).Select(s => Second(s));

    [Fact]
    public void KeepsOnlyTheNewestSecondsUpToItsBound()
    {
        var timeline = new RunTimeline(measuresAccuracy: true, maxPoints: 5);

        timeline.Add(Seconds(0, 3));
        timeline.Add(Seconds(3, 4));

        timeline.Points.Select(p => p.Second).ShouldBe([2, 3, 4, 5, 6]);
        timeline.Appended.ShouldBe(7);
        timeline.LastSecond.ShouldBe(6);
    }

    [Fact]
    public void TakesEachSecondOnceWhenSourcesOverlap()
    {
        var timeline = new RunTimeline(measuresAccuracy: false);
        timeline.Add(Seconds(0, 10));

        // A live update that repeats seconds the page already loaded, out of order.
        var added = timeline.Add([Second(11), Second(9), Second(10), Second(8)]);

        added.ShouldBe(2);
        timeline.Points.Select(p => p.Second).ShouldBe(Enumerable.Range(0, 12));
    }

    [Fact]
    public void SinceGivesWhatWasAppendedAfterASequenceNumberAndNeverMoreThanIsKept()
    {
        var timeline = new RunTimeline(measuresAccuracy: false, maxPoints: 4);
        timeline.Add(Seconds(0, 3));
        var drawn = timeline.Appended;

        timeline.Add(Seconds(3, 2));

        timeline.Since(drawn).Select(p => p.Second).ShouldBe([3, 4]);
        timeline.Since(timeline.Appended).ShouldBeEmpty();
        timeline.Add(Seconds(5, 10));
        timeline.Since(drawn).Select(p => p.Second).ShouldBe([11, 12, 13, 14]);
    }

    [Fact]
    public void PointsAreTheAggregatesInDisplayUnitsWithGapsWhereNothingWasMeasured()
    {
        var timeline = new RunTimeline(measuresAccuracy: true);

        timeline.Add([Second(0, sent: 10, served: 8, correct: 6, within: 4, p50: 0.0125), Second(1, sent: 4, served: 0, correct: 0, within: 0, p50: null, p95: null, p99: null), Second(2, sent: 0, served: 0, p50: null, p95: null, p99: null)]);

        var busy = timeline.Points[0];
        busy.P50Ms!.Value.ShouldBe(12.5, 1e-9);
        busy.P95Ms!.Value.ShouldBe(80, 1e-9);
        busy.SentPerSecond.ShouldBe(10);
        busy.ServedPerSecond.ShouldBe(8);
        busy.SuccessPercent.ShouldBe(80);
        busy.AccuracyPercent.ShouldBe(75);
        busy.WithinObjectivePercent.ShouldBe(50);
        var nothingServed = timeline.Points[1];
        nothingServed.SuccessPercent.ShouldBe(0);
        nothingServed.P50Ms.ShouldBeNull();
        nothingServed.AccuracyPercent.ShouldBeNull();
        nothingServed.WithinObjectivePercent.ShouldBeNull();
        timeline.Points[2].SuccessPercent.ShouldBeNull();
    }

    [Fact]
    public void AccuracyIsNotChartedWithoutAModelSet()
    {
        var timeline = new RunTimeline(measuresAccuracy: false);

        timeline.Add([Second(0, correct: 0)]);

        timeline.Points[0].AccuracyPercent.ShouldBeNull();
    }

    [Fact]
    public void MarkersComeFromFailuresRecoveriesAndAbortsOnly()
    {
        var timeline = new RunTimeline(measuresAccuracy: false);
        var version = timeline.MarkerVersion;

        timeline.AddEvents(
        [
            new RunEvent(12.5, "injection", "Operator: crash on Device a.", 3, 0),
            new RunEvent(12.5, "failure-start", "Device a: crash (manual).", 3, 0),
            new RunEvent(20, "failure-end", "Device a: crash ended (manual).", 3, 0),
            new RunEvent(25, "abort", "Success rate fell.", null, null),
            new RunEvent(25, "end", "The run ended.", null, null),
        ]);

        timeline.Markers.Select(m => (m.AtSeconds, m.Kind)).ShouldBe(
            [(12.5, TimelineMarkerKind.Failure), (20.0, TimelineMarkerKind.Recovery), (25.0, TimelineMarkerKind.Abort)]);
        timeline.Markers[0].Text.ShouldBe("Device a: crash (manual).");
        timeline.MarkerVersion.ShouldNotBe(version);
    }

    [Fact]
    public void MarkersLeaveWithTheSecondsTheyBelongTo()
    {
        var timeline = new RunTimeline(measuresAccuracy: false, maxPoints: 10);
        timeline.AddEvents([new RunEvent(2, "failure-start", "early", 1, 0), new RunEvent(15.5, "failure-start", "late", 1, 0)]);
        timeline.Add(Seconds(0, 10));
        timeline.Markers.Count.ShouldBe(2);
        var version = timeline.MarkerVersion;

        timeline.Add(Seconds(10, 10));

        timeline.Markers.Select(m => m.Text).ShouldBe(["late"]);
        timeline.MarkerVersion.ShouldNotBe(version);
    }

    [Fact]
    public void KeepsAtMostTheNewestMarkers()
    {
        var timeline = new RunTimeline(measuresAccuracy: false);

        timeline.AddEvents(Enumerable.Range(0, RunTimeline.MaxMarkers + 50).Select(i => new RunEvent(i, "failure-start", $"f{i}", 1, 0)).ToList());

        timeline.Markers.Count.ShouldBe(RunTimeline.MaxMarkers);
        timeline.Markers[0].Text.ShouldBe("f50");
    }
}
