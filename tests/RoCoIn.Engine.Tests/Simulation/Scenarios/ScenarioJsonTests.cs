using System.Text.Json;
using System.Text.Json.Serialization;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class ScenarioJsonTests
{
    private static readonly Scenario Sample = new("Mixed trouble", "Every kind of failure, selector and radius.",
    [
        new(FailureEffect.Crash, TargetSelector.NamedLike("pi-*"), BlastRadius.Devices(2), 10, 10),
        new(FailureEffect.Slow(4), TargetSelector.OfHardwareClass("Raspberry Pi 4"), BlastRadius.Percentage(25), 5, 30),
        new(FailureEffect.LinkDegraded(0.5, 0.020, 0.05), TargetSelector.AllDevices, null, 0.1 + 0.2, null),
        new(FailureEffect.LinkCut, TargetSelector.InGroup(2), null, 40, 1.0 / 3.0),
    ]);

    [Fact]
    public void ScenarioRoundTripsThroughItsJson()
    {
        var json = Sample.ToJson();

        Scenario.FromJson(json).ShouldBe(Sample);
    }

    [Fact]
    public void ScenarioRoundTripsWithWebDefaultsAndStringEnums()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

        var json = JsonSerializer.Serialize(Sample, options);
        var back = JsonSerializer.Deserialize<Scenario>(json, options);

        back.ShouldBe(Sample);
    }

    [Fact]
    public void JsonIsCamelCaseWithEnumNames()
    {
        using var document = JsonDocument.Parse(Sample.ToJson());

        var events = document.RootElement.GetProperty("events");
        events[0].GetProperty("target").GetProperty("kind").GetString().ShouldBe("DeviceName");
        events[1].GetProperty("effect").GetProperty("kind").GetString().ShouldBe("Slow");
        events[1].GetProperty("radius").GetProperty("percent").GetDouble().ShouldBe(25);
        events[2].GetProperty("radius").ValueKind.ShouldBe(JsonValueKind.Null);
        events[2].GetProperty("durationSeconds").ValueKind.ShouldBe(JsonValueKind.Null);
        events[3].GetProperty("target").GetProperty("value").GetString().ShouldBe("2");
        events[3].GetProperty("startSeconds").GetDouble().ShouldBe(40);
        events[3].TryGetProperty("endSeconds", out _).ShouldBeFalse();
        events[3].GetProperty("target").EnumerateObject().Select(p => p.Name).ShouldBe(["kind", "value"]);
    }

    [Fact]
    public void HandWrittenJsonReads()
    {
        const string json = """
            {
              "name": "Group down",
              "description": "",
              "events": [
                { "effect": { "kind": "Crash" }, "target": { "kind": "Group", "value": "1" }, "startSeconds": 20, "durationSeconds": 10 }
              ]
            }
            """;

        var scenario = Scenario.FromJson(json);

        scenario.ShouldBe(new Scenario("Group down", "", [new(FailureEffect.Crash, TargetSelector.InGroup(1), null, 20, 10)]));
    }

    [Fact]
    public void LibraryScenariosRoundTrip()
    {
        foreach (var scenario in ScenarioLibrary.All)
            Scenario.FromJson(scenario.ToJson()).ShouldBe(scenario);
    }

    [Fact]
    public void ScenariosWithEqualEventsInDifferentListsAreEqual()
    {
        var copy = Sample with { Events = [.. Sample.Events] };
        var changed = Sample with { Events = [.. Sample.Events.Take(3), Sample.Events[3] with { StartSeconds = 41 }] };

        copy.ShouldBe(Sample);
        copy.GetHashCode().ShouldBe(Sample.GetHashCode());
        changed.ShouldNotBe(Sample);
    }
}
