using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Hubs;

namespace RoCoIn.Web.Agents;

public static class AgentsServiceCollectionExtensions
{
    /// <summary>
    /// The agent hub (MessagePack only, short keep-alive and client timeout, bounded messages), the registry with its
    /// watchdog, the token store and authenticator, the plan assigner, the local fleet, and <see cref="AgentsOptions"/> ("RoCoIn:Agents").
    /// </summary>
    public static IServiceCollection AddRoCoInAgents(this IServiceCollection services)
    {
        services.AddOptions<AgentsOptions>().BindConfiguration(AgentsOptions.Section)
            .Validate(o => o.KeepAliveInterval > TimeSpan.Zero && o.ClientTimeout > o.KeepAliveInterval,
                "RoCoIn:Agents:ClientTimeout must be longer than KeepAliveInterval, and both positive.")
            .Validate(o => o.MaxMessageBytes is >= 4096 and <= 16 * 1024 * 1024, "RoCoIn:Agents:MaxMessageBytes must be between 4096 and 16 MiB.")
            .Validate(o => o.HeartbeatInterval > TimeSpan.Zero && o.StallAfter > o.HeartbeatInterval && o.RegistrationTimeout > TimeSpan.Zero,
                "RoCoIn:Agents:StallAfter must be longer than HeartbeatInterval, and RegistrationTimeout positive.")
            .Validate(o => o.BenchmarkSeconds is >= 0.01 and <= 60 && o.Threads is >= 1 and <= 64 && o.LogLines is >= 0 and <= 10_000,
                "RoCoIn:Agents:BenchmarkSeconds (0.01–60), Threads (1–64) and LogLines (0–10000) are out of range.")
            .ValidateOnStart();
        services.AddSignalR().AddMessagePackProtocol().AddHubOptions<AgentsHub>(_ => { });
        // Registered after AddHubOptions, so these win over the global hub defaults it copies.
        services.AddOptions<HubOptions<AgentsHub>>().Configure<IOptions<AgentsOptions>>((hub, agents) =>
        {
            hub.SupportedProtocols = ["messagepack"];
            hub.KeepAliveInterval = agents.Value.KeepAliveInterval;
            hub.ClientTimeoutInterval = agents.Value.ClientTimeout;
            hub.MaximumReceiveMessageSize = agents.Value.MaxMessageBytes;
            hub.EnableDetailedErrors = false;
        });
        services.AddSingleton<AgentTokenStore>();
        services.AddSingleton<AgentAuthenticator>();
        services.AddSingleton<AgentTokenAdmin>();
        services.AddSingleton<AgentNotifier>();
        services.AddSingleton<AgentRegistry>();
        services.AddHostedService(sp => sp.GetRequiredService<AgentRegistry>());
        services.AddSingleton<AgentProgram>();
        services.AddSingleton<PlanAssigner>();
        services.AddSingleton<LocalFleet>();
        services.AddHostedService(sp => sp.GetRequiredService<LocalFleet>());
        return services;
    }

    /// <summary>
    /// Maps /hubs/agents (WebSockets only). Agents authenticate with their device token inside the hub, never with a
    /// person's sign-in, so the hub is open to anonymous connections (ADR-013).
    /// </summary>
    public static WebApplication MapAgentsHub(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var limit = app.Services.GetRequiredService<IOptions<AgentsOptions>>().Value.MaxMessageBytes;
        app.MapHub<AgentsHub>(AgentsHub.Path, o =>
        {
            o.Transports = HttpTransportType.WebSockets;
            o.ApplicationMaxBufferSize = limit;
            o.TransportMaxBufferSize = limit;
        }).AllowAnonymous();
        return app;
    }
}
