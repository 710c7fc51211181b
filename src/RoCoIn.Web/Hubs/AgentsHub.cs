using Microsoft.AspNetCore.SignalR;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Hubs;

/// <summary>
/// /hubs/agents: device agents connect out to it (MessagePack, WebSockets), register with a protocol version, their
/// device's name and its token, then report and serve. Every method but <see cref="Register"/> needs a registered
/// connection. State lives in <see cref="AgentRegistry"/>; pages use <see cref="AgentNotifier"/>.
/// </summary>
public sealed partial class AgentsHub(AgentRegistry registry, AgentAuthenticator authenticator, ILogger<AgentsHub> logger) : Hub<IAgentClient>
{
    public const string Path = AgentProtocol.HubPath;

    public override Task OnConnectedAsync()
    {
        registry.Opened(Context);
        return Task.CompletedTask;
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        registry.Closed(Context.ConnectionId, exception);
        return Task.CompletedTask;
    }

    /// <summary>Checks the hello; a refused agent gets the reason and its connection is closed shortly after.</summary>
    public async Task<AgentRegistration> Register(AgentHello hello)
    {
        var (refusal, device, tokenId) = await authenticator.AuthenticateAsync(hello, Context.ConnectionAborted);
        if (refusal is not null || device is null)
        {
            registry.Refused(Context);
            LogRefused(hello?.Device ?? "(none)", refusal?.RefusalCode ?? "?", refusal?.Reason ?? "");
            return refusal!;
        }
        return registry.Register(Context, hello, device, tokenId);
    }

    public void ReportThroughput(AgentThroughput throughput) => registry.Throughput(Context.ConnectionId, throughput);

    public void ReportModel(AgentModelStatus status) => registry.ModelReport(Context.ConnectionId, status);

    public void Heartbeat(AgentHeartbeat heartbeat) => registry.Heartbeat(Context.ConnectionId, heartbeat);

    public void InferenceReply(AgentInferenceReply reply) => registry.Reply(Context.ConnectionId, reply);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused an agent for device {Device} ({Code}): {Reason}")]
    private partial void LogRefused(string device, string code, string reason);
}
