using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace RoCoIn.Web.Tests.Api;

public class DeviceApiTests : ApiTestBase
{
    [Fact]
    public async Task CreateReturns201WithLocationAndTheStoredDevice()
    {
        var response = await Client.PostAsJsonAsync("/api/devices", ValidDevice("pi-01"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var location = response.Headers.Location!.ToString();
        location.ShouldStartWith("/api/devices/");
        var stored = await Client.GetFromJsonAsync<JsonElement>(location, Ct);
        stored.GetProperty("name").GetString().ShouldBe("pi-01");
        stored.GetProperty("computeFlopsPerSecond").GetDouble().ShouldBe(10e9);
        stored.GetProperty("memoryBytes").GetInt64().ShouldBe(1_000_000_000L);
    }

    [Fact]
    public async Task InvalidJsonIs400NamingTheBodyAndStoresNothing()
    {
        var response = await Client.PostAsync("/api/devices",
            new StringContent("{\"name\": \"x\", ", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors["body"].Single().ShouldContain("Not valid JSON");
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("\"fast\"", "computeFlopsPerSecond", "Must be a number")]
    [InlineData("1e400", "computeFlopsPerSecond", "out of range")]
    [InlineData("-5", "computeFlopsPerSecond", "greater than zero")]
    [InlineData("2e18", "computeFlopsPerSecond", "at most")]
    [InlineData("\"NaN\"", "computeFlopsPerSecond", "Must be a number")]
    public async Task BadComputeValueIs400NamingTheField(string rawValue, string field, string expected)
    {
        var body = JsonSerializer.Serialize(ValidDevice()).Replace("\"computeFlopsPerSecond\":10000000000", $"\"computeFlopsPerSecond\":{rawValue}", StringComparison.Ordinal);
        body.ShouldContain(rawValue);

        var response = await Client.PostAsync("/api/devices", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors.Keys.ShouldContain(field);
        errors[field].ShouldContain(m => m.Contains(expected, StringComparison.Ordinal));
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ProbabilityOfOneAndMissingFieldsAreReportedTogether()
    {
        var body = """{ "name": "x", "hardwareClass": "MCU", "computeFlopsPerSecond": 1e6, "memoryBytes": 500000, "noReplyProbability": 1 }""";

        var response = await Client.PostAsync("/api/devices", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors.Keys.ShouldContain("uplinkBitsPerSecond");
        errors.Keys.ShouldContain("downlinkBitsPerSecond");
        errors.Keys.ShouldContain("linkLatencySeconds");
    }

    [Fact]
    public async Task DuplicateNameDifferingOnlyInCaseIsRefused()
    {
        await CreateDeviceAsync("Pi-01");

        var response = await Client.PostAsJsonAsync("/api/devices", ValidDevice("pi-01"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["name"].Single().ShouldContain("already exists");
        (await DeviceCountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateChangesTheProfileAndUnknownIdIs404()
    {
        var id = await CreateDeviceAsync("pi-01");

        var ok = await Client.PutAsJsonAsync($"/api/devices/{id}", ValidDevice("pi-renamed"), Ct);
        var missing = await Client.PutAsJsonAsync("/api/devices/4242", ValidDevice("ghost"), Ct);

        ok.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.GetFromJsonAsync<JsonElement>($"/api/devices/{id}", Ct)).GetProperty("name").GetString().ShouldBe("pi-renamed");
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task DeleteIsRefusedWhileAFleetUsesTheDeviceUnlessCascading()
    {
        var id = await CreateDeviceAsync("pi-01");
        var fleet = await Client.PostAsJsonAsync("/api/fleets", new { name = "lab", deviceIds = new[] { id } }, Ct);
        fleet.StatusCode.ShouldBe(HttpStatusCode.Created);

        var refused = await Client.DeleteAsync($"/api/devices/{id}", Ct);
        var cascaded = await Client.DeleteAsync($"/api/devices/{id}?removeFromFleets=true", Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("lab");
        cascaded.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        (await DeviceCountAsync()).ShouldBe(0);
        var fleetAfter = await Client.GetFromJsonAsync<JsonElement>(fleet.Headers.Location!.ToString(), Ct);
        fleetAfter.GetProperty("deviceIds").GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("skip=-1", "skip")]
    [InlineData("take=0", "take")]
    [InlineData("take=5000", "take")]
    [InlineData("skip=abc", "skip")]
    public async Task BadPagingIs400NamingTheParameter(string query, string field)
    {
        var response = await Client.GetAsync($"/api/devices?{query}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
    }

    [Fact]
    public async Task PresetsAreListed()
    {
        var presets = await Client.GetFromJsonAsync<JsonElement>("/api/devices/presets", Ct);

        presets.GetArrayLength().ShouldBeGreaterThanOrEqualTo(8);
        presets.EnumerateArray().Select(p => p.GetProperty("key").GetString()).ShouldContain("mcu-m7");
    }
}
