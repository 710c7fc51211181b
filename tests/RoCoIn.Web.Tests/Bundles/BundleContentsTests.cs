using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>What the demo plan's bundle holds.</summary>
public class BundleContentsTests(BundleStudios studios) : IClassFixture<BundleStudios>
{
    private static CancellationToken Ct => BundleStudio.Token;

    private async Task<(SavedPlan Plan, SavedModelSet Set)> DemoAsync()
    {
        var services = studios.Exporter.Studio.Services;
        var plan = (await services.GetRequiredService<PlanStore>().GetAsync(studios.DemoPlanId, Ct))!;
        var set = (await services.GetRequiredService<ModelSetStore>().LatestForPlanAsync(plan.Id, Ct))!;
        return (plan, set);
    }

    [Fact]
    public async Task BundleJsonHoldsThePlanTheModelSetAndEveryFileWithItsHashAndSize()
    {
        var (plan, set) = await DemoAsync();
        var zip = BundleZip.Read(studios.DemoBundle);

        using var json = JsonDocument.Parse(zip.Text("bundle.json"));
        var root = json.RootElement;

        root.GetProperty("format").GetString().ShouldBe("rocoin-bundle");
        root.GetProperty("formatVersion").GetInt32().ShouldBe(1);
        root.GetProperty("createdUtc").GetDateTimeOffset().ShouldBeInRange(DateTimeOffset.UtcNow.AddHours(-1), DateTimeOffset.UtcNow);
        root.GetProperty("studioVersion").GetString().ShouldNotBeNullOrWhiteSpace();
        var planEntry = root.GetProperty("plan");
        planEntry.GetProperty("id").GetInt32().ShouldBe(plan.Id);
        planEntry.GetProperty("name").GetString().ShouldBe(plan.Name);
        planEntry.GetProperty("fleetName").GetString().ShouldBe(plan.FleetName);
        PlanDocument.FromJson(planEntry.GetProperty("document").GetRawText()).ToJson().ShouldBe(plan.Document.ToJson());
        var setEntry = root.GetProperty("modelSet");
        setEntry.GetProperty("id").GetInt32().ShouldBe(set.Id);
        setEntry.GetProperty("name").GetString().ShouldBe(set.Name);
        DistillationJson.WriteResult(DistillationJson.ReadResult(setEntry.GetProperty("result").GetRawText()))
            .ShouldBe(DistillationJson.WriteResult(set.Result));

        var files = root.GetProperty("files").EnumerateArray()
            .Select(f => (Path: f.GetProperty("path").GetString()!, Sha: f.GetProperty("sha256").GetString()!, Size: f.GetProperty("sizeBytes").GetInt64()))
            .ToList();
        files.Select(f => f.Path).Order(StringComparer.Ordinal).ShouldBe(zip.Paths.Where(p => p != "bundle.json").Order(StringComparer.Ordinal));
        foreach (var (path, sha, size) in files)
        {
            Convert.ToHexStringLower(SHA256.HashData(zip[path])).ShouldBe(sha, path);
            zip[path].LongLength.ShouldBe(size, path);
        }
        var hashes = set.Result.Students.Select(s => s.ModelHash).Append(set.Result.Aggregator.ModelHash).ToList();
        files.Where(f => f.Path.StartsWith("models/", StringComparison.Ordinal)).Select(f => f.Path)
            .ShouldBe(hashes.Select(h => $"models/{h}.onnx"), ignoreOrder: true);
        foreach (var hash in hashes)
            zip[$"models/{hash}.onnx"].ShouldBe(await File.ReadAllBytesAsync(Path.Combine(studios.Exporter.ModelsFolder, $"{hash}.onnx"), Ct));
    }

