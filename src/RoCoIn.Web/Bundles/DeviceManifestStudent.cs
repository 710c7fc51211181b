namespace RoCoIn.Web.Bundles;

/// <summary>The student a device runs, as distilled.</summary>
/// <param name="Key">Architecture key (see the model catalogue).</param>
/// <param name="Width">d_k.</param>
/// <param name="Flops">FLOPs of one inference.</param>
/// <param name="Parameters">Parameters.</param>
/// <param name="MemoryBytes">Memory it needs, bytes.</param>
public sealed record DeviceManifestStudent(string Key, int Width, long Flops, long Parameters, long MemoryBytes);
