using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class GanttDataTests
{
    [Fact]
    public void OneRowPerDeviceInGroupOrderAndOneBarPerPhaseThatHappened()
    {
        var topology = RunTopologies.TwoByTwo();
        var trace = new RequestTrace(7, 1.0, 1.2, Served: false, LatencySeconds: null, Correct: null, AnsweredGroups: 0b01,
        [
            new MemberTrace(11, 0, MemberOutcome.Replied, 1.002, 1.003, 1.023, 1.026, Won: true),
            new MemberTrace(12, 0, MemberOutcome.Replied, 1.002, 1.002, 1.032, 1.035, Won: false),
            new MemberTrace(21, 1, MemberOutcome.Down, null, null, null, null, Won: false),
            new MemberTrace(22, 1, MemberOutcome.Lost, 1.002, 1.002, 1.042, null, Won: false),
        ]);

        var gantt = GanttData.Build([trace], topology);

        gantt.Rows.ShouldBe(["G1 · alpha", "G1 · bravo", "G2 · charlie", "G2 · delta"]);
        gantt.Bars.Select(b => (b.Row, b.Phase)).ShouldBe(
        [
            ("G1 · alpha", GanttPhase.Queued), ("G1 · alpha", GanttPhase.Computing), ("G1 · alpha", GanttPhase.Replying),
            ("G1 · bravo", GanttPhase.Computing), ("G1 · bravo", GanttPhase.Replying),
            ("G2 · delta", GanttPhase.Computing),
        ]);
        var compute = gantt.Bars[1];
        compute.StartSeconds.ShouldBe(1.003);
        compute.DurationSeconds.ShouldBe(0.020, 1e-12);
        compute.Group.ShouldBe(0);
        compute.Text.ShouldContain("Request #7");
        compute.Text.ShouldContain("computing 20.0 ms");
        compute.Text.ShouldContain("first of its group");
        gantt.Bars[^1].Text.ShouldContain("lost on the link");
    }

    [Fact]
    public void AMeasuredMemberWithoutComputeTimesGetsOneRoundTripBar()
    {
        var topology = RunTopologies.TwoByTwo();
        var trace = new RequestTrace(3, 2.0, 2.05, Served: true, LatencySeconds: 0.05, Correct: true, AnsweredGroups: 0b11,
        [
            new MemberTrace(11, 0, MemberOutcome.Replied, 2.0, null, null, 2.012, Won: true),
            new MemberTrace(12, 0, MemberOutcome.Cancelled, 2.0, null, null, null, Won: false),
            new MemberTrace(21, 1, MemberOutcome.Failed, 2.0, null, null, 2.004, Won: false),
        ]);

        var gantt = GanttData.Build([trace], topology);

        gantt.Bars.Select(b => (b.Row, b.Phase)).ShouldBe([("G1 · alpha", GanttPhase.RoundTrip), ("G2 · charlie", GanttPhase.RoundTrip)]);
        gantt.Bars[0].DurationSeconds.ShouldBe(0.012, 1e-12);
        gantt.Bars[0].Text.ShouldContain("sent → reply 12.0 ms");
        gantt.Bars[1].Text.ShouldContain("failed");
    }
}
