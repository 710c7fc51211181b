using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Distillation;

public static class DistillationServiceCollectionExtensions
{
    /// <summary>The distillation child-process runner, its live progress, the request service, and the job handler.</summary>
    public static IServiceCollection AddRoCoInDistillation(this IServiceCollection services)
    {
        services.AddOptions<DistillationOptions>().BindConfiguration(DistillationOptions.Section)
            .Validate(o => o.Threads is >= 1 and <= 64, "RoCoIn:Distillation:Threads must be between 1 and 64.");
        services.AddSingleton<DistillationProcess>();
        services.AddSingleton<DistillationLiveState>();
        services.AddSingleton<DemoModelSetLoader>();
        services.AddScoped<DistillationService>();
        services.AddScoped<IJobHandler, DistillationJobHandler>();
        return services;
    }
}
