using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Hubs;

/// <summary>What <see cref="AgentsHub"/> sends to device agents (method names are <see cref="AgentProtocol"/>'s).</summary>
public interface IAgentClient
{
    /// <summary>Load this model (download, verify the hash, create the session) and report with ReportModel.</summary>
    Task AssignModel(AgentModelAssignment assignment);

    /// <summary>Run one input; answer with InferenceReply.</summary>
    Task Infer(AgentInferenceRequest request);

    /// <summary>The studio no longer waits for this request: skip it if not computed yet.</summary>
    Task CancelInference(long requestId);

    /// <summary>Stall, resume, slow, link, cut, restore, shutdown, emulate.</summary>
    Task Order(AgentOrderMessage order);
}
