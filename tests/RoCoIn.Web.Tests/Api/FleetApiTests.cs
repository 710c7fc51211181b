using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RoCoIn.Web.Tests.Api;

public class FleetApiTests : ApiTestBase
{
    [Fact]
    public async Task CreateListGetAndDeleteAFleet()
    {
        var a = await CreateDeviceAsync("a");
        var b = await CreateDeviceAsync("b");

        var created = await Client.PostAsJsonAsync("/api/fleets", new { name = "lab", description = "two", deviceIds = new[] { b, a } }, Ct);
        var list = await Client.GetFromJsonAsync<JsonElement>("/api/fleets", Ct);
        var fleet = await Client.GetFromJsonAsync<JsonElement>(created.Headers.Location!.ToString(), Ct);
        var deleted = await Client.DeleteAsync(created.Headers.Location!.ToString(), Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        list.GetArrayLength().ShouldBe(1);
        list[0].GetProperty("deviceCount").GetInt32().ShouldBe(2);
        fleet.GetProperty("devices").EnumerateArray().Select(d => d.GetProperty("name").GetString()).ShouldBe(["b", "a"]);
        deleted.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DeviceCountAsync()).ShouldBe(2);
    }

    [Fact]
    public async Task UnknownDeviceIdIs400NamingDeviceIds()
    {
        var response = await Client.PostAsJsonAsync("/api/fleets", new { name = "lab", deviceIds = new[] { 77 } }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["deviceIds"].Single().ShouldContain("77");
    }

    [Fact]
    public async Task WrongJsonTypeInFleetBodyIs400NamingThePath()
    {
        var response = await Client.PostAsync("/api/fleets",
            new StringContent("""{ "name": "lab", "deviceIds": "all" }""", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain("deviceIds");
    }

    [Fact]
    public async Task GenerateMakesThePaperSettingByDefault()
    {
        var response = await Client.PostAsJsonAsync("/api/fleets/generate", new { name = "paper" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var fleet = await Client.GetFromJsonAsync<JsonElement>(response.Headers.Location!.ToString(), Ct);
        var devices = fleet.GetProperty("devices").EnumerateArray().ToList();
        devices.Count.ShouldBe(8);
        devices.ShouldAllBe(d => d.GetProperty("computeFlopsPerSecond").GetDouble() >= 5e6 && d.GetProperty("computeFlopsPerSecond").GetDouble() <= 30e6);
        devices.ShouldAllBe(d => d.GetProperty("uplinkBitsPerSecond").GetDouble() >= 0.5e6 && d.GetProperty("uplinkBitsPerSecond").GetDouble() <= 1e6);
    }

    [Fact]
    public async Task GenerateWithBadSettingsIs400AndCreatesNothing()
    {
        var response = await Client.PostAsJsonAsync("/api/fleets/generate",
            new { name = "bad", count = 0, minComputeFlopsPerSecond = 40e6, maxComputeFlopsPerSecond = 30e6 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors.Keys.ShouldContain("count");
        errors.Keys.ShouldContain("maxComputeFlopsPerSecond");
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ExportedFleetImportsIntoAnotherStudioAndReusesIdenticalDevices()
    {
        var generated = await Client.PostAsJsonAsync("/api/fleets/generate", new { name = "paper" }, Ct);
        var file = await Client.GetStringAsync(generated.Headers.Location + "/export", Ct);
        await Client.DeleteAsync(generated.Headers.Location, Ct);

        var imported = await Client.PostAsync("/api/fleets/import", new StringContent(file, Encoding.UTF8, "application/json"), Ct);

        imported.StatusCode.ShouldBe(HttpStatusCode.Created, await imported.Content.ReadAsStringAsync(Ct));
        (await DeviceCountAsync()).ShouldBe(8);
        var again = await Client.GetStringAsync(imported.Headers.Location + "/export", Ct);
        again.ShouldBe(file);
    }

    [Fact]
    public async Task FleetImportWithAConflictingDeviceImportsNothing()
    {
        var generated = await Client.PostAsJsonAsync("/api/fleets/generate", new { name = "paper" }, Ct);
        var file = await Client.GetStringAsync(generated.Headers.Location + "/export", Ct);
        var changed = file.Replace("\"name\": \"paper\"", "\"name\": \"paper copy\"", StringComparison.Ordinal)
            .Replace("\"hardwareClass\": \"Generated\"", "\"hardwareClass\": \"Other\"", StringComparison.Ordinal);

        var response = await Client.PostAsync("/api/fleets/import", new StringContent(changed, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain("rows[1].name");
        (await Client.GetFromJsonAsync<JsonElement>("/api/fleets", Ct)).GetArrayLength().ShouldBe(1);
    }

    [Fact]
    public async Task FleetImportOfSomethingThatIsNotAFleetFileIs400()
    {
        var response = await Client.PostAsync("/api/fleets/import", new StringContent("[1,2,3]", Encoding.UTF8, "application/json"), Ct);
        var badMode = await Client.PostAsync("/api/fleets/import?mode=merge", new StringContent("{}", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["file"].Single().ShouldContain("one fleet");
        badMode.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(badMode)).Keys.ShouldContain("mode");
    }

    [Fact]
    public async Task UpdateOfAFleetCanRenameAndReorderAndUnknownFleetIs404()
    {
        var a = await CreateDeviceAsync("a");
        var b = await CreateDeviceAsync("b");
        var created = await Client.PostAsJsonAsync("/api/fleets", new { name = "lab", deviceIds = new[] { a, b } }, Ct);

        var updated = await Client.PutAsJsonAsync(created.Headers.Location, new { name = "lab 2", deviceIds = new[] { b } }, Ct);
        var missing = await Client.PutAsJsonAsync("/api/fleets/999", new { name = "x" }, Ct);

        updated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var fleet = await updated.Content.ReadFromJsonAsync<JsonElement>(Ct);
        fleet.GetProperty("name").GetString().ShouldBe("lab 2");
        fleet.GetProperty("deviceIds").EnumerateArray().Select(e => e.GetInt32()).ShouldBe([b]);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}

