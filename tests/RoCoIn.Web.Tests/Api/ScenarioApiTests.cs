using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Api;

public class ScenarioApiTests() : ApiTestBase(new StudioFactory(seedDemoContent: true))
{
    private const string Crash = """
        { "name": "Crash one", "description": "One device down.", "events": [
          { "effect": { "kind": "crash" }, "target": { "kind": "deviceName", "value": "*" }, "radius": { "count": 1 },
            "startSeconds": 10, "durationSeconds": 5 } ] }
        """;

    private Task<HttpResponseMessage> PostJsonAsync(string url, string json) =>
        Client.PostAsync(url, new StringContent(json, Encoding.UTF8, "application/json"), Ct);

    private async Task<int> DemoPlanIdAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/plans", Ct))[0].GetProperty("id").GetInt32();

    [Fact]
    public async Task ScenariosAreCreatedReadUpdatedListedAndDeleted()
    {
        var created = await PostJsonAsync("/api/scenarios", Crash);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        var location = created.Headers.Location!.ToString();
        var body = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        location.ShouldBe($"/api/scenarios/{body.GetProperty("id").GetInt32()}");
        var read = await Client.GetFromJsonAsync<JsonElement>(location, Ct);
        read.GetProperty("name").GetString().ShouldBe("Crash one");
        var e = read.GetProperty("events")[0];
        e.GetProperty("effect").GetProperty("kind").GetString().ShouldBe("crash");
        e.GetProperty("target").GetProperty("kind").GetString().ShouldBe("deviceName");
        e.GetProperty("radius").GetProperty("count").GetInt32().ShouldBe(1);
        e.GetProperty("durationSeconds").GetDouble().ShouldBe(5);

        var updated = await Client.PutAsync(location, new StringContent(Crash.Replace("Crash one", "Crash two", StringComparison.Ordinal),
            Encoding.UTF8, "application/json"), Ct);
        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/scenarios", Ct);
        list.EnumerateArray().Single().GetProperty("name").GetString().ShouldBe("Crash two");
        list[0].GetProperty("eventCount").GetInt32().ShouldBe(1);

        (await Client.DeleteAsync(location, Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await Client.GetAsync(location, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.DeleteAsync(location, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task ADuplicateNameIsRefusedRegardlessOfCase()
    {
        (await PostJsonAsync("/api/scenarios", Crash)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var second = await PostJsonAsync("/api/scenarios", Crash.Replace("Crash one", "CRASH ONE", StringComparison.Ordinal));

        second.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(second))["name"].Single().ShouldContain("already exists");
    }

    [Theory]
    [InlineData("\"startSeconds\": 10", "\"startSeconds\": -1", "events[0].startSeconds")]
    [InlineData("\"startSeconds\": 10", "\"startSeconds\": \"soon\"", "events[0].startSeconds")]
    [InlineData("\"kind\": \"crash\"", "\"kind\": \"meteor\"", "events[0].effect.kind")]
    [InlineData("{ \"count\": 1 }", "{ \"count\": 1, \"percent\": 50 }", "events[0].radius")]
    [InlineData("\"name\": \"Crash one\"", "\"name\": \"\"", "name")]
    [InlineData("\"value\": \"*\"", "\"value\": \"\"", "events[0].target.value")]
    public async Task ABadScenarioIs400NamingTheField(string from, string to, string field)
    {
        var response = await PostJsonAsync("/api/scenarios", Crash.Replace(from, to, StringComparison.Ordinal));

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
        (await Client.GetFromJsonAsync<JsonElement>("/api/scenarios", Ct)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task AnEmptyOrBrokenBodyIs400()
    {
        var empty = await PostJsonAsync("/api/scenarios", "");
        var broken = await PostJsonAsync("/api/scenarios", "{ \"name\": ");

        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(empty)).Keys.ShouldContain("body");
        broken.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task TheLibraryListsTheBuiltInExamples()
    {
        var library = await Client.GetFromJsonAsync<JsonElement>("/api/scenarios/library", Ct);

        library.EnumerateArray().Select(s => s.GetProperty("name").GetString()).ShouldBe(ScenarioLibrary.All.Select(s => s.Name));
    }

    [Fact]
    public async Task CheckResolvesASavedScenarioAgainstAPlan()
    {
        var planId = await DemoPlanIdAsync();
        var created = await PostJsonAsync("/api/scenarios", Crash);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        var check = await Client.PostAsync($"/api/scenarios/{id}/check?plan={planId}&seed=9", null, Ct);

        check.StatusCode.ShouldBe(HttpStatusCode.OK, await check.Content.ReadAsStringAsync(Ct));
        var body = await check.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("resolved").GetBoolean().ShouldBeTrue();
        body.GetProperty("strategy").GetString().ShouldBe("RoCoIn");
        body.GetProperty("seed").GetInt64().ShouldBe(9);
        var failure = body.GetProperty("failures").EnumerateArray().Single();
        failure.GetProperty("deviceName").GetString()!.ShouldStartWith("paper-");
        failure.GetProperty("groupNumber").GetInt32().ShouldBeGreaterThanOrEqualTo(1);
        failure.GetProperty("startSeconds").GetDouble().ShouldBe(10);
        failure.GetProperty("effect").GetProperty("kind").GetString().ShouldBe("crash");
    }

    [Fact]
    public async Task CheckReportsSelectorsThatMatchNothingAndOverlappingEvents()
    {
        var planId = await DemoPlanIdAsync();
        var nothing = ScenarioLibrary.SingleCrash with
        {
            Events = [ScenarioLibrary.SingleCrash.Events[0] with { Target = TargetSelector.OfHardwareClass("Toaster") }],
        };
        var overlapping = new Scenario("Overlap", "", [
            new ScenarioEvent(Engine.Simulation.FailureEffect.Crash, TargetSelector.InGroup(1), null, 1, 10),
            new ScenarioEvent(Engine.Simulation.FailureEffect.Slow(2), TargetSelector.InGroup(1), null, 5, 10),
        ]);

        var first = await (await PostJsonAsync($"/api/scenarios/check?plan={planId}", nothing.ToJson())).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var second = await (await PostJsonAsync($"/api/scenarios/check?plan={planId}", overlapping.ToJson())).Content.ReadFromJsonAsync<JsonElement>(Ct);
        var unknownPlan = await PostJsonAsync("/api/scenarios/check?plan=4242", overlapping.ToJson());
        var unknownScenario = await Client.PostAsync($"/api/scenarios/4242/check?plan={planId}", null, Ct);

        first.GetProperty("resolved").GetBoolean().ShouldBeFalse();
        first.GetProperty("errors").GetProperty("events[0].target")[0].GetString()!.ShouldContain("Toaster");
        first.GetProperty("failures").GetArrayLength().ShouldBe(0);
        second.GetProperty("resolved").GetBoolean().ShouldBeFalse();
        second.GetProperty("errors").TryGetProperty("events[1]", out _).ShouldBeTrue(second.GetRawText());
        unknownPlan.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(unknownPlan)).Keys.ShouldContain("plan");
        unknownScenario.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
