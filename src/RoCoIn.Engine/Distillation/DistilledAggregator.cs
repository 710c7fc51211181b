namespace RoCoIn.Engine.Distillation;

/// <summary>The distilled aggregator and its ONNX file.</summary>
/// <param name="Parameters">Parameters.</param>
/// <param name="Flops">FLOPs of one inference (rocoin-model.md §2).</param>
/// <param name="MemoryBytes">Memory by the §2 rule, in bytes.</param>
/// <param name="ModelHash">SHA-256 of the ONNX file (64 lowercase hex digits).</param>
/// <param name="ModelFile">The ONNX file's name in the output folder: &lt;hash&gt;.onnx.</param>
/// <param name="MaxAbsDifference">Largest |ONNX Runtime − trainer| over the test set's logits, students included (at most 1e-4).</param>
public sealed record DistilledAggregator(long Parameters, long Flops, long MemoryBytes, string ModelHash, string ModelFile,
    double MaxAbsDifference);
