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

    /// <summary>Copies the ONNX files to models/&lt;sha256&gt;.onnx under <paramref name="dataPath"/> and stores the model set.</summary>
    /// <returns>The model set's id, or null when nothing is bundled.</returns>
    public async Task<int?> LoadAsync(string contentRoot, string dataPath, CancellationToken cancellationToken = default)
    {
        var folder = StudioAssets.Find(contentRoot, Path.Combine("assets", "models", "demo"), DistillationResult.FileName);
        if (folder is null)
        {
            logger.LogWarning("No bundled demo model set found under assets/models/demo; the studio starts without one.");
            return null;
        }
        var result = DistillationJson.ReadResult(await File.ReadAllTextAsync(Path.Combine(folder, DistillationResult.FileName), cancellationToken));
        StudioAssets.StoreModels(result, folder, dataPath);
        // The teacher ships beside the result; point at it where this studio finds it.
        var teacher = Path.Combine(folder, "teacher", "teacher.dat");
        result = result with { Teacher = result.Teacher with { WeightsPath = teacher } };
        var demoPlan = (await plans.ListAsync(cancellationToken: cancellationToken)).FirstOrDefault(p => p.Name == DemoContent.PaperPlanName);
        return await modelSets.SaveAsync(Name, demoPlan?.Id, jobId: null, result, cancellationToken);
    }
}
