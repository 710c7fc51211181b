using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Planning;

public static class PlanningServiceCollectionExtensions
{
    /// <summary>The planning service, used by the new-plan page and POST /api/plans, and the job handler that plans.</summary>
    public static IServiceCollection AddRoCoInPlanning(this IServiceCollection services)
    {
        services.AddScoped<PlanningService>();
        services.AddScoped<IJobHandler, PlanningJobHandler>();
        return services;
    }
}
