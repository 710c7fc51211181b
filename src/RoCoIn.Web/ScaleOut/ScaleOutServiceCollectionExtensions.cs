using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using RoCoIn.Web.Hubs;
using StackExchange.Redis;

namespace RoCoIn.Web.ScaleOut;

public static class ScaleOutServiceCollectionExtensions
{
    /// <summary>
    /// When RoCoIn:Redis:ConnectionString is set, the Redis backplane for /hubs/jobs and /hubs/runs, so a client on
    /// one studio instance hears what another instance sends. Only those two hubs: the agent hub and the Blazor circuits
    /// keep SignalR's in-process lifetime manager (ADR-012), so they never wait for or depend on Redis.
    /// </summary>
    /// <exception cref="Microsoft.Extensions.Options.OptionsValidationException">A value of the section is bad.</exception>
    public static IServiceCollection AddRoCoInRedisBackplane(this IServiceCollection services, IConfiguration configuration)
    {
        var redis = RedisBackplaneOptions.Read(configuration);
        if (redis is null)
            return services;
        services.AddSignalR().AddStackExchangeRedis(redis.ConnectionString,
            o => o.Configuration.ChannelPrefix = RedisChannel.Literal(redis.ChannelPrefix));
        // AddStackExchangeRedis puts every hub on Redis, Blazor's own hub included (dotnet/aspnetcore#58971: circuits
        // stall when Redis is unreachable). Keep the default for all and name the two hubs that need the backplane.
        var everyHub = services.Where(d => d.ServiceType == typeof(HubLifetimeManager<>) && d.ImplementationType == typeof(RedisHubLifetimeManager<>)).ToList();
        foreach (var descriptor in everyHub)
            services.Remove(descriptor);
        services.AddSingleton<HubLifetimeManager<JobsHub>, RedisHubLifetimeManager<JobsHub>>();
        services.AddSingleton<HubLifetimeManager<RunsHub>, RedisHubLifetimeManager<RunsHub>>();
        return services;
    }
}
