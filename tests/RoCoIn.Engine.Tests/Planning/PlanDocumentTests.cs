using System.Text.Json;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Planning;

public class PlanDocumentTests
{
    private static PlanDocument Document(IReadOnlyList<RoCoIn.Engine.Devices.DeviceProfile> devices, PlanSettings settings)
    {
        var result = RoCoInPlanner.Plan(FleetBuilder.Request(devices, settings), cancellationToken: TestContext.Current.CancellationToken);
        return new PlanDocument(settings, devices, FleetHash.Compute(devices), result, 64);
    }

    [Fact]
    public void JsonRoundTripKeepsEverything()
    {
        var settings = new PlanSettings { Seed = 3, Mode = FailureMode.Degraded, Objective = PlanObjective.P99ServedLatency, AccuracyFloor = 0.85 };
        var document = Document(FleetBuilder.RandomMixed(12), settings);

        var json = document.ToJson();
        var back = PlanDocument.FromJson(json);
        var again = back.ToJson();

        again.ShouldBe(json);
        PlanDocument.FromJson(again).ToJson().ShouldBe(again);
        back.Settings.ShouldBe(settings);
        back.FleetHash.ShouldBe(document.FleetHash);
        back.Devices.ShouldBe(document.Devices);
        PlanAssert.ShouldBeSame(back.Result.Plan!, document.Result.Plan!);
        back.Result.Baselines.Count.ShouldBe(document.Result.Baselines.Count);
        for (var i = 0; i < back.Result.Baselines.Count; i++)
            PlanAssert.ShouldBeSame(back.Result.Baselines[i], document.Result.Baselines[i]);
        back.Result.Evaluations.ShouldBe(document.Result.Evaluations);
    }

    [Fact]
    public void JsonRoundTripKeepsAnInfeasibleResult()
    {
        var devices = FleetBuilder.Paper().Select(d => d with { NoReplyProbability = 0.4 }).ToList();
        var document = Document(devices, new PlanSettings { MinReliability = 0.999999 });

        var json = document.ToJson();
        var back = PlanDocument.FromJson(json);

        back.ToJson().ShouldBe(json);
        back.Result.Plan.ShouldBeNull();
        back.Result.Problem.ShouldNotBeNull();
        back.Result.Problem.Constraint.ShouldBe("reliability");
        back.Result.Problem.Explanation.ShouldBe(document.Result.Problem!.Explanation);
        back.Result.Problem.Suggestions.ShouldBe(document.Result.Problem.Suggestions);
    }

    [Fact]
    public void JsonUsesCamelCaseAndEnumNames()
    {
        var json = Document(FleetBuilder.Paper(), new PlanSettings { Mode = FailureMode.Degraded }).ToJson();

        json.ShouldContain("\"fleetHash\"");
        json.ShouldContain("\"Degraded\"");
        json.ShouldContain("\"ExpectedCappedLatency\"");
    }

    [Theory]
    [InlineData("null")]
    [InlineData("[1, 2]")]
    [InlineData("{\"settings\": 5}")]
    public void TextThatIsNotAPlanDocumentThrowsJsonException(string json)
    {
        Should.Throw<JsonException>(() => PlanDocument.FromJson(json));
    }
}