    [Fact]
    public async Task EveryDeviceOfThePlansGroupsHasAManifestWithItsGroupStudentModelAndAgentCommand()
    {
        var (plan, set) = await DemoAsync();
        var zip = BundleZip.Read(studios.DemoBundle);
        var devices = plan.Document.Devices.ToDictionary(d => d.Id);
        var groups = plan.Document.Result.Plan!.Groups;

        var manifests = zip.Paths.Where(p => p.StartsWith("devices/", StringComparison.Ordinal))
            .Select(p => (Path: p, Json: JsonDocument.Parse(zip[p]).RootElement)).ToList();

        manifests.Count.ShouldBe(groups.Sum(g => g.DeviceIds.Count));
        foreach (var group in groups)
        {
            var student = set.Result.Students.Single(s => s.Partition == group.Partition);
            foreach (var id in group.DeviceIds)
            {
                var name = devices[id].Name;
                var (path, manifest) = manifests.Single(m => m.Json.GetProperty("device").GetString() == name);
                path.ShouldBe($"devices/{name}.json");
                manifest.GetProperty("profile").GetProperty("id").GetInt32().ShouldBe(id);
                manifest.GetProperty("profile").GetProperty("computeFlopsPerSecond").GetDouble().ShouldBe(devices[id].ComputeFlopsPerSecond);
                var g = manifest.GetProperty("group");
                g.GetProperty("number").GetInt32().ShouldBe(group.Partition + 1);
                g.GetProperty("partition").GetInt32().ShouldBe(group.Partition);
                g.GetProperty("width").GetInt32().ShouldBe(group.Width);
                g.GetProperty("members").EnumerateArray().Select(m => m.GetString()).ShouldBe(group.DeviceIds.Select(d => devices[d].Name));
                var s = manifest.GetProperty("student");
                s.GetProperty("key").GetString().ShouldBe(group.StudentKey);
                s.GetProperty("width").GetInt32().ShouldBe(group.Width);
                s.GetProperty("flops").GetInt64().ShouldBe(student.Flops);
                var model = manifest.GetProperty("model");
                model.GetProperty("sha256").GetString().ShouldBe(student.ModelHash);
                model.GetProperty("file").GetString().ShouldBe($"models/{student.ModelHash}.onnx");
                model.GetProperty("sizeBytes").GetInt64().ShouldBe(zip[$"models/{student.ModelHash}.onnx"].LongLength);
                var agent = manifest.GetProperty("agent");
                agent.GetProperty("command").GetString().ShouldBe($"RoCoIn.Agent --studio <STUDIO_URL> --device {name} --token <TOKEN>");
                agent.GetProperty("placeholders").GetProperty("<TOKEN>").GetString()!.ShouldContain("Agents page");
            }
        }
    }

    [Fact]
    public void TheReadmeSaysWhatToInstallAndGivesEveryDevicesCommand()
    {
        var zip = BundleZip.Read(studios.DemoBundle);

        var readme = zip.Text("README.md");

        readme.ShouldContain("dotnet publish src/RoCoIn.Agent -c Release -r linux-arm64");
        readme.ShouldContain("Agents page");
        readme.ShouldContain("Issue token");
        readme.ShouldContain("<STUDIO_URL>");
        foreach (var path in zip.Paths.Where(p => p.StartsWith("devices/", StringComparison.Ordinal)))
        {
            using var manifest = JsonDocument.Parse(zip[path]);
            var command = manifest.RootElement.GetProperty("agent").GetProperty("command").GetString()!;
            readme.ShouldContain(command);
            readme.ShouldContain($"manifest `{path}`");
        }
    }

    [Fact]
    public async Task ABundleOfAnUnknownPlanIs404AndOfAPlanWithoutModelSetIs409()
    {
        var (plan, _) = await DemoAsync();
        // The same document saved again: a plan with no model set distilled for it.
        var bare = await studios.Exporter.Studio.Services.GetRequiredService<PlanStore>()
            .SaveAsync("No students yet", plan.FleetId, plan.FleetName, plan.Document, jobId: null, Ct);

        using var missing = await studios.Exporter.Http.GetAsync("/api/plans/4242/bundle", Ct);
        using var conflict = await studios.Exporter.Http.GetAsync($"/api/plans/{bare}/bundle", Ct);

        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await BundleStudio.DetailAsync(missing)).ShouldBe("Plan 4242 does not exist.");
        conflict.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await BundleStudio.DetailAsync(conflict)).ShouldBe($"Plan {bare} has no distilled model set; a bundle carries the students.");
    }
}
