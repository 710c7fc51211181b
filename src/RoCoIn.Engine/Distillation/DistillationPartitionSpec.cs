namespace RoCoIn.Engine.Distillation;

/// <summary>One knowledge partition to distil: its width d_k and the student architecture that learns it.</summary>
/// <param name="Width">d_k: teacher feature channels of the partition (at least 1; the widths add up to F).</param>
/// <param name="StudentKey">A key of <see cref="Models.ModelCatalogue.Students"/>, e.g. "s-mcu".</param>
public sealed record DistillationPartitionSpec(int Width, string StudentKey);
