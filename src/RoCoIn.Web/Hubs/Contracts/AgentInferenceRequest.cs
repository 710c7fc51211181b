namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>One input to run (<see cref="AgentProtocol.Infer"/>): uint8 pixels, row-major; the agent normalises them (p / 255).</summary>
/// <param name="RequestId">The caller's id, echoed in the reply.</param>
/// <param name="Pixels">28·28 bytes for Fashion-MNIST.</param>
public sealed record AgentInferenceRequest(long RequestId, byte[] Pixels);
