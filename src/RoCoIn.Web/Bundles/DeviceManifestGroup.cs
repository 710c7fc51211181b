namespace RoCoIn.Web.Bundles;

/// <summary>A device's group in its manifest.</summary>
/// <param name="Number">The group's number as pages show it (partition + 1).</param>
/// <param name="Partition">k: the knowledge partition the group's student reproduces (0-based).</param>
/// <param name="Width">d_k: channels of the teacher's feature map in the partition.</param>
/// <param name="Channels">The teacher channels of the partition, ascending.</param>
/// <param name="Members">Every member's name, fastest first (the first reply of any of them serves the group).</param>
public sealed record DeviceManifestGroup(int Number, int Partition, int Width, IReadOnlyList<int> Channels, IReadOnlyList<string> Members);
