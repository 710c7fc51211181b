using System.Globalization;
using System.IO.Compression;
using System.Text;
using System.Text.Json;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Units;

namespace RoCoIn.Web.Bundles;

/// <summary>
/// Reads a bundle zip and checks all of it before anything is imported (ADR-010): bundle.json's format and version, the
/// file list, the plan document, the model set, that every model has its file, and every file's SHA-256.
/// </summary>
public static class BundleReader
{
    /// <summary>The bundle in <paramref name="zip"/>, checked.</summary>
    /// <param name="zip">An open zip.</param>
    /// <param name="maxBytes">The most its files may hold uncompressed, together.</param>
    /// <param name="cancellationToken">Stops reading.</param>
    /// <exception cref="BundleException">The first problem found, in words.</exception>
    public static async Task<ValidatedBundle> ReadAsync(ZipArchive zip, long maxBytes, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(zip);
        try
        {
            return await ReadCoreAsync(zip, maxBytes, cancellationToken);
        }
        catch (InvalidDataException ex)
        {
            throw new BundleException($"The zip is damaged: {ex.Message}", ex);
        }
    }

    private static async Task<ValidatedBundle> ReadCoreAsync(ZipArchive zip, long maxBytes, CancellationToken cancellationToken)
    {
        var entries = new Dictionary<string, ZipArchiveEntry>(StringComparer.Ordinal);
        foreach (var entry in zip.Entries.Where(e => !e.FullName.EndsWith('/')))
        {
            if (!entries.TryAdd(entry.FullName, entry))
                throw new BundleException($"The zip holds {entry.FullName} twice.");
        }
        if (!entries.TryGetValue(BundleFormat.ManifestPath, out var manifestEntry))
            throw new BundleException($"The zip holds no {BundleFormat.ManifestPath}, so it is not a RoCoIn deployment bundle "
                + "(a studio writes one with Export bundle on a plan's page).");

        var budget = new Budget(maxBytes);
        var manifest = ReadManifest(await ReadTextAsync(manifestEntry, budget, cancellationToken));
        CheckFileList(manifest.Files, maxBytes);
        var document = ReadPlan(manifest.Plan);
        var result = ReadModelSet(manifest.ModelSet);
        if (!BundlePlanValidator.Fits(document.Result.Plan!, result))
            throw new BundleException("The model set does not fit the plan: its students are not the plan's groups "
                + "(same number, and in partition order the same width and student).");

        var listed = manifest.Files.ToDictionary(f => f.Path, StringComparer.Ordinal);
        foreach (var (hash, what) in BundleFormat.ModelsOf(result))
        {
            if (!listed.ContainsKey(BundleFormat.ModelPath(hash)))
                throw new BundleException($"The model set names model {hash} ({what}), but the bundle has no {BundleFormat.ModelPath(hash)}.");
        }
        foreach (var file in manifest.Files.Where(f => !entries.ContainsKey(f.Path)))
            throw new BundleException($"{BundleFormat.ManifestPath} lists {file.Path}, but the zip does not hold it.");
        foreach (var name in entries.Keys.Where(n => n != BundleFormat.ManifestPath && !listed.ContainsKey(n)))
            throw new BundleException($"The zip holds {name}, which {BundleFormat.ManifestPath} does not list.");
        foreach (var file in manifest.Files)
            await CheckFileAsync(entries[file.Path], file, budget, cancellationToken);

        var models = BundleFormat.ModelsOf(result).Select(m => m.Sha256).Distinct()
            .ToDictionary(h => h, h => entries[BundleFormat.ModelPath(h)], StringComparer.Ordinal);
        return new ValidatedBundle(manifest, document, result, models);
    }

