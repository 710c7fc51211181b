using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Api;

public class DeviceImportExportApiTests : ApiTestBase
{
    private const string Header = "name,hardware_class,compute_flops_per_s,memory_bytes,uplink_bits_per_s,downlink_bits_per_s,link_latency_s,no_reply_probability,mtbf_s,mttr_s,notes";

    [Fact]
    public async Task CsvWithOneBadRowImportsNothingAndNamesTheRowAndField()
    {
        var csv = $"""
            {Header}
            a,MCU,30000000,500000,1000000,1000000,0.01,0.05,,,
            b,MCU,-3,500000,1000000,1000000,0.01,0.05,,,
            c,MCU,30000000,500000,1000000,1000000,0.01,0.05,,,
            """;

        var response = await Client.PostAsync("/api/devices/import?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors.Keys.ShouldBe(["rows[2].compute_flops_per_s"]);
        errors["rows[2].compute_flops_per_s"].Single().ShouldContain("Row 2 ('b')");
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task ImportInAddModeRefusesAnExistingNameAndReplaceModeOverwritesIt()
    {
        await CreateDeviceAsync("a");
        var csv = $"{Header}\na,MCU,30000000,500000,1000000,1000000,0.01,0.05,,,\n";

        var refused = await Client.PostAsync("/api/devices/import?format=csv", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);
        var replaced = await Client.PostAsync("/api/devices/import?format=csv&mode=replace", new StringContent(csv, Encoding.UTF8, "text/csv"), Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(refused)).Keys.ShouldContain("rows[1].name");
        replaced.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await replaced.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("replaced").GetInt32().ShouldBe(1);
        var devices = await Client.GetFromJsonAsync<JsonElement>("/api/devices", Ct);
        devices[0].GetProperty("hardwareClass").GetString().ShouldBe("MCU");
    }

    [Theory]
    [InlineData("format=xml", "format")]
    [InlineData("mode=merge", "mode")]
    public async Task UnknownFormatOrModeIs400(string query, string field)
    {
        var response = await Client.PostAsync($"/api/devices/import?{query}", new StringContent("[]", Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response)).Keys.ShouldContain(field);
    }

    [Fact]
    public async Task ExportInAnUnknownFormatIs400NamingFormat()
    {
        var response = await Client.GetAsync("/api/devices/export?format=xlsx", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["format"].Single().ShouldContain("xlsx");
    }

    [Fact]
    public async Task OversizedImportBodyIs400AndImportsNothing()
    {
        var huge = new string('x', 5_000_001);

        var response = await Client.PostAsync("/api/devices/import?format=csv", new StringContent(huge, Encoding.UTF8, "text/csv"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["body"].Single().ShouldContain("5000000 bytes");
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task JsonFileWithAWrongTypeNamesTheRowAndFieldAndImportsNothing()
    {
        var json = """{ "format": "rocoin-devices", "version": 1, "devices": [ { "name": "a", "hardwareClass": "MCU", "computeFlopsPerSecond": "30e6", "memoryBytes": 500000, "uplinkBitsPerSecond": 1e6, "downlinkBitsPerSecond": 1e6, "linkLatencySeconds": 0.01, "noReplyProbability": 0.05 } ] }""";

        var response = await Client.PostAsync("/api/devices/import", new StringContent(json, Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["rows[1].computeFlopsPerSecond"].Single().ShouldContain("Must be a number, got a string");
        (await DeviceCountAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData("csv")]
    [InlineData("json")]
    public async Task ExportWipeImportExportIsByteIdentical(string format)
    {
        await using (var seeded = new StudioFactory(seedDemoContent: true))
        {
            using var source = seeded.CreateClient();
            var first = await source.GetByteArrayAsync($"/api/devices/export?format={format}", Ct);
            first.Length.ShouldBeGreaterThan(100);

            // A fresh studio with an empty database stands in for the wiped one.
            var contentType = format == "csv" ? "text/csv" : "application/json";
            var import = await Client.PostAsync($"/api/devices/import?format={format}", new ByteArrayContent(first)
            {
                Headers = { ContentType = new(contentType) },
            }, Ct);
            import.StatusCode.ShouldBe(HttpStatusCode.OK, await import.Content.ReadAsStringAsync(Ct));

            var second = await Client.GetByteArrayAsync($"/api/devices/export?format={format}", Ct);
            second.ShouldBe(first);
        }
    }
}
