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
}
