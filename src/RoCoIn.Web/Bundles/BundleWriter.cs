using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Inference;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Bundles;

/// <summary>
/// Writes a plan with its model set as one zip (ADR-010): the students and the aggregator, one manifest per device of the
/// plan's groups, a README for whoever installs the devices, and bundle.json listing every file with its SHA-256.
/// </summary>
public sealed class BundleWriter(PlanStore plans, ModelSetStore modelSets, IOptions<StudioOptions> studio, IWebHostEnvironment environment,
    TimeProvider time)
{
    /// <summary>What a bundle of plan <paramref name="planId"/> carries: not found, a conflict saying why not, or the plan and its model set.</summary>
    public async Task<StoreResult<BundleSource>> FindAsync(int planId, CancellationToken cancellationToken = default)
    {
        if (await plans.GetAsync(planId, cancellationToken) is not { } plan)
            return StoreResult<BundleSource>.NotFound($"Plan {planId} does not exist.");
        if (plan.Document.Result.Plan is not { } grouping)
            return StoreResult<BundleSource>.Conflict($"Plan {planId} has no feasible RoCoIn plan; a bundle deploys its groups.");
        // The model set whose partitions are the plan's groups: the one the plan page measures its accuracy on.
        if (await MeasuredAccuracy.FindAsync(plan, modelSets, cancellationToken) is not { } measured
            || await modelSets.GetAsync(measured.ModelSetId, cancellationToken) is not { } set)
            return StoreResult<BundleSource>.Conflict($"Plan {planId} has no distilled model set; a bundle carries the students.");
        var folder = ModelFiles.Folder(studio.Value, environment);
        var missing = BundleFormat.ModelsOf(set.Result).FirstOrDefault(m => !File.Exists(Path.Combine(folder, $"{m.Sha256}.onnx")));
        return missing.Sha256 is null
            ? StoreResult<BundleSource>.Ok(new BundleSource(plan, grouping, set))
            : StoreResult<BundleSource>.Conflict(
                $"The file of model {missing.Sha256} ({missing.What} of model set {set.Id}) is missing from the data folder; a bundle must carry it.");
    }

    /// <summary>Writes the bundle of <paramref name="source"/> as a zip to <paramref name="destination"/> (left open).</summary>
    /// <exception cref="BundleException">A model file in the data folder does not match its hash.</exception>
    public async Task WriteAsync(BundleSource source, Stream destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(destination);
        var created = time.GetUtcNow();
        var folder = ModelFiles.Folder(studio.Value, environment);
        var files = new List<BundleFile>();
        using (var zip = new ZipArchive(destination, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var hash in BundleFormat.ModelsOf(source.ModelSet.Result).Select(m => m.Sha256).Distinct())
                files.Add(await AddModelAsync(zip, Path.Combine(folder, $"{hash}.onnx"), hash, created, cancellationToken));
            var sizes = files.ToDictionary(f => f.Path, f => f.SizeBytes);
            var devices = DeviceManifests(source, sizes);
            foreach (var (path, manifest) in devices)
                files.Add(await AddTextAsync(zip, path, JsonSerializer.Serialize(manifest, BundleFormat.Json) + "\n", created, cancellationToken));
            files.Add(await AddTextAsync(zip, BundleFormat.ReadmePath, BundleReadme.Write(source, devices, created), created, cancellationToken));

            var plan = source.Plan;
            var set = source.ModelSet;
            var manifestFile = new BundleManifest(BundleFormat.Name, BundleFormat.Version, created, BundleFormat.StudioVersion,
                new BundlePlan(plan.Id, plan.Name, plan.FleetName, Element(plan.Document.ToJson())),
                new BundleModelSet(set.Id, set.Name, Element(DistillationJson.WriteResult(set.Result))),
                files.OrderBy(f => f.Path, StringComparer.Ordinal).ToList());
            await AddTextAsync(zip, BundleFormat.ManifestPath, JsonSerializer.Serialize(manifestFile, BundleFormat.Json) + "\n", created,
                cancellationToken);
        }
    }

    /// <summary>One manifest per device of the plan's groups, by group, with its path in the zip.</summary>
    internal static IReadOnlyList<(string Path, DeviceManifest Manifest)> DeviceManifests(BundleSource source,
        IReadOnlyDictionary<string, long> fileSizes)
    {
        var devices = source.Plan.Document.Devices.ToDictionary(d => d.Id);
        var students = source.ModelSet.Result.Students.ToDictionary(s => s.Partition);
        var taken = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var manifests = new List<(string, DeviceManifest)>();
        foreach (var group in source.Grouping.Groups.OrderBy(g => g.Partition))
        {
            var student = students[group.Partition];
            var members = group.DeviceIds.Select(id => devices[id].Name).ToList();
            var model = BundleFormat.ModelPath(student.ModelHash);
            foreach (var device in group.DeviceIds.Select(id => devices[id]))
            {
                manifests.Add((DevicePath(device.Name, taken), new DeviceManifest(
                    device.Name,
                    device,
                    new DeviceManifestGroup(group.Partition + 1, group.Partition, group.Width, student.Channels, members),
                    new DeviceManifestStudent(student.StudentKey, student.Width, student.Flops, student.Parameters, student.MemoryBytes),
                    new DeviceManifestModel(student.ModelHash, model, fileSizes[model]),
                    DeviceManifestAgent.For(device.Name))));
            }
        }
        return manifests;
    }

    // Device names are free text; a path in the zip keeps letters, digits, '-', '_' and '.', and stays unique.
    private static string DevicePath(string name, HashSet<string> taken)
    {
        var safe = new string(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' ? c : '_').ToArray()).Trim('.');
        if (safe.Length == 0)
            safe = "device";
        var candidate = safe;
        for (var n = 2; !taken.Add(candidate); n++)
            candidate = $"{safe}-{n}";
        return $"{BundleFormat.DevicesFolder}{candidate}.json";
    }

    private static JsonElement Element(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }

    private static async Task<BundleFile> AddTextAsync(ZipArchive zip, string path, string text, DateTimeOffset created,
        CancellationToken cancellationToken)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        var entry = zip.CreateEntry(path, CompressionLevel.Optimal);
        entry.LastWriteTime = created;
        await using (var stream = entry.Open())
            await stream.WriteAsync(bytes, cancellationToken);
        return new BundleFile(path, ContentHash.Sha256Hex(bytes), bytes.Length);
    }

    private static async Task<BundleFile> AddModelAsync(ZipArchive zip, string file, string hash, DateTimeOffset created,
        CancellationToken cancellationToken)
    {
        var path = BundleFormat.ModelPath(hash);
        var entry = zip.CreateEntry(path, CompressionLevel.Fastest);
        entry.LastWriteTime = created;
        (string Sha256, long Bytes) copied;
        await using (var input = File.OpenRead(file))
        await using (var output = entry.Open())
            copied = await BundleStreams.CopyHashedAsync(input, output, long.MaxValue - 1, cancellationToken);
        if (!string.Equals(copied.Sha256, hash, StringComparison.Ordinal))
            throw new BundleException($"The file of model {hash} in the data folder has SHA-256 {copied.Sha256}: it is damaged, so no bundle can carry it.");
        return new BundleFile(path, hash, copied.Bytes);
    }
}
