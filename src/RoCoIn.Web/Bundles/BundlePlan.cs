using System.Text.Json;

namespace RoCoIn.Web.Bundles;

/// <summary>The plan in bundle.json.</summary>
/// <param name="Id">Its id in the studio that wrote the bundle (informational).</param>
/// <param name="Name">Its name.</param>
/// <param name="FleetName">The name of the fleet it was made for.</param>
/// <param name="Document">The whole plan document (settings, device snapshot, result, baselines) as the plan store keeps it.</param>
public sealed record BundlePlan(int Id, string Name, string FleetName, JsonElement Document);
