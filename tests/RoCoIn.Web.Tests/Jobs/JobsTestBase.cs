using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;
using RoCoIn.Web.Tests.Api;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Jobs;

/// <summary>
/// A studio whose only job handlers are the test's: <see cref="ScriptedJobHandler"/> (Simulation) and
/// <see cref="ThrowingJobHandler"/> (Distillation). Other kinds have no handler.
/// </summary>
public abstract class JobsTestBase : ApiTestBase
{
    private static readonly TimeSpan WaitLimit = TimeSpan.FromSeconds(20);

    protected JobsTestBase()
        : this(new JobScript())
    {
    }

    private JobsTestBase(JobScript script)
        : base(CreateFactory(script)) => Script = script;

    protected JobScript Script { get; }

    protected JobService Jobs => Factory.Services.GetRequiredService<JobService>();

    public static StudioFactory CreateFactory(JobScript script, string? dataPath = null) =>
        new(configureServices: services => UseTestHandlers(services, script), dataPath: dataPath);

    public static void UseTestHandlers(IServiceCollection services, JobScript script)
    {
        services.RemoveAll<IJobHandler>();
        services.AddSingleton(script);
        services.AddScoped<IJobHandler, ScriptedJobHandler>();
        services.AddScoped<IJobHandler, ThrowingJobHandler>();
    }

    protected Task<int> EnqueueScriptAsync(string script) =>
        Jobs.EnqueueAsync(JobKind.Simulation, $"Scripted {script}", new ScriptParameters(script), Ct);

    protected Task<JsonElement> GetJobAsync(int id) => Client.GetFromJsonAsync<JsonElement>($"/api/jobs/{id}", Ct);

    /// <summary>Polls GET /api/jobs/{id} until the job is in <paramref name="status"/> (bounded).</summary>
    protected Task<JsonElement> WaitForStatusAsync(int id, string status) =>
        WaitForJobAsync(id, job => job.GetProperty("status").GetString() == status, $"status {status}");

    protected async Task<JsonElement> WaitForJobAsync(int id, Func<JsonElement, bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + WaitLimit;
        while (true)
        {
            var job = await GetJobAsync(id);
            if (condition(job))
                return job;
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"Job {id} did not reach {what} within {WaitLimit.TotalSeconds} s: {job}");
            await Task.Delay(20, Ct);   // poll interval, not a wait for an outcome
        }
    }
}
