using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Planning;

public class FailureSweepTests
{
    [Fact]
    public void AtZeroItEqualsThePlanOfAFleetThatNeverFails()
    {
        var devices = FleetBuilder.Paper().Select(d => d with { NoReplyProbability = 0 }).ToList();
        var request = FleetBuilder.Request(devices);
        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var plan in new[] { result.Plan! }.Concat(result.Baselines))
        {
            var point = FailureSweep.Run(new PlanningContext(request), plan, [0]).Single();

            point.NoReplyProbability.ShouldBe(0);
            point.ObjectiveJ.ShouldBe(plan.Metrics.ObjectiveJ, 1e-12, plan.Strategy);
            point.Reliability.ShouldBe(plan.Metrics.Reliability, 1e-12, plan.Strategy);
        }
    }

    [Fact]
    public void ReliabilityNeverRisesAndJNeverFallsAsDevicesFailMoreOften()
    {
        var request = FleetBuilder.Request(FleetBuilder.RandomMixed(9));
        var context = new PlanningContext(request);
        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        foreach (var plan in new[] { result.Plan! }.Concat(result.Baselines))
        {
            var points = FailureSweep.Run(context, plan);

            points.Select(p => p.NoReplyProbability).ShouldBe(FailureSweep.DefaultProbabilities);
            points.Select(p => p.Reliability).ShouldBeInOrder(SortDirection.Descending, plan.Strategy);
            points.Select(p => p.ObjectiveJ).ShouldBeInOrder(SortDirection.Ascending, plan.Strategy);
            points[0].Reliability.ShouldBeGreaterThan(points[^1].Reliability, plan.Strategy);
        }
    }

    [Fact]
    public void EveryDeviceFailingForSureServesNothingAndCostsTheDeadline()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper());
        var plan = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan!;

        var point = FailureSweep.Run(new PlanningContext(request), plan, [1]).Single();

        point.Reliability.ShouldBe(0);
        point.ObjectiveJ.ShouldBe(request.Settings.DeadlineSeconds);
    }

    [Fact]
    public void DevicesMissingFromTheContextAreSkipped()
    {
        var devices = FleetBuilder.Paper();
        var plan = RoCoInPlanner.Plan(FleetBuilder.Request(devices), cancellationToken: TestContext.Current.CancellationToken).Plan!;
        var gone = plan.Groups.First(g => g.DeviceIds.Count > 1).DeviceIds[0];
        var context = new PlanningContext(FleetBuilder.Request(devices.Where(d => d.Id != gone).ToList()));

        var timings = PlanTimings.Of(context, plan);

        timings.Sum(g => g.Members.Count).ShouldBe(plan.Groups.Sum(g => g.DeviceIds.Count) - 1);
        timings.SelectMany(g => g.Members).ShouldNotContain(m => m.DeviceId == gone);
    }
}
