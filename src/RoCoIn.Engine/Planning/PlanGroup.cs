namespace RoCoIn.Engine.Planning;

/// <summary>One group: its members all run student <see cref="StudentKey"/> on partition <see cref="Partition"/> of width d_k.</summary>
/// <param name="Partition">Index k of the knowledge partition (0-based).</param>
/// <param name="DeviceIds">Members, fastest first.</param>
/// <param name="Width">d_k: channels of the teacher's feature map this group's student reproduces.</param>
/// <param name="StudentKey">Student architecture key (see Models.ModelCatalogue).</param>
public sealed record PlanGroup(int Partition, IReadOnlyList<int> DeviceIds, int Width, string StudentKey);
