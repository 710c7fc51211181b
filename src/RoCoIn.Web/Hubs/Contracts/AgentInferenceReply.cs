namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>The answer to an <see cref="AgentInferenceRequest"/> (<see cref="AgentProtocol.InferenceReply"/>).</summary>
/// <param name="RequestId">The request's id.</param>
/// <param name="Features">The student's d_k features, or null on error.</param>
/// <param name="Error">Why there are no features.</param>
/// <param name="ComputeSeconds">Time ONNX Runtime took, before any emulation padding.</param>
public sealed record AgentInferenceReply(long RequestId, float[]? Features, string? Error, double ComputeSeconds);
