namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>An order to an agent (<see cref="AgentProtocol.Order"/>).</summary>
/// <param name="Kind">One of <see cref="AgentOrderKinds"/>.</param>
/// <param name="Factor">Slow-down factor (slow) or link-rate divisor (link); 1 otherwise.</param>
/// <param name="ExtraLatencySeconds">Added one-way latency (link), seconds.</param>
public sealed record AgentOrderMessage(string Kind, double Factor, double ExtraLatencySeconds);
