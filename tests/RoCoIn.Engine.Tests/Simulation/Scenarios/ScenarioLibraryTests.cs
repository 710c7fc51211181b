using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class ScenarioLibraryTests
{
    public static TheoryData<int, int> SmallPlans => new() { { 1, 1 }, { 3, 1 }, { 2, 3 }, { 4, 2 } };

    [Theory]
    [MemberData(nameof(SmallPlans))]
    public void EveryExampleResolvesOnASmallPlan(int groups, int perGroup)
    {
        var topology = ScenarioTopologies.Pis(groups, perGroup);

        foreach (var scenario in ScenarioLibrary.All)
        {
            for (var seed = 0L; seed < 20; seed++)
            {
                var resolution = ScenarioResolver.Resolve(scenario, topology, seed);

                resolution.Errors.ShouldBeEmpty($"{scenario.Name}, seed {seed}");
                resolution.Failures.ShouldNotBeEmpty();
            }
        }
    }

    [Fact]
    public void ExamplesHaveDistinctNamesAndDescriptions()
    {
        ScenarioLibrary.All.Select(s => s.Name).ShouldBeUnique();
        ScenarioLibrary.All.ShouldAllBe(s => s.Description.Length > 0);
    }

    [Fact]
    public void GroupDownCrashesAllOfGroupOneFromTwentyToThirtySeconds()
    {
        var resolution = ScenarioResolver.Resolve(ScenarioLibrary.GroupDown, ScenarioTopologies.Pis(groups: 3, perGroup: 2), 1);

        resolution.Failures.Select(f => f.DeviceId).ShouldBe([1, 2]);
        resolution.Failures.ShouldAllBe(f => f.Effect.Kind == FailureKind.Crash && f.StartSeconds == 20 && f.EndSeconds == 30);
    }

    [Fact]
    public void StragglersSlowAQuarterOfTheDevicesFourTimes()
    {
        var resolution = ScenarioResolver.Resolve(ScenarioLibrary.Stragglers, ScenarioTopologies.Pis(groups: 2, perGroup: 5), 1);

        resolution.Failures.Count.ShouldBe(3);
        resolution.Failures.ShouldAllBe(f => f.Effect.SlowFactor == 4 && f.StartSeconds == 5 && f.EndSeconds == 35);
    }

    [Fact]
    public void FlakyLinksDegradeEveryLinkToTheEndOfTheRun()
    {
        var resolution = ScenarioResolver.Resolve(ScenarioLibrary.FlakyLinks, ScenarioTopologies.Pis(groups: 2, perGroup: 3), 1);

        resolution.Failures.Count.ShouldBe(6);
        resolution.Failures.ShouldAllBe(f => f.Effect == FailureEffect.LinkDegraded(0.5, 0.020, 0.05) && f.DurationSeconds == null);
    }

    [Fact]
    public void RollingCrashCrashesOneDeviceThreeTimes()
    {
        var resolution = ScenarioResolver.Resolve(ScenarioLibrary.RollingCrash, ScenarioTopologies.Pis(groups: 2, perGroup: 3), 1);

        resolution.Failures.Select(f => f.StartSeconds).ShouldBe([10, 25, 40]);
        resolution.Failures.Select(f => f.Source).ShouldBe(
            ["scenario 'Rolling crash', event 1", "scenario 'Rolling crash', event 2", "scenario 'Rolling crash', event 3"]);
    }
}
