using RoCoIn.Engine.Distillation;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Distillation;

/// <summary>One entry of a model set's accuracy table: which groups answered and the accuracy then.</summary>
/// <param name="Mask">Bit k set: group k answered.</param>
/// <param name="Groups">The answering groups' indices, ascending.</param>
/// <param name="Accuracy">Test accuracy (fraction).</param>
public sealed record SubsetAccuracy(int Mask, IReadOnlyList<int> Groups, double Accuracy);

/// <summary>Shapes a distillation result for the model-set page and the API.</summary>
public static class ModelSetView
{
    /// <summary>Every subset's accuracy, most groups answering first, then by mask.</summary>
    public static IReadOnlyList<SubsetAccuracy> Subsets(DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var k = result.Students.Count;
        return result.AccuracyBySubset
            .Select(e => new SubsetAccuracy(e.Key, Enumerable.Range(0, k).Where(g => (e.Key & (1 << g)) != 0).ToList(), e.Value))
            .OrderByDescending(s => s.Groups.Count).ThenBy(s => s.Mask)
            .ToList();
    }

    /// <summary>The accuracy of group <paramref name="partition"/> answering alone, if measured.</summary>
    public static double? Alone(DistillationResult result, int partition) =>
        result?.AccuracyBySubset.TryGetValue(1 << partition, out var a) == true ? a : null;
}

/// <summary>Where ONNX files are kept: &lt;DataPath&gt;/models.</summary>
public static class ModelFiles
{
    public static string Folder(StudioOptions studio, IWebHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(environment);
        return Path.Combine(Path.GetFullPath(studio.DataPath, environment.ContentRootPath), "models");
    }
}
