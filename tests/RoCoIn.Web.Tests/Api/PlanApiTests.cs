using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

namespace RoCoIn.Web.Tests.Api;

public class PlanApiTests : ApiTestBase
{
    private async Task<int> PaperFleetAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/fleets/generate", new { name = "paper" }, Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    /// <summary>Polls the job until it has finished (bounded), and returns it.</summary>
    private async Task<JsonElement> FinishedJobAsync(Uri location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>(location, Ct);
            var status = job.GetProperty("status").GetString();
            if (status is not ("Queued" or "Running" or "queued" or "running"))
                return job;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"Job {location} did not finish.");
    }

    [Fact]
    public async Task PostQueuesAJobWhoseResultIsTheSavedPlan()
    {
        var fleetId = await PaperFleetAsync();

        var response = await Client.PostAsJsonAsync("/api/plans", new { fleetId, deadlineSeconds = 1.0, seed = 7 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted);
        response.Headers.Location!.ToString().ShouldStartWith("/api/jobs/");
        var job = await FinishedJobAsync(response.Headers.Location);
        job.GetProperty("status").GetString()!.ShouldBe("Succeeded", StringCompareShould.IgnoreCase);
        var planUrl = job.GetProperty("resultUrl").GetString()!;
        planUrl.ShouldStartWith("/api/plans/");

        var plan = await Client.GetFromJsonAsync<JsonElement>(planUrl, Ct);
        plan.GetProperty("feasible").GetBoolean().ShouldBeTrue();
        plan.GetProperty("settings").GetProperty("seed").GetInt64().ShouldBe(7);
        plan.GetProperty("devices").GetArrayLength().ShouldBe(8);
        var groups = plan.GetProperty("plan").GetProperty("groups").EnumerateArray().ToList();
        groups.Sum(g => g.GetProperty("width").GetInt32()).ShouldBe(64);
        groups.ShouldAllBe(g => g.GetProperty("studentFlops").GetInt64() > 0 && g.GetProperty("studentMemoryBytes").GetInt64() > 0);
        plan.GetProperty("plan").GetProperty("expectedAccuracy").ValueKind.ShouldBe(JsonValueKind.Null);
        plan.GetProperty("baselines").GetArrayLength().ShouldBe(5);
    }

    [Theory]
    [InlineData("""{ "deadlineSeconds": 1 }""", "fleetId")]
    [InlineData("""{ "fleetId": 424242 }""", "fleetId")]
    [InlineData("""{ "fleetId": FLEET, "deadlineSeconds": -1 }""", "deadlineSeconds")]
    [InlineData("""{ "fleetId": FLEET, "deadlineSeconds": 1, "objectiveSeconds": 2 }""", "objectiveSeconds")]
    [InlineData("""{ "fleetId": FLEET, "minReliability": 1.5 }""", "minReliability")]
    [InlineData("""{ "fleetId": FLEET, "accuracyFloor": 0 }""", "accuracyFloor")]
    [InlineData("""{ "fleetId": FLEET, "objective": "fastest" }""", "objective")]
    [InlineData("""{ "fleetId": FLEET, "mode": "lenient" }""", "mode")]
    [InlineData("""{ "fleetId": "paper" }""", "fleetId")]
    public async Task BadPlanRequestIs400NamingTheFieldAndQueuesNothing(string body, string field)
    {
        var fleetId = await PaperFleetAsync();

        var response = await Client.PostAsync("/api/plans",
            new StringContent(body.Replace("FLEET", fleetId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
                System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
        (await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task EmptyFleetCannotBePlanned()
    {
        var fleet = await Client.PostAsJsonAsync("/api/fleets", new { name = "empty" }, Ct);
        var fleetId = (await fleet.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();

        var response = await Client.PostAsJsonAsync("/api/plans", new { fleetId }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["fleetId"].Single().ShouldContain("no devices");
    }

    [Fact]
    public async Task SavedPlanKeepsItsDeviceSnapshotAndSaysWhenTheFleetChanged()
    {
        var fleetId = await PaperFleetAsync();
        var job = await FinishedJobAsync((await Client.PostAsJsonAsync("/api/plans", new { fleetId }, Ct)).Headers.Location!);
        var planUrl = job.GetProperty("resultUrl").GetString()!;
        var before = await Client.GetFromJsonAsync<JsonElement>(planUrl, Ct);
        var device = before.GetProperty("devices")[0];
        var deviceId = device.GetProperty("id").GetInt32();
        var changed = JsonSerializer.Deserialize<Dictionary<string, object>>(device.GetRawText())!;
        changed["computeFlopsPerSecond"] = 29e6;

        (await Client.PutAsJsonAsync($"/api/devices/{deviceId}", changed, Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var after = await Client.GetFromJsonAsync<JsonElement>(planUrl, Ct);

        before.GetProperty("fleetChanged").GetBoolean().ShouldBeFalse();
        after.GetProperty("fleetChanged").GetBoolean().ShouldBeTrue();
        after.GetProperty("devices")[0].GetProperty("computeFlopsPerSecond").GetDouble()
            .ShouldBe(device.GetProperty("computeFlopsPerSecond").GetDouble());
    }

    [Fact]
    public async Task ListExportAndDeleteAPlan()
    {
        var fleetId = await PaperFleetAsync();
        var job = await FinishedJobAsync((await Client.PostAsJsonAsync("/api/plans", new { fleetId, name = "mine" }, Ct)).Headers.Location!);
        var planUrl = job.GetProperty("resultUrl").GetString()!;

        var list = await Client.GetFromJsonAsync<JsonElement>("/api/plans", Ct);
        var export = await Client.GetStringAsync(planUrl + "/export", Ct);
        var deleted = await Client.DeleteAsync(planUrl, Ct);
        var gone = await Client.GetAsync(planUrl, Ct);

        list.EnumerateArray().Select(p => p.GetProperty("name").GetString()).ShouldContain("mine");
        using (var document = JsonDocument.Parse(export))
            document.RootElement.GetProperty("result").GetProperty("baselines").GetArrayLength().ShouldBe(5);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        gone.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
