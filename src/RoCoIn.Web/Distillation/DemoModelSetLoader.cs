using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Web.Distillation;

/// <summary>
/// Loads the model set committed under assets/models/demo (distilled for the demo plan by
/// assets/models/demo-job.json) into a brand-new database, so real runs and lessons work before any training.
/// </summary>
public sealed class DemoModelSetLoader(ModelSetStore modelSets, PlanStore plans, ILogger<DemoModelSetLoader> logger)
{
    /// <summary>Name the bundled model set gets.</summary>
    public const string Name = "Demo: students of the demo plan (bundled)";

    /// <summary>The committed folder, found above the content root or the app's base directory; null when absent.</summary>
    public static string? BundledFolder(string contentRoot)
    {
        foreach (var start in new[] { contentRoot, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "assets", "models", "demo");
                if (File.Exists(Path.Combine(candidate, DistillationResult.FileName)))
                    return candidate;
            }
        }
        return null;
    }

    /// <summary>Copies the ONNX files to models/&lt;sha256&gt;.onnx under <paramref name="dataPath"/> and stores the model set.</summary>
    /// <returns>The model set's id, or null when nothing is bundled.</returns>
    public async Task<int?> LoadAsync(string contentRoot, string dataPath, CancellationToken cancellationToken = default)
    {
        var folder = BundledFolder(contentRoot);
        if (folder is null)
        {
            logger.LogWarning("No bundled demo model set found under assets/models/demo; the studio starts without one.");
            return null;
        }
        var result = DistillationJson.ReadResult(await File.ReadAllTextAsync(Path.Combine(folder, DistillationResult.FileName), cancellationToken));
        var models = Path.Combine(dataPath, "models");
        Directory.CreateDirectory(models);
        foreach (var file in result.Students.Select(s => (s.ModelHash, s.ModelFile)).Append((result.Aggregator.ModelHash, result.Aggregator.ModelFile)))
        {
            var target = Path.Combine(models, $"{file.ModelHash}.onnx");
            if (!File.Exists(target))
                File.Copy(Path.Combine(folder, Path.GetFileName(file.ModelFile)), target);
        }
        // The teacher ships beside the result; point at it where this studio finds it.
        var teacher = Path.Combine(folder, "teacher", "teacher.dat");
        result = result with { Teacher = result.Teacher with { WeightsPath = teacher } };
        var demoPlan = (await plans.ListAsync(cancellationToken: cancellationToken)).FirstOrDefault(p => p.Name == DemoContent.PaperPlanName);
        return await modelSets.SaveAsync(Name, demoPlan?.Id, jobId: null, result, cancellationToken);
    }
}