    private static BundleManifest ReadManifest(string text)
    {
        JsonElement root;
        try
        {
            using var json = JsonDocument.Parse(text);
            root = json.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw new BundleException(
                Text($"{BundleFormat.ManifestPath} is not readable: it is not valid JSON (line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1})."),
                ex);
        }
        if (root.ValueKind != JsonValueKind.Object)
            throw new BundleException($"{BundleFormat.ManifestPath} is not readable: it holds {Kind(root)} instead of an object.");
        if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String)
            throw new BundleException($"{BundleFormat.ManifestPath} names no format; this studio reads \"{BundleFormat.Name}\" bundles.");
        if (format.GetString() != BundleFormat.Name)
            throw new BundleException($"{BundleFormat.ManifestPath} names format \"{format.GetString()}\"; this studio reads \"{BundleFormat.Name}\" bundles.");
        if (!root.TryGetProperty("formatVersion", out var versionElement) || versionElement.ValueKind != JsonValueKind.Number
            || !versionElement.TryGetInt32(out var version))
            throw new BundleException(Text($"{BundleFormat.ManifestPath} has no formatVersion (a whole number); this studio reads version {BundleFormat.Version}."));
        if (version != BundleFormat.Version)
            throw new BundleException(Text($"formatVersion {version} is not supported; this studio reads version {BundleFormat.Version}."));
        try
        {
            return root.Deserialize<BundleManifest>(BundleFormat.Json)
                ?? throw new BundleException($"{BundleFormat.ManifestPath} is not readable: it is empty.");
        }
        catch (JsonException ex)
        {
            throw new BundleException($"{BundleFormat.ManifestPath} is not readable: {FirstSentence(ex.Message)}", ex);
        }
    }

    private static void CheckFileList(IReadOnlyList<BundleFile> files, long maxBytes)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        foreach (var file in files)
        {
            if (file is null)
                throw new BundleException($"{BundleFormat.ManifestPath} lists a file as null.");
            if (!IsBundlePath(file.Path))
                throw new BundleException($"{BundleFormat.ManifestPath} lists \"{file.Path}\", which is not a file a bundle holds "
                    + $"({BundleFormat.ReadmePath}, {BundleFormat.DevicesFolder}<name>.json or {BundleFormat.ModelsFolder}<sha256>.onnx).");
            if (!seen.Add(file.Path))
                throw new BundleException($"{BundleFormat.ManifestPath} lists {file.Path} twice.");
            if (!BundleFormat.IsSha256(file.Sha256))
                throw new BundleException($"{BundleFormat.ManifestPath} lists {file.Path} with SHA-256 \"{file.Sha256}\", which is not 64 lowercase hex digits.");
            if (file.Path.StartsWith(BundleFormat.ModelsFolder, StringComparison.Ordinal) && file.Path != BundleFormat.ModelPath(file.Sha256))
                throw new BundleException($"{BundleFormat.ManifestPath} lists {file.Path} with SHA-256 {file.Sha256}; a model file is named after its SHA-256.");
            if (file.SizeBytes < 0 || file.SizeBytes > maxBytes - total)
                throw TooLarge(maxBytes);
            total += file.SizeBytes;
        }
    }

    private static bool IsBundlePath(string path)
    {
        if (path == BundleFormat.ReadmePath)
            return true;
        if (path.StartsWith(BundleFormat.ModelsFolder, StringComparison.Ordinal))
            return path.EndsWith(".onnx", StringComparison.Ordinal) && BundleFormat.IsSha256(path[BundleFormat.ModelsFolder.Length..^".onnx".Length]);
        if (!path.StartsWith(BundleFormat.DevicesFolder, StringComparison.Ordinal) || !path.EndsWith(".json", StringComparison.Ordinal))
            return false;
        var name = path[BundleFormat.DevicesFolder.Length..^".json".Length];
        return name.Length > 0 && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && !name.StartsWith('.');
    }

    private static PlanDocument ReadPlan(BundlePlan plan) =>
        ReadChecked(plan.Document, PlanDocument.FromJson, BundlePlanValidator.Problems, "The plan document is invalid: it is not readable: ",
            "The plan document is invalid: ");

    private static DistillationResult ReadModelSet(BundleModelSet set) =>
        ReadChecked(set.Result, DistillationJson.ReadResult, BundlePlanValidator.Problems, "The model set is not readable: ",
            "The model set is invalid: ");

    // JSON that reads is not enough: the checks say whether the studio can use it.
    private static T ReadChecked<T>(JsonElement element, Func<string, T> read, Func<T, IReadOnlyList<string>> problemsOf, string unreadable,
        string invalid)
    {
        T value;
        try
        {
            value = read(element.GetRawText());
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException or InvalidOperationException)
        {
            throw new BundleException(unreadable + FirstSentence(ex.Message), ex);
        }
        var problems = problemsOf(value);
        return problems.Count == 0 ? value : throw new BundleException($"{invalid}{string.Join("; ", problems)}.");
    }

    private static async Task<string> ReadTextAsync(ZipArchiveEntry entry, Budget budget, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await using (var stream = entry.Open())
        {
            var (_, bytes) = await BundleStreams.CopyHashedAsync(stream, buffer, budget.Remaining, cancellationToken);
            budget.Spend(bytes);
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length).TrimStart('\uFEFF');
    }

    private static async Task CheckFileAsync(ZipArchiveEntry entry, BundleFile file, Budget budget, CancellationToken cancellationToken)
    {
        string sha;
        long bytes;
        await using (var stream = entry.Open())
            (sha, bytes) = await BundleStreams.CopyHashedAsync(stream, null, budget.Remaining, cancellationToken);
        budget.Spend(bytes);
        if (!string.Equals(sha, file.Sha256, StringComparison.Ordinal))
            throw new BundleException(Text($"{file.Path} has SHA-256 {sha}, but {BundleFormat.ManifestPath} lists {file.Sha256}")
                + (bytes == file.SizeBytes ? "" : Text($" ({bytes} bytes, listed as {file.SizeBytes})"))
                + ": the file was changed or damaged.");
    }

    private static BundleException TooLarge(long maxBytes) =>
        new($"The bundle's files hold more than {SiFormat.Bytes(maxBytes)} uncompressed; at most that can be imported (RoCoIn:MaxBundleBytes).");

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => element.ValueKind.ToString().ToLowerInvariant(),
    };

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(". ", StringComparison.Ordinal);
        return end < 0 ? message : message[..(end + 1)];
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    // Uncompressed bytes the reader may still decompress: a small zip cannot make it read without end.
    private sealed class Budget(long max)
    {
        private readonly long _max = max;

        public long Remaining { get; private set; } = max;

        public void Spend(long bytes)
        {
            if (bytes > Remaining)
                throw TooLarge(_max);
            Remaining -= bytes;
        }
    }
}
