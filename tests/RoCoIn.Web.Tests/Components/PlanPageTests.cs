using RoCoIn.Web.Components.Pages.Plans;

namespace RoCoIn.Web.Tests.Components;

/// <summary>The plan view on the demo plan that a new database gets.</summary>
public class PlanPageTests : ComponentTestBase
{
    [Fact]
    public void ShowsTheTopologyTheComparisonTableAndTheCharts()
    {
        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.Find("#plan-title").TextContent.ShouldContain("Demo"));
        var groups = cut.FindAll("#plan-topology .topology-group");
        groups.Count.ShouldBeGreaterThan(0);
        cut.FindAll("#plan-topology .topology-device").Count.ShouldBeLessThanOrEqualTo(8);
        var rows = cut.FindAll("#plan-comparison tr.strategy-row");
        rows.Select(r => r.GetAttribute("data-strategy")).ShouldBe(["RoCoIn", "NoNN", "Full replication", "Random", "Equal partition", "Capacity-aware, no redundancy"]);
        cut.FindAll(".accuracy-not-measured").Count.ShouldBe(rows.Count);
        cut.FindAll("#plan-comparison .best-cell").ShouldNotBeEmpty();
        cut.Find("#cdf-chart").ShouldNotBeNull();
        cut.Find("#sweep-j-chart").ShouldNotBeNull();
    }

    [Fact]
    public void GroupTableListsEveryGroupsStudentAndWidth()
    {
        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.FindAll("#plan-groups tbody tr").Count.ShouldBeGreaterThan(0));
        var widths = cut.FindAll("#plan-groups tbody tr").Select(r => int.Parse(r.Children[2].TextContent, System.Globalization.CultureInfo.InvariantCulture));
        widths.Sum().ShouldBe(64);
    }

    [Fact]
    public void UnknownPlanShowsWhatToDo()
    {
        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 999));

        cut.WaitForAssertion(() => cut.Find("#plan-missing").TextContent.ShouldContain("does not exist"));
    }
}
