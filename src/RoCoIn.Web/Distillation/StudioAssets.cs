using RoCoIn.Engine.Distillation;

namespace RoCoIn.Web.Distillation;

/// <summary>
/// Files the studio shares between features: the repository's committed assets (found above the content root or
/// the app's base directory) and the ONNX store under the data folder (models/&lt;sha256&gt;.onnx).
/// </summary>
public static class StudioAssets
{
    /// <summary>The first folder named <paramref name="relativeFolder"/> above the content root or the base directory
    /// (holding <paramref name="requiredFile"/> when given), or null.</summary>
    public static string? Find(string contentRoot, string relativeFolder, string? requiredFile = null)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, relativeFolder);
                if (requiredFile is null ? Directory.Exists(candidate) : File.Exists(Path.Combine(candidate, requiredFile)))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Copies the result's student and aggregator ONNX files from <paramref name="sourceFolder"/> into
    /// &lt;dataPath&gt;/models/&lt;sha256&gt;.onnx; files already stored are kept (same hash, same bytes).</summary>
    public static void StoreModels(DistillationResult result, string sourceFolder, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(result);
        var models = Path.Combine(dataPath, "models");
        Directory.CreateDirectory(models);
        foreach (var (hash, file) in result.Students.Select(s => (s.ModelHash, s.ModelFile)).Append((result.Aggregator.ModelHash, result.Aggregator.ModelFile)))
        {
            var target = Path.Combine(models, $"{hash}.onnx");
            if (!File.Exists(target))
                File.Copy(Path.Combine(sourceFolder, Path.GetFileName(file)), target);
        }
    }
}
