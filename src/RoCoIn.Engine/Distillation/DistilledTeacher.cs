namespace RoCoIn.Engine.Distillation;

/// <summary>The teacher a job used.</summary>
/// <param name="WeightsPath">Its saved weights (TorchSharp module format), reusable as <see cref="DistillationJobSpec.TeacherPath"/>.</param>
/// <param name="Trained">True when this job trained it, false when it was loaded.</param>
/// <param name="FeatureChannels">F.</param>
/// <param name="Parameters">Parameters.</param>
/// <param name="Flops">FLOPs of one inference (rocoin-model.md §2).</param>
/// <param name="MemoryBytes">Memory by the §2 rule, in bytes.</param>
/// <param name="TestAccuracy">Test accuracy (fraction).</param>
public sealed record DistilledTeacher(string WeightsPath, bool Trained, int FeatureChannels, long Parameters, long Flops,
    long MemoryBytes, double TestAccuracy);
