using RoCoIn.Engine.Inference;

namespace RoCoIn.Agent;

/// <summary>A verified model with its one ONNX Runtime session.</summary>
/// <param name="Hash">SHA-256 of the file it was loaded from.</param>
/// <param name="Session">The session, reused for every request.</param>
/// <param name="Flops">FLOPs of one inference, as the studio counted them.</param>
public sealed record LoadedModel(string Hash, OnnxInferenceSession Session, long Flops)
{
    /// <summary>Values one input needs (28·28 for the students).</summary>
    public long InputValues => Session.InputShape.Skip(1).Aggregate(1L, (a, b) => a * b);
}
