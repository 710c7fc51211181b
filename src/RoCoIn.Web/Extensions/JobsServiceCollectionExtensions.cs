using RoCoIn.Web.Jobs;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Extensions;

public static class JobsServiceCollectionExtensions
{
    /// <summary>
    /// Registers the background-job infrastructure: queue, runner, publisher, notifier, the jobs hub's SignalR
    /// services and <see cref="JobRunnerOptions"/> ("RoCoIn:Jobs"). Handlers are registered by the features that own
    /// them: <c>services.AddScoped&lt;IJobHandler, MyHandler&gt;()</c>.
    /// </summary>
    public static IServiceCollection AddRoCoInJobs(this IServiceCollection services)
    {
        services.AddOptions<JobRunnerOptions>().BindConfiguration(JobRunnerOptions.Section)
            .Validate(o => o.MaxParallelJobs is >= 1 and <= 64, "RoCoIn:Jobs:MaxParallelJobs must be between 1 and 64.")
            .Validate(o => o.ProgressInterval > TimeSpan.Zero && o.ProgressPersistInterval > TimeSpan.Zero,
                "RoCoIn:Jobs:ProgressInterval and ProgressPersistInterval must be positive.")
            .ValidateOnStart();
        services.AddSignalR();
        services.AddSingleton<JobQueue>();
        services.AddSingleton<JobProgressNotifier>();
        services.AddSingleton<JobProgressPublisher>();
        services.AddSingleton<JobService>();
        services.AddHostedService<JobRunnerService>();
        return services;
    }
}
