using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>Bad bundles are refused with a specific reason, and import nothing: no plan, no model set, no model file.</summary>
public class BundleImportRefusalTests(BundleStudios studios) : IClassFixture<BundleStudios>
{
    private static CancellationToken Ct => BundleStudio.Token;

    private BundleZip Demo() => BundleZip.Read(studios.DemoBundle);

    /// <summary>The demo bundle with <paramref name="change"/> made to its bundle.json (and nothing else, so the hashes still hold).</summary>
    private byte[] DemoWithManifest(Action<JsonNode> change)
    {
        var zip = Demo();
        var manifest = zip.Manifest;
        change(manifest);
        zip.Manifest = manifest;
        return zip.ToBytes();
    }

    private static string AggregatorPath(BundleZip zip) =>
        "models/" + zip.Manifest["modelSet"]!["result"]!["aggregator"]!["modelHash"]!.GetValue<string>() + ".onnx";

    /// <summary>Imports <paramref name="bundle"/> into the empty studio; checks the 400 and that nothing changed; returns the reason.</summary>
    /// <param name="bundle">The bytes to import.</param>
    /// <param name="client">Another client of the importing studio's data folder (e.g. with other settings); by default its own.</param>
    private async Task<string> RefusedAsync(byte[] bundle, HttpClient? client = null)
    {
        var studio = studios.Importer;
        var before = await studio.ContentsAsync();

        using var response = await studio.ImportAsync(bundle, client);

        var text = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        using var problem = JsonDocument.Parse(text);
        var reason = problem.RootElement.GetProperty("errors").GetProperty("file").EnumerateArray().ShouldHaveSingleItem().GetString()!;
        problem.RootElement.GetProperty("detail").GetString().ShouldBe($"{reason} Nothing was imported.");
        var after = await studio.ContentsAsync();
        after.Plans.ShouldBe(before.Plans);
        after.ModelSets.ShouldBe(before.ModelSets);
        after.ModelFiles.ShouldBe(before.ModelFiles);
        return reason;
    }

    [Fact]
    public async Task AListedFileMissingFromTheZipIsRefusedNamingIt()
    {
        var zip = Demo();
        var path = AggregatorPath(zip);
        zip.Remove(path);

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldBe($"bundle.json lists {path}, but the zip does not hold it.");
    }

    [Fact]
    public async Task AFileWhoseHashDiffersIsRefusedNamingTheFileAndBothHashes()
    {
        var zip = Demo();
        var path = zip.Paths.First(p => p.StartsWith("models/", StringComparison.Ordinal));
        var listed = path["models/".Length..^".onnx".Length];
        var bytes = zip[path].ToArray();
        bytes[^1] ^= 0xFF;
        zip[path] = bytes;
        var actual = Convert.ToHexStringLower(SHA256.HashData(bytes));

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldBe($"{path} has SHA-256 {actual}, but bundle.json lists {listed}: the file was changed or damaged.");
    }

    [Fact]
    public async Task AChangedDeviceManifestIsRefusedToo()
    {
        var zip = Demo();
        var path = zip.Paths.First(p => p.StartsWith("devices/", StringComparison.Ordinal));
        zip[path] = Encoding.UTF8.GetBytes(zip.Text(path).Replace("<TOKEN>", "secret", StringComparison.Ordinal));

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldStartWith($"{path} has SHA-256 ");
        reason.ShouldContain("bytes, listed as");
    }

    [Fact]
    public async Task AnotherFormatVersionIsRefused()
    {
        var bundle = DemoWithManifest(manifest => manifest["formatVersion"] = 2);

        var reason = await RefusedAsync(bundle);

        reason.ShouldBe("formatVersion 2 is not supported; this studio reads version 1.");
    }

    [Fact]
    public async Task AnUnknownFormatIsRefused()
    {
        var bundle = DemoWithManifest(manifest => manifest["format"] = "someone-elses-bundle");

        var reason = await RefusedAsync(bundle);

        reason.ShouldBe("bundle.json names format \"someone-elses-bundle\"; this studio reads \"rocoin-bundle\" bundles.");
    }

