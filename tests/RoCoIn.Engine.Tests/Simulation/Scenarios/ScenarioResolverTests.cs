using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class ScenarioResolverTests
{
    private const long Seed = 42;

    private static ScenarioEvent Event(FailureEffect effect, TargetSelector target, BlastRadius? radius = null,
        double start = 10, double? duration = 5) => new(effect, target, radius, start, duration);

    private static Scenario Named(string name, params ScenarioEvent[] events) => new(name, "", events);

    private static int[] HitIds(ScenarioResolution resolution) => [.. resolution.Failures.Select(f => f.DeviceId)];

    [Fact]
    public void GlobSelectsEveryMatchingDeviceWithTheEventsTimesAndEffect()
    {
        var slow = FailureEffect.Slow(3);
        var scenario = Named("Pis slow", Event(slow, TargetSelector.NamedLike("PI-*"), start: 2.5, duration: 7));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.ShouldBeEmpty();
        resolution.Succeeded.ShouldBeTrue();
        resolution.Failures.ShouldBe(
        [
            new DeviceFailure(1, 2.5, 7, slow, "scenario 'Pis slow', event 1"),
            new DeviceFailure(2, 2.5, 7, slow, "scenario 'Pis slow', event 1"),
            new DeviceFailure(4, 2.5, 7, slow, "scenario 'Pis slow', event 1"),
        ]);
    }

    [Fact]
    public void QuestionMarkMatchesExactlyOneCharacter()
    {
        var topology = ScenarioTopologies.Of([ScenarioTopologies.Device(1, "cam-1", 0), ScenarioTopologies.Device(2, "cam-12", 0)]);

        var resolution = ScenarioResolver.Resolve(Named("S", Event(FailureEffect.Crash, TargetSelector.NamedLike("cam-?"))), topology, Seed);

        HitIds(resolution).ShouldBe([1]);
    }

    [Fact]
    public void SourceNamesTheScenarioAndTheEventCountingFromOne()
    {
        var scenario = Named("Rolling crash",
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-01"), start: 0),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-02"), start: 20));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Failures.Select(f => f.Source).ShouldBe(["scenario 'Rolling crash', event 1", "scenario 'Rolling crash', event 2"]);
    }

    [Fact]
    public void HardwareClassSelectsByWholeClassIgnoringCase()
    {
        var scenario = Named("S", Event(FailureEffect.LinkCut, TargetSelector.OfHardwareClass("esp32-cam")));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        HitIds(resolution).ShouldBe([5]);
    }

    [Fact]
    public void GroupWithoutRadiusTakesTheWholeGroupDownAtOnce()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(2), start: 20, duration: 10));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Pis(groups: 3, perGroup: 3), Seed);

        HitIds(resolution).ShouldBe([4, 5, 6]);
        resolution.Failures.ShouldAllBe(f => f.StartSeconds == 20 && f.EndSeconds == 30);
    }

    [Fact]
    public void GroupBeyondThePlansGroupsIsAnError()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(5)));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Pis(groups: 3, perGroup: 1), Seed);

        resolution.Failures.ShouldBeEmpty();
        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[0].target");
        error.Message.ShouldBe("Group 5 does not exist; this plan has 3 groups.");
    }

    [Fact]
    public void GroupErrorOnAOneGroupPlanSaysOneGroup()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(2)));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Pis(groups: 1, perGroup: 2), Seed);

        resolution.Errors.ShouldHaveSingleItem().Message.ShouldBe("Group 2 does not exist; this plan has 1 group.");
    }

    [Fact]
    public void EmptyGroupIsAnError()
    {
        var topology = ScenarioTopologies.Of([ScenarioTopologies.Device(1, "pi-01", 0)], []);

        var resolution = ScenarioResolver.Resolve(Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(2))), topology, Seed);

        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[0].target");
        error.Message.ShouldBe("Group 2 of this plan has no devices.");
    }

    [Fact]
    public void NameMatchingNoDeviceIsAnError()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-01")),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("camera-*")));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Failures.ShouldBeEmpty();
        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[1].target");
        error.Message.ShouldBe("No device of this plan is named like 'camera-*'.");
    }

    [Fact]
    public void HardwareClassMatchingNoDeviceIsAnError()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.OfHardwareClass("Jetson Orin")));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[0].target");
        error.Message.ShouldBe("No device of this plan has hardware class 'Jetson Orin'.");
    }

    [Fact]
    public void EveryEventsPlanErrorIsReported()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.NamedLike("nope-*")),
            Event(FailureEffect.Crash, TargetSelector.InGroup(9)),
            Event(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(99), start: 100));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.Select(e => e.Field).ShouldBe(["events[0].target", "events[1].target", "events[2].radius.count"]);
    }

    [Fact]
    public void CountAboveTheMatchingDevicesIsAnErrorGivingBothNumbers()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-*"), BlastRadius.Devices(5)));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Failures.ShouldBeEmpty();
        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[0].radius.count");
        error.Message.ShouldBe("The event hits 5 devices, but only 3 devices are named like 'pi-*' in this plan.");
    }

    [Fact]
    public void CountAboveASingleMatchSaysOneDevice()
    {
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(2), BlastRadius.Devices(2)));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Pis(groups: 2, perGroup: 1), Seed);

        resolution.Errors.ShouldHaveSingleItem().Message.ShouldBe("The event hits 2 devices, but only 1 device is in group 2 in this plan.");
    }

    [Fact]
    public void CountDrawsThatManyDistinctMatchingDevices()
    {
        var topology = ScenarioTopologies.Pis(groups: 2, perGroup: 5);
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.InGroup(2), BlastRadius.Devices(3)));

        for (var seed = 0L; seed < 50; seed++)
        {
            var ids = HitIds(ScenarioResolver.Resolve(scenario, topology, seed));

            ids.Length.ShouldBe(3);
            ids.ShouldBeUnique();
            ids.ShouldAllBe(id => id >= 6 && id <= 10);
            ids.ShouldBeInOrder();
        }
    }

    [Theory]
    [InlineData(25, 8, 2)]
    [InlineData(30, 8, 3)]
    [InlineData(12.5, 8, 1)]
    [InlineData(100, 8, 8)]
    [InlineData(1, 8, 1)]
    public void PercentDrawsTheCeilingOfItsShare(double percent, int devices, int expected)
    {
        var scenario = Named("S", Event(FailureEffect.Slow(2), TargetSelector.AllDevices, BlastRadius.Percentage(percent)));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Pis(groups: 1, perGroup: devices), Seed);

        HitIds(resolution).Distinct().Count().ShouldBe(expected);
    }

    [Fact]
    public void SameSeedScenarioAndPlanGiveTheSameFailures()
    {
        var topology = ScenarioTopologies.Pis(groups: 4, perGroup: 5);
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Percentage(30)));

        var first = ScenarioResolver.Resolve(scenario, topology, 7);
        var second = ScenarioResolver.Resolve(scenario, topology, 7);

        first.Failures.ShouldBe(second.Failures);
    }

    [Fact]
    public void DifferentSeedsDrawDifferentDevices()
    {
        var topology = ScenarioTopologies.Pis(groups: 4, perGroup: 5);
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(3)));

        var draws = Enumerable.Range(0, 20)
            .Select(seed => string.Join(',', HitIds(ScenarioResolver.Resolve(scenario, topology, seed))))
            .Distinct()
            .Count();

        draws.ShouldBeGreaterThan(1);
    }

    [Fact]
    public void EveryMatchingDeviceIsDrawnForSomeSeed()
    {
        var topology = ScenarioTopologies.Pis(groups: 2, perGroup: 5);
        var scenario = Named("S", Event(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1)));

        var hit = Enumerable.Range(0, 300).SelectMany(seed => HitIds(ScenarioResolver.Resolve(scenario, topology, seed))).ToHashSet();

        hit.Order().ShouldBe(Enumerable.Range(1, 10));
    }

    [Fact]
    public void EventsDrawIndependently()
    {
        var topology = ScenarioTopologies.Pis(groups: 1, perGroup: 10);
        var one = BlastRadius.Devices(1);
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.AllDevices, one, start: 0, duration: 5),
            Event(FailureEffect.Crash, TargetSelector.AllDevices, one, start: 10, duration: 5));

        var sameDevice = Enumerable.Range(0, 50)
            .Select(seed => ScenarioResolver.Resolve(scenario, topology, seed).Failures)
            .Count(f => f[0].DeviceId == f[1].DeviceId);

        // Independent uniform draws of 1 in 10 pick the same device about 5 times in 50; identical streams 50 times.
        sameDevice.ShouldBeLessThan(20);
    }

    [Fact]
    public void EditingOneEventDoesNotChangeAnotherEventsDraw()
    {
        var topology = ScenarioTopologies.Pis(groups: 2, perGroup: 6);
        var first = Event(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(4), start: 0, duration: 5);
        var second = Event(FailureEffect.Slow(2), TargetSelector.AllDevices, BlastRadius.Devices(2), start: 50, duration: 5);

        var before = ScenarioResolver.Resolve(Named("S", first, second), topology, Seed);
        var after = ScenarioResolver.Resolve(Named("S", first, second with { Radius = BlastRadius.Devices(5) }), topology, Seed);

        before.Failures.Where(f => f.StartSeconds == 0).ShouldBe(after.Failures.Where(f => f.StartSeconds == 0));
    }

    [Fact]
    public void FailuresAreOrderedByStart()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-01"), start: 30),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-02"), start: 10),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-03"), start: 20));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Failures.Select(f => f.StartSeconds).ShouldBe([10, 20, 30]);
        HitIds(resolution).ShouldBe([2, 4, 1]);
    }

    [Fact]
    public void OpenEndedEventLastsToTheEndOfTheRun()
    {
        var scenario = Named("S", Event(FailureEffect.LinkDegraded(0.5, 0.02, 0.05), TargetSelector.NamedLike("cam-01"), duration: null));

        var failure = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed).Failures.ShouldHaveSingleItem();

        failure.DurationSeconds.ShouldBeNull();
        failure.EndSeconds.ShouldBe(double.PositiveInfinity);
    }

    [Fact]
    public void OverlappingFailuresOfDifferentKindsAreRejectedNamingBothEventsTheDeviceAndTheInterval()
    {
        var topology = ScenarioTopologies.Pis(groups: 1, perGroup: 8);
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-01"), start: 0, duration: 100),
            Event(FailureEffect.Slow(2), TargetSelector.NamedLike("pi-07"), start: 5, duration: 10),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("pi-02"), start: 12, duration: 3),
            Event(FailureEffect.Crash, TargetSelector.NamedLike("PI-07"), start: 12, duration: 8));

        var resolution = ScenarioResolver.Resolve(scenario, topology, Seed);

        resolution.Failures.ShouldBeEmpty();
        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[3]");
        error.Message.ShouldBe(
            "events[1] (Slow) and events[3] (Crash) overlap on device 'pi-07' from 12 s to 15 s; different failures on one device may not overlap.");
    }

    [Fact]
    public void OverlappingFailuresOfTheSameKindAreRejectedToo()
    {
        var scenario = Named("S",
            Event(FailureEffect.Slow(2), TargetSelector.OfHardwareClass("Raspberry Pi 4"), start: 0, duration: 10),
            Event(FailureEffect.Slow(3), TargetSelector.NamedLike("pi-02"), start: 9.5, duration: 10));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        var error = resolution.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("events[1]");
        error.Message.ShouldBe(
            "events[0] (Slow) and events[1] (Slow) overlap on device 'pi-02' from 9.5 s to 10 s; " +
            "failures on one device may not overlap, even of the same kind; end the first before the second starts.");
    }

    [Fact]
    public void OverlapWithAnOpenEndedEventRunsToTheEndOfTheRun()
    {
        var scenario = Named("S",
            Event(FailureEffect.LinkDegraded(0.5, 0, 0), TargetSelector.AllDevices, start: 10, duration: null),
            Event(FailureEffect.LinkCut, TargetSelector.NamedLike("cam-01"), start: 60, duration: null));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.ShouldHaveSingleItem().Message.ShouldStartWith(
            "events[0] (LinkDegraded) and events[1] (LinkCut) overlap on device 'cam-01' from 60 s to the end of the run;");
    }

    [Fact]
    public void EventMayStartExactlyWhenAnotherEndsOnTheSameDevice()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.AllDevices, start: 10, duration: 5),
            Event(FailureEffect.Slow(4), TargetSelector.AllDevices, start: 15, duration: 5),
            Event(FailureEffect.Crash, TargetSelector.AllDevices, start: 20, duration: null));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.ShouldBeEmpty();
        resolution.Failures.Count.ShouldBe(15);
    }

    [Fact]
    public void EventsOnDifferentDevicesMayOverlapInTime()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.InGroup(1), start: 0, duration: 30),
            Event(FailureEffect.Slow(2), TargetSelector.InGroup(2), start: 10, duration: 30));

        ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed).Errors.ShouldBeEmpty();
    }

    [Fact]
    public void OverlapOfTwoEventsIsReportedOnceForAllTheirDevices()
    {
        var scenario = Named("S",
            Event(FailureEffect.Crash, TargetSelector.AllDevices, start: 0, duration: 10),
            Event(FailureEffect.LinkCut, TargetSelector.AllDevices, start: 5, duration: 10));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.ShouldHaveSingleItem().Message.ShouldContain("on device 'pi-01' from 5 s to 10 s");
    }

    [Fact]
    public void OverlapListIsCut()
    {
        var events = Enumerable.Range(0, 30).Select(_ => Event(FailureEffect.Crash, TargetSelector.AllDevices)).ToArray();

        var resolution = ScenarioResolver.Resolve(Named("S", events), ScenarioTopologies.Mixed(), Seed);

        resolution.Errors.Count.ShouldBe(ScenarioResolver.MaxOverlapErrors + 1);
        var last = resolution.Errors[^1];
        last.Field.ShouldBe("events");
        last.Message.ShouldBe("More events overlap on one device; only the first 20 overlaps are listed.");
    }

    [Fact]
    public void ScenarioErrorsAreReturnedWithoutResolving()
    {
        var scenario = Named("", Event(FailureEffect.Crash, TargetSelector.NamedLike("nothing-matches"), start: -1));

        var resolution = ScenarioResolver.Resolve(scenario, ScenarioTopologies.Mixed(), Seed);

        resolution.Failures.ShouldBeEmpty();
        resolution.Succeeded.ShouldBeFalse();
        resolution.Errors.ShouldBe(ScenarioValidator.Validate(scenario));
    }

    [Fact]
    public void ScenarioWithoutEventsResolvesToNoFailures()
    {
        var resolution = ScenarioResolver.Resolve(Named("Calm"), ScenarioTopologies.Mixed(), Seed);

        resolution.Succeeded.ShouldBeTrue();
        resolution.Failures.ShouldBeEmpty();
    }
}
