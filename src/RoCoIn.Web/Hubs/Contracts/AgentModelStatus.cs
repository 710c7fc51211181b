namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>An agent's report on an assignment (<see cref="AgentProtocol.ReportModel"/>).</summary>
/// <param name="ModelHash">The assigned hash.</param>
/// <param name="Loaded">True when verified and loaded into ONNX Runtime; false when refused.</param>
/// <param name="Reason">Why it was refused (hash mismatch, download failure, ONNX Runtime error).</param>
public sealed record AgentModelStatus(string ModelHash, bool Loaded, string? Reason);
