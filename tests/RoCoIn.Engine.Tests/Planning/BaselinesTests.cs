using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Planning;

public class BaselinesTests
{
    private static PlanningResult PlanPaper(PlanSettings? settings = null) =>
        RoCoInPlanner.Plan(FleetBuilder.Request(FleetBuilder.Paper(), settings), cancellationToken: TestContext.Current.CancellationToken);

    private static DeploymentPlan Baseline(PlanningResult result, string name) => result.Baselines.Single(b => b.Strategy == name);

    [Fact]
    public void PaperFleetGetsTheFiveBaselinesInDisplayOrder()
    {
        var result = PlanPaper();

        Baselines.Names.ShouldBe(["NoNN", "Full replication", "Random", "Equal partition", "Capacity-aware, no redundancy"]);
        result.Baselines.Select(b => b.Strategy).ShouldBe(Baselines.Names);
    }

    [Fact]
    public void EveryBaselineIsAValidPlanWhoseWidthsAddUpToF()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper());

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var baseline in result.Baselines)
        {
            baseline.Groups.Sum(g => g.Width).ShouldBe(64, baseline.Strategy);
            PlanAssert.ShouldBeValid(baseline, request);
        }
    }

    [Theory]
    [InlineData("NoNN")]
    [InlineData("Capacity-aware, no redundancy")]
    public void NoRedundancyBaselinesPutTheFastestDevicesOnePerGroup(string name)
    {
        var devices = FleetBuilder.Paper();

        var baseline = Baseline(PlanPaper(), name);

        baseline.Groups.Count.ShouldBe(Math.Min(devices.Count, 8));
        baseline.Groups.ShouldAllBe(g => g.DeviceIds.Count == 1);
        var fastest = devices.OrderByDescending(d => d.ComputeFlopsPerSecond).Take(8).Select(d => d.Id);
        baseline.Groups.Select(g => g.DeviceIds[0]).Order().ShouldBe(fastest.Order());
    }

    [Fact]
    public void NoRedundancyBaselinesOnFiveDevicesHaveFiveGroups()
    {
        var devices = FleetBuilder.Paper().Take(5).ToList();

        var result = RoCoInPlanner.Plan(FleetBuilder.Request(devices), cancellationToken: TestContext.Current.CancellationToken);

        Baseline(result, "NoNN").Groups.Count.ShouldBe(5);
        Baseline(result, "Capacity-aware, no redundancy").Groups.Count.ShouldBe(5);
        Baseline(result, "NoNN").Groups.Select(g => g.Width).ShouldBe(RoCoInPlanner.EqualWidths(64, 5));
    }

    [Fact]
    public void NoNNHasEqualWidths()
    {
        Baseline(PlanPaper(), "NoNN").Groups.Select(g => g.Width).ShouldBe(Enumerable.Repeat(8, 8));
    }

    [Fact]
    public void CapacityAwareWidthsFollowDeviceSpeed()
    {
        var byId = FleetBuilder.Paper().ToDictionary(d => d.Id);

        var groups = Baseline(PlanPaper(), "Capacity-aware, no redundancy").Groups;

        var speeds = groups.Select(g => byId[g.DeviceIds[0]].ComputeFlopsPerSecond).ToArray();
        groups.Select(g => g.Width).ShouldBe(Baselines.ProportionalWidths(64, speeds));
        var bySpeed = groups.OrderBy(g => byId[g.DeviceIds[0]].ComputeFlopsPerSecond).Select(g => g.Width).ToList();
        bySpeed.ShouldBeInOrder(SortDirection.Ascending);
        bySpeed[^1].ShouldBeGreaterThan(bySpeed[0]);
    }

    [Fact]
    public void FullReplicationIsOneGroupOfEveryDeviceAtFullWidth()
    {
        var replication = Baseline(PlanPaper(), "Full replication");

        replication.Groups.Count.ShouldBe(1);
        replication.Groups[0].Width.ShouldBe(64);
        replication.Groups[0].DeviceIds.Count.ShouldBe(8);
        replication.UnusedDeviceIds.ShouldBeEmpty();
    }

    [Fact]
    public void EqualPartitionKeepsRoCoInsGroupsWithEqualWidths()
    {
        var result = PlanPaper();

        var equal = Baseline(result, "Equal partition");

        equal.Groups.Select(g => g.DeviceIds.Order().ToList()).ShouldBe(result.Plan!.Groups.Select(g => g.DeviceIds.Order().ToList()));
        equal.Groups.Select(g => g.Width).ShouldBe(RoCoInPlanner.EqualWidths(64, result.Plan.Groups.Count));
        equal.UnusedDeviceIds.Order().ShouldBe(result.Plan.UnusedDeviceIds.Order());
    }

    [Fact]
    public void RandomBaselineUsesRoCoInsGroupCountAndDependsOnlyOnTheSeed()
    {
        var first = PlanPaper(new PlanSettings { Seed = 5 });
        var second = PlanPaper(new PlanSettings { Seed = 5 });

        var random = Baseline(first, "Random");

        random.Groups.Count.ShouldBe(first.Plan!.Groups.Count);
        random.Groups.Select(g => g.Width).ShouldBe(RoCoInPlanner.EqualWidths(64, random.Groups.Count));
        PlanAssert.ShouldBeSame(Baseline(second, "Random"), random);
    }

    [Fact]
    public void RandomBaselineGroupingChangesWithTheSeed()
    {
        var devices = FleetBuilder.Paper();
        var groupings = new HashSet<string>();

        foreach (var seed in Enumerable.Range(1, 8))
        {
            var result = RoCoInPlanner.Plan(FleetBuilder.Request(devices, new PlanSettings { Seed = seed }),
                cancellationToken: TestContext.Current.CancellationToken);
            var random = Baseline(result, "Random");
            groupings.Add(string.Join("|", random.Groups.Select(g => string.Join(",", g.DeviceIds.Order()))));
        }

        groupings.Count.ShouldBeGreaterThan(1);
    }

    [Theory]
    [InlineData(64, new[] { 1.0, 1, 1, 1 }, new[] { 16, 16, 16, 16 })]
    [InlineData(64, new[] { 3.0, 1 }, new[] { 48, 16 })]
    [InlineData(10, new[] { 1.0, 1, 1 }, new[] { 4, 3, 3 })]
    [InlineData(8, new[] { 1000.0, 1, 1 }, new[] { 6, 1, 1 })]
    public void ProportionalWidthsAddUpToFAndGiveEveryGroupAChannel(int f, double[] speeds, int[] expected)
    {
        var widths = Baselines.ProportionalWidths(f, speeds);

        widths.ShouldBe(expected);
        widths.Sum().ShouldBe(f);
    }
}
