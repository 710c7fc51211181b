using RoCoIn.Engine.Inference;

namespace RoCoIn.Distillation.Export;

/// <summary>The exported students and aggregator, with ONNX Runtime's student features on the test set for the accuracy table.</summary>
/// <param name="Students">In partition order.</param>
/// <param name="Aggregator">The aggregator.</param>
/// <param name="TestFeatures">Per student, ONNX Runtime's features on the test set (N×d_k, row-major).</param>
public sealed record ExportedEnsemble(IReadOnlyList<ExportedModel> Students, ExportedModel Aggregator, IReadOnlyList<float[]> TestFeatures)
{
    /// <summary>A session on the aggregator for further runs.</summary>
    public OnnxInferenceSession OpenAggregator() => new(Aggregator.Bytes);
}
