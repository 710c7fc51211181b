namespace RoCoIn.Engine.Distillation;

/// <summary>One distilled student and its ONNX file.</summary>
/// <param name="Partition">k: its partition and group index.</param>
/// <param name="StudentKey">Architecture key.</param>
/// <param name="Width">d_k.</param>
/// <param name="Channels">The teacher channels of partition k (ascending).</param>
/// <param name="Parameters">Parameters.</param>
/// <param name="Flops">FLOPs of one inference (rocoin-model.md §2).</param>
/// <param name="MemoryBytes">Memory by the §2 rule, in bytes.</param>
/// <param name="ModelHash">SHA-256 of the ONNX file (64 lowercase hex digits).</param>
/// <param name="ModelFile">The ONNX file's name in the output folder: &lt;hash&gt;.onnx.</param>
/// <param name="MaxAbsDifference">Largest |ONNX Runtime − trainer| over the test set's features (at most 1e-4).</param>
public sealed record DistilledStudent(int Partition, string StudentKey, int Width, IReadOnlyList<int> Channels, long Parameters,
    long Flops, long MemoryBytes, string ModelHash, string ModelFile, double MaxAbsDifference);
