using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;

namespace RoCoIn.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the SQLite context factory, the stores and the initializer.</summary>
    public static IServiceCollection AddRoCoInData(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<RoCoInDbContext>(options => options.UseSqlite(connectionString));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<DeviceStore>();
        services.AddSingleton<FleetStore>();
        services.AddSingleton<JobStore>();
        services.AddSingleton<PlanStore>();
        services.AddSingleton<ModelSetStore>();
        services.AddSingleton<ScenarioStore>();
        services.AddSingleton<RunStore>();
        services.AddSingleton<DatabaseInitializer>();
        return services;
    }
}
