using System.IO.Compression;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Units;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Bundles;

/// <summary>
/// Imports a deployment bundle all or nothing (ADR-010): every check passes before anything is written; then the model
/// files are copied (content-addressed, identical ones kept), the plan is saved and the model set saved for it. A
/// failure part-way undoes what was written.
/// </summary>
public sealed class BundleImporter(PlanStore plans, ModelSetStore modelSets, IOptions<StudioOptions> studio, IWebHostEnvironment environment,
    IConfiguration configuration, WorkspaceGate gate, ILogger<BundleImporter> logger)
{
    /// <summary>Suffix of a name that is taken.</summary>
    public const string ImportedSuffix = " (imported)";

    /// <summary>RoCoIn:MaxBundleBytes.</summary>
    public long MaxBundleBytes { get; } = BundleOptions.From(configuration).MaxBundleBytes;

    /// <summary>Imports the bundle zip in <paramref name="bundle"/>; a stream that cannot seek (a request body, a browser
    /// upload) is buffered in a temporary file first, up to <see cref="MaxBundleBytes"/>.</summary>
    public async Task<BundleImportResult> ImportAsync(Stream bundle, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(bundle);
        FileStream? buffer = null;
        try
        {
            var input = bundle;
            if (bundle.CanSeek)
            {
                if (bundle.Length - bundle.Position > MaxBundleBytes)
                    return TooLarge(bundle.Length - bundle.Position);
            }
            else
            {
                buffer = BundleTempFile.Create();
                var (_, bytes) = await BundleStreams.CopyHashedAsync(bundle, buffer, MaxBundleBytes, cancellationToken);
                if (bytes > MaxBundleBytes)
                    return TooLarge(null);
                buffer.Position = 0;
                input = buffer;
            }

            ZipArchive zip;
            try
            {
                zip = new ZipArchive(input, ZipArchiveMode.Read, leaveOpen: true);
            }
            catch (InvalidDataException)
            {
                return BundleImportResult.Refused("The file is not a zip archive; a bundle is the .zip a studio writes with Export bundle on a plan's page.");
            }
            using (zip)
            {
                var valid = await BundleReader.ReadAsync(zip, MaxBundleBytes, cancellationToken);
                return BundleImportResult.Ok(await CommitAsync(valid, cancellationToken));
            }
        }
        catch (BundleException ex)
        {
            return BundleImportResult.Refused(ex.Message);
        }
        finally
        {
            if (buffer is not null)
                await buffer.DisposeAsync();
        }
    }

    private async Task<BundleImported> CommitAsync(ValidatedBundle bundle, CancellationToken cancellationToken)
    {
        // Held until the model set names its files, so a workspace clean-up cannot take them for unreferenced meanwhile.
        using var entered = await gate.EnterAsync(cancellationToken);
        var folder = ModelFiles.Folder(studio.Value, environment);
        Directory.CreateDirectory(folder);
        var added = new List<string>();
        int? planId = null;
        try
        {
            var kept = 0;
            foreach (var (hash, entry) in bundle.Models)
            {
                if (await CopyModelAsync(entry, hash, Path.Combine(folder, $"{hash}.onnx"), cancellationToken) is { } path)
                    added.Add(path);
                else
                    kept++;
            }

            var manifest = bundle.Manifest;
            var planName = UniqueName(manifest.Plan.Name, "Imported plan", (await plans.ListAsync(0, int.MaxValue, cancellationToken)).Select(p => p.Name));
            var setName = UniqueName(manifest.ModelSet.Name, "Imported model set", (await modelSets.ListAsync(cancellationToken)).Select(m => m.Name));
            // The plan keeps its own device snapshot, so neither a fleet nor the devices need to exist here.
            planId = await plans.SaveAsync(planName, fleetId: null, manifest.Plan.FleetName, bundle.Document, jobId: null, cancellationToken);
            var setId = await modelSets.SaveAsync(setName, planId, jobId: null, bundle.Result, cancellationToken);
            var imported = new BundleImported(planId.Value, planName, setId, setName, added.Count, kept);
            if (logger.IsEnabled(LogLevel.Information))
                logger.LogInformation("Imported a bundle: {Imported}.", imported);
            return imported;
        }
        catch
        {
            await UndoAsync(planId, added);
            throw;
        }
    }

    /// <summary>Copies a model into the folder unless an identical file is there; returns the path when it added one.</summary>
    private static async Task<string?> CopyModelAsync(ZipArchiveEntry entry, string hash, string target, CancellationToken cancellationToken)
    {
        var existed = File.Exists(target);
        if (existed)
        {
            await using var present = File.OpenRead(target);
            if ((await BundleStreams.CopyHashedAsync(present, null, long.MaxValue - 1, cancellationToken)).Sha256 == hash)
                return null;
        }
        // Written beside the target and moved into place, so a reader never sees half a model.
        var temp = $"{target}.{Guid.NewGuid():N}.tmp";
        try
        {
            await using (var input = entry.Open())
            await using (var output = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
            {
                var (sha, _) = await BundleStreams.CopyHashedAsync(input, output, entry.Length, cancellationToken);
                if (sha != hash)
                    throw new BundleException($"{BundleFormat.ModelPath(hash)} changed while it was imported.");
            }
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            File.Delete(temp);
        }
        // A damaged file that was replaced was not added: undoing the import keeps the good copy.
        return existed ? null : target;
    }

    private async Task UndoAsync(int? planId, List<string> added)
    {
        try
        {
            if (planId is { } id)
                await plans.DeleteAsync(id, CancellationToken.None);
            foreach (var path in added)
                File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            logger.LogError(ex, "Undoing a failed bundle import left plan {PlanId} or model files behind.", planId);
        }
    }

    /// <summary><paramref name="name"/>, or with " (imported)" (then " (imported 2)", …) when a name in <paramref name="taken"/> has it.</summary>
    internal static string UniqueName(string name, string fallback, IEnumerable<string> taken)
    {
        var names = taken.ToHashSet(StringComparer.Ordinal);
        var wanted = string.IsNullOrWhiteSpace(name) ? fallback : name.Trim();
        if (!names.Contains(wanted))
            return wanted;
        // The stores keep 200 characters; the suffix must survive.
        var stem = wanted.Length > 180 ? wanted[..180] : wanted;
        var candidate = stem + ImportedSuffix;
        for (var n = 2; names.Contains(candidate); n++)
            candidate = $"{stem} (imported {n})";
        return candidate;
    }

    private BundleImportResult TooLarge(long? bytes) => BundleImportResult.Refused(bytes is { } size
        ? $"The bundle is {SiFormat.Bytes(size)}; at most {SiFormat.Bytes(MaxBundleBytes)} can be imported (RoCoIn:MaxBundleBytes)."
        : $"The bundle is larger than {SiFormat.Bytes(MaxBundleBytes)}, the most that can be imported (RoCoIn:MaxBundleBytes).");
}