    [Fact]
    public async Task AFileThatIsNotAZipIsRefused()
    {
        var reason = await RefusedAsync(Encoding.UTF8.GetBytes("""{ "format": "rocoin-bundle", "formatVersion": 1 }"""));

        reason.ShouldStartWith("The file is not a zip archive");
    }

    [Fact]
    public async Task AnEmptyBodyIsRefusedAsNotAZip()
    {
        var reason = await RefusedAsync([]);

        reason.ShouldStartWith("The file is not a zip archive");
    }

    [Fact]
    public async Task AZipWithoutBundleJsonIsRefused()
    {
        var zip = Demo();
        zip.Remove("bundle.json");

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldStartWith("The zip holds no bundle.json, so it is not a RoCoIn deployment bundle");
    }

    [Fact]
    public async Task AnUnreadableBundleJsonIsRefused()
    {
        var zip = Demo();
        zip["bundle.json"] = Encoding.UTF8.GetBytes("{ \"format\": \"rocoin-bundle\", ");

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldStartWith("bundle.json is not readable: it is not valid JSON (line 1");
    }

    [Fact]
    public async Task ABundleJsonWithoutThePlanIsRefused()
    {
        var zip = Demo();
        var manifest = zip.Manifest.AsObject();
        manifest.Remove("plan");
        zip.Manifest = manifest;

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldStartWith("bundle.json is not readable: ");
        reason.ShouldContain("plan");
    }

    [Fact]
    public async Task AModelOfTheSetWithoutItsFileIsRefused()
    {
        var zip = Demo();
        var path = AggregatorPath(zip);
        var hash = path["models/".Length..^".onnx".Length];
        zip.Remove(path);
        var manifest = zip.Manifest;
        var files = manifest["files"]!.AsArray();
        files.Remove(files.Single(f => f!["path"]!.GetValue<string>() == path));
        zip.Manifest = manifest;

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldBe($"The model set names model {hash} (the aggregator), but the bundle has no {path}.");
    }

    [Fact]
    public async Task AnInvalidPlanDocumentIsRefused()
    {
        var bundle = DemoWithManifest(manifest =>
        {
            var group = manifest["plan"]!["document"]!["result"]!["plan"]!["groups"]![0]!;
            group["deviceIds"]!.AsArray().Add(4242);
        });

        var reason = await RefusedAsync(bundle);

        reason.ShouldStartWith("The plan document is invalid: ");
        reason.ShouldContain("strategy 'RoCoIn' names device ids 4242 that the snapshot does not hold");
    }

    [Fact]
    public async Task APlanDocumentThatIsNotAPlanIsRefused()
    {
        var bundle = DemoWithManifest(manifest => manifest["plan"]!["document"] = new JsonObject { ["settings"] = "fast" });

        var reason = await RefusedAsync(bundle);

        reason.ShouldStartWith("The plan document is invalid: ");
    }

    [Fact]
    public async Task AModelSetWhoseStudentsAreNotThePlansGroupsIsRefused()
    {
        var bundle = DemoWithManifest(manifest => manifest["modelSet"]!["result"]!["students"]![0]!["studentKey"] = "s-large");

        var reason = await RefusedAsync(bundle);

        reason.ShouldStartWith("The model set does not fit the plan");
    }

    [Fact]
    public async Task AFileTheListDoesNotNameIsRefused()
    {
        var zip = Demo();
        zip.Entries.Add(("notes.txt", Encoding.UTF8.GetBytes("hello")));

        var reason = await RefusedAsync(zip.ToBytes());

        reason.ShouldBe("The zip holds notes.txt, which bundle.json does not list.");
    }

    [Fact]
    public async Task ABundleAboveTheConfiguredLimitIsRefused()
    {
        await using var limited = studios.Importer.Studio.WithWebHostBuilder(b => b.UseSetting("RoCoIn:MaxBundleBytes", "10000"));
        using var client = limited.CreateClient();
        studios.DemoBundle.Length.ShouldBeGreaterThan(10_000);

        var reason = await RefusedAsync(studios.DemoBundle, client);

        reason.ShouldBe("The bundle is larger than 10 KB, the most that can be imported (RoCoIn:MaxBundleBytes).");
    }
}
