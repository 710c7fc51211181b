using Microsoft.OpenApi;

namespace RoCoIn.Web.Api;

/// <summary>
/// Puts the API document in the order a reader follows (devices and fleets first, then plans, runs, agents), whatever
/// order the endpoints were mapped in; the reference page shows its sections in this order.
/// </summary>
internal static class OpenApiOrder
{
    private static readonly string[] Tags =
        ["Devices", "Fleets", "Jobs", "Plans", "Bundles", "Distillation", "Scenarios", "Runs", "Real runs", "Agents", "Workspace"];

    public static void Apply(OpenApiDocument document)
    {
        if (document.Paths is { Count: > 0 } paths)
        {
            var ordered = paths.OrderBy(p => Rank(FirstTag(p.Value))).ThenBy(p => p.Key, StringComparer.Ordinal).ToList();
            var sorted = new OpenApiPaths();
            foreach (var (path, item) in ordered)
                sorted.Add(path, item);
            document.Paths = sorted;
        }
        if (document.Tags is { Count: > 0 } tags)
        {
            var ordered = tags.OrderBy(t => Rank(t.Name)).ToList();
            tags.Clear();
            foreach (var tag in ordered)
                tags.Add(tag);
        }
    }

    private static string? FirstTag(IOpenApiPathItem item) =>
        item.Operations?.Values.SelectMany(o => o.Tags ?? Enumerable.Empty<OpenApiTagReference>()).Select(t => t.Name).FirstOrDefault();

    private static int Rank(string? tag)
    {
        var index = Array.IndexOf(Tags, tag);
        return index < 0 ? Tags.Length : index;
    }
}
