using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs;

public static class RunsServiceCollectionExtensions
{
    /// <summary>
    /// The run host (live simulated runs, outside the job queue), its clock, options ("RoCoIn:Runs"), live-update
    /// notifier and the forwarder of its updates to /hubs/runs, and the service that checks run requests.
    /// </summary>
    public static IServiceCollection AddRoCoInRuns(this IServiceCollection services)
    {
        services.AddOptions<RunHostOptions>().BindConfiguration(RunHostOptions.Section)
            .Validate(o => o.TickInterval > TimeSpan.Zero && o.FastSlice > TimeSpan.Zero && o.UpdateInterval > TimeSpan.Zero
                && o.PersistInterval > TimeSpan.Zero, "RoCoIn:Runs intervals must be positive.")
            .Validate(o => o.MaxLiveRuns is >= 1 and <= 64, "RoCoIn:Runs:MaxLiveRuns must be between 1 and 64.")
            .Validate(o => o.TraceCapacity is >= 0 and <= 10_000, "RoCoIn:Runs:TraceCapacity must be between 0 and 10000.")
            .ValidateOnStart();
        services.AddKeyedSingleton(RunHost.ClockKey, TimeProvider.System);
        services.AddSingleton<RunUpdateNotifier>();
        services.AddSingleton<SimulationTwin>();
        services.AddSingleton<RunHost>();
        services.AddHostedService(sp => sp.GetRequiredService<RunHost>());
        services.AddSingleton<RunHubForwarder>();
        services.AddHostedService(sp => sp.GetRequiredService<RunHubForwarder>());
        services.AddScoped<RunInputAssembler>();
        services.AddScoped<IJobHandler, OrphanedRunJobHandler>();
        return services;
    }
}
