using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class ScenarioValidatorTests
{
    private static readonly ScenarioEvent Crash =
        new(FailureEffect.Crash, TargetSelector.NamedLike("pi-*"), null, StartSeconds: 10, DurationSeconds: 5);

    private static Scenario With(params ScenarioEvent[] events) => new("Test", "", events);

    // Puts the event third, so each test also checks the index in the field path.
    private static FieldError SingleErrorOf(ScenarioEvent e) =>
        ScenarioValidator.Validate(With(Crash, Crash, e)).ShouldHaveSingleItem();

    [Fact]
    public void ValidScenarioHasNoErrors()
    {
        var scenario = new Scenario("Rolling crash", "Pis go down one by one.",
        [
            Crash,
            new(FailureEffect.Slow(4), TargetSelector.OfHardwareClass("Raspberry Pi 4"), BlastRadius.Percentage(25), 0, null),
            new(FailureEffect.LinkDegraded(0.5, 0.02, 0.05), TargetSelector.InGroup(2), BlastRadius.Devices(1), 3.5, 0.25),
            new(FailureEffect.LinkCut, TargetSelector.AllDevices, null, 100, 1),
        ]);

        ScenarioValidator.Validate(scenario).ShouldBeEmpty();
    }

    [Fact]
    public void ScenarioWithoutEventsIsValid()
    {
        ScenarioValidator.Validate(With()).ShouldBeEmpty();
    }

    [Fact]
    public void LibraryScenariosAreValid()
    {
        foreach (var scenario in ScenarioLibrary.All)
            ScenarioValidator.Validate(scenario).ShouldBeEmpty(scenario.Name);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void NameIsRequired(string name)
    {
        var error = ScenarioValidator.Validate(new Scenario(name, "", [])).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldBe("Name is required.");
    }

    [Fact]
    public void NullNameIsRequired()
    {
        ScenarioValidator.Validate(new Scenario(null!, "", [])).ShouldHaveSingleItem().Field.ShouldBe("name");
    }

    [Fact]
    public void NameWithSurroundingSpacesIsAnError()
    {
        var error = ScenarioValidator.Validate(new Scenario(" Crash", "", [])).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldContain("spaces");
    }

    [Fact]
    public void NameOfAHundredCharactersIsValidButNotOfAHundredAndOne()
    {
        ScenarioValidator.Validate(new Scenario(new string('s', 100), "", [])).ShouldBeEmpty();

        var error = ScenarioValidator.Validate(new Scenario(new string('s', 101), "", [])).ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldBe("Name must be at most 100 characters (got 101).");
    }

    [Fact]
    public void DescriptionMustBeTextOfAtMostTwoThousandCharacters()
    {
        ScenarioValidator.Validate(new Scenario("S", null!, [])).ShouldHaveSingleItem().Field.ShouldBe("description");

        var error = ScenarioValidator.Validate(new Scenario("S", new string('d', 2001), [])).ShouldHaveSingleItem();

        error.Field.ShouldBe("description");
        error.Message.ShouldContain("got 2001");
    }

    [Fact]
    public void EventsAreRequired()
    {
        ScenarioValidator.Validate(new Scenario("S", "", null!)).ShouldHaveSingleItem().Field.ShouldBe("events");
    }

    [Fact]
    public void AThousandEventsAreValidButNotAThousandAndOne()
    {
        var atLimit = Enumerable.Range(0, 1000).Select(i => Crash with { StartSeconds = i * 10 }).ToArray();
        ScenarioValidator.Validate(With(atLimit)).ShouldBeEmpty();

        var error = ScenarioValidator.Validate(With([.. atLimit, Crash])).ShouldHaveSingleItem();

        error.Field.ShouldBe("events");
        error.Message.ShouldBe("A scenario holds at most 1000 events (got 1001).");
    }

    [Fact]
    public void NullEventIsAnError()
    {
        var error = SingleErrorOf(null!);

        error.Field.ShouldBe("events[2]");
        error.Message.ShouldBe("The event is required.");
    }

    [Fact]
    public void NegativeStartIsAnError()
    {
        var error = SingleErrorOf(Crash with { StartSeconds = -1.5 });

        error.Field.ShouldBe("events[2].startSeconds");
        error.Message.ShouldBe("The start must be at least 0 s (got -1.5 s).");
    }

    [Theory]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void NonFiniteStartIsAnError(double start, string shown)
    {
        var error = SingleErrorOf(Crash with { StartSeconds = start });

        error.Field.ShouldBe("events[2].startSeconds");
        error.Message.ShouldBe($"The start must be a finite number of simulated seconds (got {shown}).");
    }

    [Fact]
    public void StartAtOrAfterTheLongestRunIsAnError()
    {
        var error = SingleErrorOf(Crash with { StartSeconds = SimulationSettings.MaxDurationSeconds, DurationSeconds = null });

        error.Field.ShouldBe("events[2].startSeconds");
        error.Message.ShouldBe("The start must be before 604800 s, the end of the longest run (a week) (got 604800 s).");
    }

    [Theory]
    [InlineData(0, "got 0 s")]
    [InlineData(-2, "got -2 s")]
    public void DurationMustBePositive(double duration, string got)
    {
        var error = SingleErrorOf(Crash with { DurationSeconds = duration });

        error.Field.ShouldBe("events[2].durationSeconds");
        error.Message.ShouldBe($"The duration must be above 0 s, or left out for the rest of the run ({got}).");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteDurationIsAnError(double duration)
    {
        var error = SingleErrorOf(Crash with { DurationSeconds = duration });

        error.Field.ShouldBe("events[2].durationSeconds");
        error.Message.ShouldStartWith("The duration must be a finite number of seconds, or left out for the rest of the run");
    }

    [Fact]
    public void EventEndingAfterTheLongestRunIsAnErrorSayingByHowMuch()
    {
        var error = SingleErrorOf(Crash with { StartSeconds = 604_000, DurationSeconds = 1000 });

        error.Field.ShouldBe("events[2].durationSeconds");
        error.Message.ShouldStartWith("The event would end at 605000 s, 200 s after the end of the longest run (604800 s, a week)");
    }

    [Fact]
    public void HugeDurationDoesNotOverflowIntoAValidEvent()
    {
        var error = SingleErrorOf(Crash with { StartSeconds = 1, DurationSeconds = double.MaxValue });

        error.Field.ShouldBe("events[2].durationSeconds");
        error.Message.ShouldContain("after the end of the longest run");
    }

    [Fact]
    public void EventEndingExactlyWithTheLongestRunIsValid()
    {
        ScenarioValidator.Validate(With(Crash with { StartSeconds = 604_000, DurationSeconds = 800 })).ShouldBeEmpty();
    }

    [Fact]
    public void EffectIsRequired()
    {
        var error = SingleErrorOf(Crash with { Effect = null! });

        error.Field.ShouldBe("events[2].effect");
        error.Message.ShouldBe("The effect is required.");
    }

    [Fact]
    public void UnknownFailureKindIsAnError()
    {
        var error = SingleErrorOf(Crash with { Effect = new FailureEffect((FailureKind)9) });

        error.Field.ShouldBe("events[2].effect.kind");
        error.Message.ShouldBe("The failure kind must be Crash, Slow, LinkDegraded or LinkCut (got 9).");
    }

    [Theory]
    [InlineData(0.5, "0.5")]
    [InlineData(0, "0")]
    [InlineData(1000.5, "1000.5")]
    [InlineData(double.NaN, "NaN")]
    public void SlowFactorMustLieBetweenOneAndAThousand(double factor, string shown)
    {
        var error = SingleErrorOf(Crash with { Effect = FailureEffect.Slow(factor) });

        error.Field.ShouldBe("events[2].effect.slowFactor");
        error.Message.ShouldBe($"The slow-down factor must lie in [1, 1000] (got {shown}).");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(1.25, "1.25")]
    [InlineData(double.NaN, "NaN")]
    public void LinkRateFactorMustLieInZeroExclusiveToOne(double factor, string shown)
    {
        var error = SingleErrorOf(Crash with { Effect = FailureEffect.LinkDegraded(factor, 0, 0) });

        error.Field.ShouldBe("events[2].effect.linkRateFactor");
        error.Message.ShouldBe($"The link rate factor must lie in (0, 1] (got {shown}).");
    }

    [Theory]
    [InlineData(-0.001, "-0.001")]
    [InlineData(3601, "3601")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    public void ExtraLatencyMustLieBetweenZeroAndAnHour(double seconds, string shown)
    {
        var error = SingleErrorOf(Crash with { Effect = FailureEffect.LinkDegraded(1, seconds, 0) });

        error.Field.ShouldBe("events[2].effect.extraLatencySeconds");
        error.Message.ShouldBe($"The extra latency must lie in [0, 3600] s (got {shown} s).");
    }

    [Theory]
    [InlineData(-0.1, "-0.1")]
    [InlineData(1.1, "1.1")]
    [InlineData(double.NaN, "NaN")]
    public void LossProbabilityMustLieBetweenZeroAndOne(double loss, string shown)
    {
        var error = SingleErrorOf(Crash with { Effect = FailureEffect.LinkDegraded(1, 0, loss) });

        error.Field.ShouldBe("events[2].effect.lossProbability");
        error.Message.ShouldBe($"The loss probability must lie in [0, 1] (got {shown}).");
    }

    [Fact]
    public void EffectBoundariesAreValid()
    {
        var scenario = With(
            Crash with { Effect = FailureEffect.Slow(1) },
            Crash with { Effect = FailureEffect.Slow(1000) },
            Crash with { Effect = FailureEffect.LinkDegraded(1, 0, 0) },
            Crash with { Effect = FailureEffect.LinkDegraded(double.Epsilon, 3600, 1) });

        ScenarioValidator.Validate(scenario).ShouldBeEmpty();
    }

    [Fact]
    public void DegradedLinkReportsEachBadParameter()
    {
        var errors = ScenarioValidator.Validate(With(Crash with { Effect = FailureEffect.LinkDegraded(0, -1, 2) }));

        errors.Select(e => e.Field).ShouldBe(
            ["events[0].effect.linkRateFactor", "events[0].effect.extraLatencySeconds", "events[0].effect.lossProbability"]);
    }

    [Fact]
    public void ParameterOfAnotherKindMustStayNeutral()
    {
        var crashWithFactor = SingleErrorOf(Crash with { Effect = FailureEffect.Crash with { SlowFactor = 3 } });
        var slowWithLoss = SingleErrorOf(Crash with { Effect = FailureEffect.Slow(2) with { LossProbability = 0.1 } });
        var cutWithRate = SingleErrorOf(Crash with { Effect = FailureEffect.LinkCut with { LinkRateFactor = 0.5 } });
        var degradedWithFactor = SingleErrorOf(Crash with { Effect = FailureEffect.LinkDegraded(0.5, 0, 0) with { SlowFactor = 2 } });

        crashWithFactor.Field.ShouldBe("events[2].effect.slowFactor");
        crashWithFactor.Message.ShouldBe("A Crash failure has no slow-down factor; leave it at 1 (got 3).");
        slowWithLoss.Field.ShouldBe("events[2].effect.lossProbability");
        slowWithLoss.Message.ShouldBe("A Slow failure has no loss probability; leave it at 0 (got 0.1).");
        cutWithRate.Field.ShouldBe("events[2].effect.linkRateFactor");
        cutWithRate.Message.ShouldBe("A LinkCut failure has no link rate factor; leave it at 1 (got 0.5).");
        degradedWithFactor.Field.ShouldBe("events[2].effect.slowFactor");
    }

    [Fact]
    public void TargetIsRequired()
    {
        var error = SingleErrorOf(Crash with { Target = null! });

        error.Field.ShouldBe("events[2].target");
        error.Message.ShouldBe("The target is required.");
    }

    [Fact]
    public void UnknownSelectorKindIsAnError()
    {
        var error = SingleErrorOf(Crash with { Target = new TargetSelector((SelectorKind)7, "x") });

        error.Field.ShouldBe("events[2].target.kind");
        error.Message.ShouldBe("The selector kind must be DeviceName, HardwareClass or Group (got 7).");
    }

    [Theory]
    [InlineData(SelectorKind.DeviceName, "", "A device-name pattern is required")]
    [InlineData(SelectorKind.DeviceName, " ", "A device-name pattern is required")]
    [InlineData(SelectorKind.DeviceName, null, "A device-name pattern is required")]
    [InlineData(SelectorKind.HardwareClass, "", "A hardware class is required")]
    [InlineData(SelectorKind.Group, "", "A group number is required")]
    public void SelectorValueIsRequired(SelectorKind kind, string? value, string message)
    {
        var error = SingleErrorOf(Crash with { Target = new TargetSelector(kind, value!) });

        error.Field.ShouldBe("events[2].target.value");
        error.Message.ShouldStartWith(message);
    }

    [Fact]
    public void GlobOfTwoHundredCharactersIsValidButNotLonger()
    {
        ScenarioValidator.Validate(With(Crash with { Target = TargetSelector.NamedLike(new string('*', 200)) })).ShouldBeEmpty();

        var error = SingleErrorOf(Crash with { Target = TargetSelector.NamedLike(new string('a', 201)) });

        error.Field.ShouldBe("events[2].target.value");
        error.Message.ShouldBe("The device-name pattern must be at most 200 characters (got 201).");
    }

    [Fact]
    public void HardwareClassLongerThanAnyDeviceMayHaveIsAnError()
    {
        var error = SingleErrorOf(Crash with { Target = TargetSelector.OfHardwareClass(new string('c', 61)) });

        error.Field.ShouldBe("events[2].target.value");
        error.Message.ShouldBe("The hardware class must be at most 60 characters, the longest a device may have (got 61).");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    [InlineData("1.5")]
    [InlineData("two")]
    [InlineData("99999999999")]
    public void GroupMustBeAPositiveWholeNumber(string value)
    {
        var error = SingleErrorOf(Crash with { Target = new TargetSelector(SelectorKind.Group, value) });

        error.Field.ShouldBe("events[2].target.value");
        error.Message.ShouldBe($"A group is chosen by its number, a whole number from 1 (got '{value}').");
    }

    [Fact]
    public void LongBadGroupValueIsShortenedInTheMessage()
    {
        var error = SingleErrorOf(Crash with { Target = new TargetSelector(SelectorKind.Group, new string('x', 500)) });

        error.Message.ShouldContain($"got '{new string('x', 20)}…'");
    }

    [Fact]
    public void RadiusWithCountAndPercentIsAnError()
    {
        var error = SingleErrorOf(Crash with { Radius = new BlastRadius(2, 50) });

        error.Field.ShouldBe("events[2].radius");
        error.Message.ShouldBe("Set either a device count or a percentage of the matching devices, not both.");
    }

    [Fact]
    public void RadiusWithNeitherCountNorPercentIsAnError()
    {
        var error = SingleErrorOf(Crash with { Radius = new BlastRadius(null, null) });

        error.Field.ShouldBe("events[2].radius");
        error.Message.ShouldStartWith("Set a device count or a percentage of the matching devices, or leave the radius out");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-3)]
    public void CountMustBeAtLeastOne(int count)
    {
        var error = SingleErrorOf(Crash with { Radius = BlastRadius.Devices(count) });

        error.Field.ShouldBe("events[2].radius.count");
        error.Message.ShouldBe($"The device count must be at least 1 (got {count}).");
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(-5, "-5")]
    [InlineData(100.5, "100.5")]
    [InlineData(double.NaN, "NaN")]
    public void PercentMustLieInZeroExclusiveToAHundred(double percent, string shown)
    {
        var error = SingleErrorOf(Crash with { Radius = BlastRadius.Percentage(percent) });

        error.Field.ShouldBe("events[2].radius.percent");
        error.Message.ShouldBe($"The percentage must lie in (0, 100] (got {shown}).");
    }

    [Fact]
    public void RadiusBoundariesAreValid()
    {
        var scenario = With(
            Crash with { Radius = BlastRadius.Devices(1) },
            Crash with { Radius = BlastRadius.Percentage(100) },
            Crash with { Radius = BlastRadius.Percentage(0.001) });

        ScenarioValidator.Validate(scenario).ShouldBeEmpty();
    }

    [Fact]
    public void EveryProblemOfEveryEventIsReported()
    {
        var scenario = new Scenario("", "",
        [
            Crash with { StartSeconds = -1, DurationSeconds = 0 },
            Crash,
            Crash with { Target = TargetSelector.NamedLike(""), Radius = BlastRadius.Devices(0) },
        ]);

        ScenarioValidator.Validate(scenario).Select(e => e.Field).ShouldBe(
        [
            "name",
            "events[0].startSeconds",
            "events[0].durationSeconds",
            "events[2].target.value",
            "events[2].radius.count",
        ]);
    }
}
