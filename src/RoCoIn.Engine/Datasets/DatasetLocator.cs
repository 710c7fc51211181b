namespace RoCoIn.Engine.Datasets;

/// <summary>Where a dataset's four IDX files are, and where they came from.</summary>
/// <param name="Folder">The folder holding the files.</param>
/// <param name="Source">"configured folder", "Debian dataset-fashion-mnist" or "bundled subset".</param>
public sealed record DatasetLocation(string Folder, string Source)
{
    /// <summary>Training images file.</summary>
    public string TrainImages => Find("train-images-idx3-ubyte");
    /// <summary>Training labels file.</summary>
    public string TrainLabels => Find("train-labels-idx1-ubyte");
    /// <summary>Test images file.</summary>
    public string TestImages => Find("t10k-images-idx3-ubyte");
    /// <summary>Test labels file.</summary>
    public string TestLabels => Find("t10k-labels-idx1-ubyte");

    // Plain or .gz; the reader tells them apart by content.
    private string Find(string stem)
    {
        var plain = Path.Combine(Folder, stem);
        return File.Exists(plain) ? plain : plain + ".gz";
    }
}

/// <summary>
/// Finds Fashion-MNIST, in order: a folder the user configured; Debian's dataset-fashion-mnist (full 60k/10k);
/// the subset committed with the repository, so a fresh machine always has real images.
/// </summary>
public static class DatasetLocator
{
    /// <summary>Where Debian's dataset-fashion-mnist package puts the files.</summary>
    public const string DebianFolder = "/usr/share/datasets/fashion-mnist";

    /// <summary>The first location whose four files exist.</summary>
    /// <param name="configuredFolder">A folder the user set, or null.</param>
    /// <param name="bundledFolder">The repository's assets/datasets/fashion-mnist-subset (or where it was copied).</param>
    /// <exception cref="InvalidDataException">A configured folder without the four files, or no dataset anywhere.</exception>
    public static DatasetLocation Locate(string? configuredFolder, string bundledFolder)
    {
        if (!string.IsNullOrWhiteSpace(configuredFolder))
        {
            var configured = new DatasetLocation(configuredFolder, "configured folder");
            return HasAll(configured)
                ? configured
                : throw new InvalidDataException($"The configured dataset folder {configuredFolder} lacks {string.Join(", ", Missing(configured))}.");
        }
        foreach (var candidate in new[] { new DatasetLocation(DebianFolder, "Debian dataset-fashion-mnist"), new DatasetLocation(bundledFolder, "bundled subset") })
        {
            if (HasAll(candidate))
                return candidate;
        }
        throw new InvalidDataException($"No Fashion-MNIST found: install Debian's dataset-fashion-mnist, or restore {bundledFolder} from the repository.");
    }

    private static bool HasAll(DatasetLocation location) => !Missing(location).Any();

    private static IEnumerable<string> Missing(DatasetLocation location) =>
        new[] { location.TrainImages, location.TrainLabels, location.TestImages, location.TestLabels }
            .Where(f => !File.Exists(f)).Select(Path.GetFileName)!;
}
