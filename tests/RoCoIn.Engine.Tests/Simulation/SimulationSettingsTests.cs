using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

public class SimulationSettingsTests
{
    [Fact]
    public void DefaultSettingsAreValid()
    {
        new SimulationSettings().Validate().ShouldBeEmpty();
    }

    [Fact]
    public void EveryBadFieldIsNamedWithWhatItMustBe()
    {
        var settings = new SimulationSettings
        {
            DurationSeconds = 0,
            MaxRequests = 0,
            Mode = (FailureMode)7,
            JitterCoefficient = -0.1,
            AutoAbort = new AutoAbortRule(1.5, 0),
        };

        var errors = settings.Validate().ToDictionary(e => e.Field, e => e.Message);

        errors.Keys.ShouldBe(["durationSeconds", "maxRequests", "mode", "jitterCoefficient", "autoAbort.minSuccessRate", "autoAbort.windowSeconds"],
            ignoreOrder: true);
        errors["durationSeconds"].ShouldBe("The duration must be above 0 and at most 604800 simulated seconds (a week); got 0.");
        errors["maxRequests"].ShouldBe("The request limit must be at least 1, or left out; got 0.");
        errors["mode"].ShouldBe("The mode must be Strict or Degraded; got 7.");
        errors["jitterCoefficient"].ShouldBe("The jitter coefficient of variation must lie in [0, 10]; got -0.1.");
        errors["autoAbort.minSuccessRate"].ShouldBe("The auto-abort success rate must lie in [0, 1]; got 1.5.");
        errors["autoAbort.windowSeconds"].ShouldBe("The auto-abort window must be above 0 simulated seconds; got 0.");
    }

    [Theory]
    [InlineData(ArrivalKind.Poisson, 0.0, 1, "arrivals.ratePerSecond", "The arrival rate must be above 0 and at most 10000000 requests/s; got 0.")]
    [InlineData(ArrivalKind.Poisson, 2e7, 1, "arrivals.ratePerSecond", "The arrival rate must be above 0 and at most 10000000 requests/s; got 20000000.")]
    [InlineData(ArrivalKind.ClosedLoop, 20.0, 0, "arrivals.concurrency", "The concurrency must be 1 to 100000; got 0.")]
    [InlineData((ArrivalKind)9, 20.0, 1, "arrivals.kind", "The arrival kind must be Poisson or ClosedLoop; got 9.")]
    public void BadArrivalsAreNamed(ArrivalKind kind, double rate, int concurrency, string field, string message)
    {
        var errors = new SimulationSettings { Arrivals = new ArrivalSettings(kind, rate, concurrency) }.Validate();

        errors.ShouldHaveSingleItem().Field.ShouldBe(field);
        errors[0].Message.ShouldBe(message);
    }

    [Fact]
    public void TheSimulatorRefusesInvalidSettingsWithTheirMessages()
    {
        var topology = SimBuilder.Topology(1, 0, 1, FailureMode.Strict, [SimBuilder.Device(0.1)]);

        var error = Should.Throw<ArgumentException>(() => new Simulator(topology, new SimulationSettings { DurationSeconds = -1 }));

        error.ParamName.ShouldBe("settings");
        error.Message.ShouldContain("The duration must be above 0");
    }
}
