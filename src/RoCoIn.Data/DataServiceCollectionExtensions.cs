using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;

namespace RoCoIn.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>
    /// Registers the context factory (SQLite unless <paramref name="provider"/> is <see cref="DatabaseProviders.Postgres"/>),
    /// the stores and the initializer.
    /// </summary>
    public static IServiceCollection AddRoCoInData(this IServiceCollection services, string connectionString, string provider = DatabaseProviders.Sqlite)
    {
        if (!DatabaseProviders.All.Contains(provider))
            throw new ArgumentException($"Unknown database provider '{provider}': use one of {string.Join(", ", DatabaseProviders.All)}.", nameof(provider));
        if (provider == DatabaseProviders.Postgres)
            services.AddDbContextFactory<RoCoInDbContext>(options => PostgresDatabase.Configure(options, connectionString));
        else
            services.AddDbContextFactory<RoCoInDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<FleetStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<ModelSetStore>();
        services.AddSingleton<ScenarioStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<UserStore>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
