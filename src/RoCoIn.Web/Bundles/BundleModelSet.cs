using System.Text.Json;

namespace RoCoIn.Web.Bundles;

/// <summary>The model set in bundle.json.</summary>
/// <param name="Id">Its id in the studio that wrote the bundle (informational).</param>
/// <param name="Name">Its name.</param>
/// <param name="Result">The distillation result (result.json) as the model set store keeps it.</param>
public sealed record BundleModelSet(int Id, string Name, JsonElement Result);
