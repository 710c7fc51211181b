using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Tests.Builders;
using RoCoIn.Engine.Units;

namespace RoCoIn.Engine.Tests.Planning;

public class RoCoInPlannerTests
{
    public static TheoryData<long> RandomFleetSeeds() => [.. Enumerable.Range(1, 24).Select(i => (long)i)];

    public static TheoryData<PlanObjective, FailureMode> ObjectivesAndModes() =>
    [
        .. Enum.GetValues<PlanObjective>().SelectMany(o => Enum.GetValues<FailureMode>().Select(m => (o, m))),
    ];

    [Fact]
    public void PaperFleetGetsAValidPlanThatMeetsTheConstraints()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper());

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Problem.ShouldBeNull();
        result.Plan.ShouldNotBeNull();
        result.Plan.Strategy.ShouldBe(RoCoInPlanner.Strategy);
        result.Plan.MeetsConstraints.ShouldBeTrue();
        PlanAssert.ShouldBeValid(result.Plan, request);
        result.Evaluations.ShouldBeGreaterThan(0);
    }

    [Theory]
    [MemberData(nameof(RandomFleetSeeds))]
    public void RandomMixedFleetsGetValidPlansAndBaselines(long seed)
    {
        var request = FleetBuilder.Request(FleetBuilder.RandomMixed(seed), new PlanSettings { Seed = seed });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        // Every device in these fleets holds the MCU student and answers well within τ = 1 s, so a plan must exist.
        result.Problem.ShouldBeNull();
        result.Plan.ShouldNotBeNull();
        result.Plan.MeetsConstraints.ShouldBeTrue();
        PlanAssert.ShouldBeValid(result.Plan, request);
        foreach (var baseline in result.Baselines)
            PlanAssert.ShouldBeValid(baseline, request);
    }

    [Theory]
    [MemberData(nameof(RandomFleetSeeds))]
    public void SmallMemoryDevicesOnlyJoinGroupsWhoseStudentTheyHold(long seed)
    {
        var request = FleetBuilder.Request(FleetBuilder.RandomMixed(seed), new PlanSettings { Seed = seed });
        var tiny = request.Devices.Where(d => d.MemoryBytes == FleetBuilder.TinyMemoryBytes).Select(d => d.Id).ToHashSet();

        var plan = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan!;

        plan.Groups.Where(g => g.DeviceIds.Any(tiny.Contains)).ShouldAllBe(g => g.StudentKey == "s-mcu");
    }

    [Fact]
    public void TwoRunsGiveTheSamePlanAndBaselines()
    {
        var request = FleetBuilder.Request(FleetBuilder.RandomMixed(7), new PlanSettings { Seed = 42 });

        var first = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);
        var second = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        PlanAssert.ShouldBeSame(second.Plan!, first.Plan!);
        second.Baselines.Count.ShouldBe(first.Baselines.Count);
        for (var i = 0; i < first.Baselines.Count; i++)
            PlanAssert.ShouldBeSame(second.Baselines[i], first.Baselines[i]);
        second.Evaluations.ShouldBe(first.Evaluations);
    }

    [Fact]
    public void TwoRunsOnThePaperFleetGiveTheSamePlan()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper());

        var first = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);
        var second = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        PlanAssert.ShouldBeSame(second.Plan!, first.Plan!);
    }

    [Fact]
    public void EverySeedGivesAValidPlan()
    {
        var devices = FleetBuilder.RandomMixed(11);

        foreach (var seed in new long[] { 1, 2, 3, 99, -5, long.MaxValue })
        {
            var request = FleetBuilder.Request(devices, new PlanSettings { Seed = seed });

            var plan = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan;

            plan.ShouldNotBeNull();
            PlanAssert.ShouldBeValid(plan, request);
        }
    }

    [Theory]
    [MemberData(nameof(ObjectivesAndModes))]
    public void EveryObjectiveAndModeGivesValidPlans(PlanObjective objective, FailureMode mode)
    {
        foreach (var devices in new[] { FleetBuilder.Paper(), FleetBuilder.RandomMixed(3), FleetBuilder.RandomMixed(8) })
        {
            var request = FleetBuilder.Request(devices, new PlanSettings { Objective = objective, Mode = mode });

            var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

            result.Plan.ShouldNotBeNull();
            PlanAssert.ShouldBeValid(result.Plan, request);
            foreach (var baseline in result.Baselines)
                PlanAssert.ShouldBeValid(baseline, request);
        }
    }

    [Fact]
    public void UnreliabilityObjectiveServesAtLeastAsManyRequestsAsFullReplicationWouldOnThePaperFleet()
    {
        // One group of all eight devices at width F is a candidate the search can reach; a plan chasing R must not
        // end below the replication baseline's R by more than rounding.
        var request = FleetBuilder.Request(FleetBuilder.Paper(), new PlanSettings { Objective = PlanObjective.Unreliability });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        var replication = result.Baselines.Single(b => b.Strategy == "Full replication");
        result.Plan!.Metrics.Reliability.ShouldBeGreaterThanOrEqualTo(replication.Metrics.Reliability - 1e-12);
    }

    [Fact]
    public void NoDevicesIsADevicesProblem()
    {
        var result = RoCoInPlanner.Plan(FleetBuilder.Request([]), cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("devices");
        result.Problem.Suggestions.ShouldNotBeEmpty();
    }

    [Fact]
    public void DevicesTooSmallForAnyStudentIsAMemoryProblemNamingTheSmallestStudentsNeed()
    {
        var devices = FleetBuilder.Paper().Select(d => d with { MemoryBytes = 10_000 }).ToList();
        var smallest = StudentCostTable.ForCatalogue(ModelCatalogue.DefaultTeacher).Get("s-mcu", 1).MemoryBytes;

        var result = RoCoInPlanner.Plan(FleetBuilder.Request(devices), cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("memory");
        result.Problem.Explanation.ShouldContain($"needs {SiFormat.Bytes(smallest)}");
        result.Problem.Explanation.ShouldContain("KB");
        result.Problem.Explanation.ShouldContain(SiFormat.Bytes(10_000));
        result.Problem.Suggestions.ShouldContain(s => s.Contains(SiFormat.Bytes(smallest), StringComparison.Ordinal));
    }

    [Fact]
    public void OneMillisecondDeadlineIsADeadlineProblemSuggestingADeadlineThatIsEnough()
    {
        var devices = FleetBuilder.Paper();
        var request = FleetBuilder.Request(devices, new PlanSettings { DeadlineSeconds = 0.001, ObjectiveSeconds = 0.001 });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("deadline");
        result.Problem.Explanation.ShouldContain("τ = 1 ms");
        result.Problem.Explanation.ShouldContain("0 of F = 64 channels");
        var suggested = SuggestedDeadline(result.Problem);
        var retry = RoCoInPlanner.Plan(FleetBuilder.Request(devices,
                new PlanSettings { DeadlineSeconds = suggested, ObjectiveSeconds = suggested, MinReliability = 0 }),
            cancellationToken: TestContext.Current.CancellationToken);
        retry.Problem.ShouldBeNull();
        retry.Plan!.Metrics.Reliability.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void DeadlineOnlyTheFastestDeviceMeetsIsStillADeadlineProblem()
    {
        // Enough for one device at a narrow partition, not for partitions adding up to F.
        var devices = FleetBuilder.Paper();
        var first = RoCoInPlanner.Plan(FleetBuilder.Request(devices, new PlanSettings { DeadlineSeconds = 0.001, ObjectiveSeconds = 0.001 }),
            cancellationToken: TestContext.Current.CancellationToken);
        var enough = SuggestedDeadline(first.Problem!);
        var fastestAlone = new PlanningContext(FleetBuilder.Request(devices)) is var context
            ? Enumerable.Range(0, devices.Count).Min(d => context.Time(d, 0, 8)) + context.EvaluationSettings.AggregatorSeconds
            : 0;
        fastestAlone.ShouldBeLessThan(enough);
        var tau = (fastestAlone + enough) / 2;

        var result = RoCoInPlanner.Plan(FleetBuilder.Request(devices, new PlanSettings { DeadlineSeconds = tau, ObjectiveSeconds = tau }),
            cancellationToken: TestContext.Current.CancellationToken);

        result.Problem!.Constraint.ShouldBe("deadline");
        SuggestedDeadline(result.Problem).ShouldBe(enough);
    }

    [Fact]
    public void DevicesThatCannotHoldPartitionsAddingUpToFIsAMemoryProblem()
    {
        // One 60 KB device holds the MCU student only up to d ≈ 45 < F = 64.
        var request = FleetBuilder.Request([FleetBuilder.Paper()[0] with { MemoryBytes = FleetBuilder.TinyMemoryBytes }]);

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("memory");
        result.Problem.Explanation.ShouldContain("F = 64");
    }

    private static double SuggestedDeadline(Infeasibility problem)
    {
        var suggestion = problem.Suggestions.First(s => s.StartsWith("Raise τ to at least ", StringComparison.Ordinal));
        suggestion.ShouldEndWith(" ms.");
        return double.Parse(suggestion["Raise τ to at least ".Length..^" ms.".Length], System.Globalization.CultureInfo.InvariantCulture) / 1000;
    }

    [Fact]
    public void UnreachableReliabilityIsAReliabilityProblemWithFiguresAndSuggestions()
    {
        var devices = FleetBuilder.Paper().Select(d => d with { NoReplyProbability = 0.4 }).ToList();
        var request = FleetBuilder.Request(devices, new PlanSettings { MinReliability = 0.999999 });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("reliability");
        // Eight devices at p = 0.4 in one group serve at best 1 − 0.4^8 = 0.999345.
        result.Problem.Explanation.ShouldContain("R_min = 0.999999");
        result.Problem.Explanation.ShouldContain("R = 0.999345");
        result.Problem.Suggestions.Count.ShouldBeGreaterThanOrEqualTo(2);
        result.Problem.Suggestions.ShouldContain("Lower R_min to 0.999344 or less.");
        result.Baselines.ShouldNotBeEmpty();
    }

    [Fact]
    public void AccuracyFloorAboveEveryStudentsPriorIsAnAccuracyProblem()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper(), new PlanSettings { AccuracyFloor = 0.99 });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("accuracy");
        result.Problem.Explanation.ShouldContain("99 %");
        result.Problem.Explanation.ShouldContain("90 %");
        result.Problem.Suggestions.ShouldNotBeEmpty();
    }

    [Fact]
    public void ReachableAccuracyFloorIsMet()
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper(), new PlanSettings { AccuracyFloor = 0.86 });

        var plan = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan;

        plan.ShouldNotBeNull();
        plan.AccuracyPrior.ShouldBeGreaterThanOrEqualTo(0.86);
        PlanAssert.ShouldBeValid(plan, request);
    }

    [Theory]
    [InlineData(0, 0.5, 0.9, "deadline")]
    [InlineData(-1, 0.5, 0.9, "deadline")]
    [InlineData(double.NaN, 0.5, 0.9, "deadline")]
    [InlineData(1, 2, 0.9, "deadline")]
    [InlineData(1, 0, 0.9, "deadline")]
    [InlineData(1, 0.5, 1.5, "reliability")]
    [InlineData(1, 0.5, -0.1, "reliability")]
    public void BadSettingsAreNamedProblems(double deadline, double objective, double minReliability, string constraint)
    {
        var request = FleetBuilder.Request(FleetBuilder.Paper(),
            new PlanSettings { DeadlineSeconds = deadline, ObjectiveSeconds = objective, MinReliability = minReliability });

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Baselines.ShouldBeEmpty();
        result.Problem!.Constraint.ShouldBe(constraint);
        result.Problem.Suggestions.ShouldNotBeEmpty();
    }

    [Fact]
    public void FixedStudentModeKeepsTheGivenWidthsAndStudentsAndOnlyRegroups()
    {
        FixedPartition[] partitions = [new(24, "s-small"), new(8, "s-mcu"), new(32, "s-mcu")];
        var request = FleetBuilder.Request(FleetBuilder.Paper(), fixedStudents: partitions);

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldNotBeNull();
        result.Plan.Groups.Select(g => (g.Width, g.StudentKey)).ShouldBe(partitions.Select(p => (p.Width, p.StudentKey)));
        PlanAssert.ShouldBeValid(result.Plan, request);
    }

    [Fact]
    public void FixedStudentModeRegroupsWhenADeviceLeaves()
    {
        FixedPartition[] partitions = [new(32, "s-mcu"), new(32, "s-mcu")];
        var devices = FleetBuilder.Paper();
        var before = RoCoInPlanner.Plan(FleetBuilder.Request(devices, fixedStudents: partitions),
            cancellationToken: TestContext.Current.CancellationToken).Plan!;
        var leaving = before.Groups[0].DeviceIds[0];
        var remaining = devices.Where(d => d.Id != leaving).ToList();
        var request = FleetBuilder.Request(remaining, fixedStudents: partitions);

        var after = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken).Plan;

        after.ShouldNotBeNull();
        after.Groups.Select(g => (g.Width, g.StudentKey)).ShouldBe(partitions.Select(p => (p.Width, p.StudentKey)));
        after.Groups.SelectMany(g => g.DeviceIds).ShouldNotContain(leaving);
        PlanAssert.ShouldBeValid(after, request);
    }

    [Theory]
    [InlineData(new[] { 32, 16 }, new[] { "s-mcu", "s-mcu" })]
    [InlineData(new[] { 40, 40 }, new[] { "s-mcu", "s-mcu" })]
    [InlineData(new[] { 65, -1 }, new[] { "s-mcu", "s-mcu" })]
    [InlineData(new[] { 32, 32 }, new[] { "s-mcu", "s-huge" })]
    public void FixedStudentSetThatDoesNotFitTheTeacherIsAStudentsProblem(int[] widths, string[] keys)
    {
        var partitions = widths.Zip(keys, (w, k) => new FixedPartition(w, k)).ToList();
        var request = FleetBuilder.Request(FleetBuilder.Paper(), fixedStudents: partitions);

        var result = RoCoInPlanner.Plan(request, cancellationToken: TestContext.Current.CancellationToken);

        result.Plan.ShouldBeNull();
        result.Problem!.Constraint.ShouldBe("students");
        result.Problem.Explanation.ShouldContain(widths.Any(w => w < 1) ? "at least one channel" : widths.Sum() != 64 ? $"add up to {widths.Sum()}" : "s-huge");
    }

    [Fact]
    public void CancelledTokenThrows()
    {
        using var source = new CancellationTokenSource();
        source.Cancel();

        Should.Throw<OperationCanceledException>(() =>
            RoCoInPlanner.Plan(FleetBuilder.Request(FleetBuilder.Paper()), cancellationToken: source.Token));
    }

    [Fact]
    public void TokenCancelledDuringTheSearchStopsIt()
    {
        using var source = new CancellationTokenSource();
        var progress = new ListProgress(p =>
        {
            if (p.Fraction > 0)
                source.Cancel();
        });

        Should.Throw<OperationCanceledException>(() =>
            RoCoInPlanner.Plan(FleetBuilder.Request(FleetBuilder.RandomMixed(5)), progress, source.Token));
    }

    [Fact]
    public void ProgressNeverGoesBackAndEndsAtOne()
    {
        foreach (var request in new[]
                 {
                     FleetBuilder.Request(FleetBuilder.Paper()),
                     FleetBuilder.Request(FleetBuilder.Paper(), fixedStudents: [new(32, "s-mcu"), new(32, "s-mcu")]),
                     FleetBuilder.Request(FleetBuilder.Paper(), new PlanSettings { MinReliability = 0.999999 }),
                 })
        {
            var progress = new ListProgress();

            RoCoInPlanner.Plan(request, progress, TestContext.Current.CancellationToken);

            progress.Reports.Count.ShouldBeGreaterThan(1);
            progress.Reports.Select(p => p.Fraction).ShouldBeInOrder(SortDirection.Ascending);
            progress.Reports[^1].Fraction.ShouldBe(1);
        }
    }

    /// <summary>Records reports synchronously (Progress&lt;T&gt; would post them to the thread pool).</summary>
    private sealed class ListProgress(Action<JobProgress>? onReport = null) : IProgress<JobProgress>
    {
        public List<JobProgress> Reports { get; } = [];

        public void Report(JobProgress value)
        {
            Reports.Add(value);
            onReport?.Invoke(value);
        }
    }
}
