using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Coordination;
using RoCoIn.Web.Distillation;

namespace RoCoIn.RealRunBench;

/// <summary>
/// The studio in this process on a loopback Kestrel port, with a fresh temp data folder seeded with the demo content
/// and model set — the agent tests' StudioFixture, in Production and with warnings only on the console. Disposing
/// stops the local fleet (every agent process killed and reaped), stops the host and deletes the folder.
/// </summary>
public sealed class BenchStudio : IAsyncDisposable
{
    /// <summary>How long a fleet may take until every agent is ready (RealRunService waits as long).</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-realrun-bench", Guid.NewGuid().ToString("N"));
    private readonly WebApplicationFactory<Program> _factory;
    private readonly HashSet<int> _agentPids = [];
    private bool _started;

    private BenchStudio(string? agentProgram)
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RoCoIn:DataPath", _dataPath);
            builder.UseSetting("RoCoIn:SeedDemoContent", "true");
            if (agentProgram is not null)
                builder.UseSetting("RoCoIn:Agents:ProgramPath", agentProgram);
            builder.UseSetting("Logging:LogLevel:Default", "Warning");
            builder.UseSetting("Logging:LogLevel:Microsoft.Hosting.Lifetime", "Warning");
            // Markdown goes to standard output; the studio's own log lines to standard error.
            builder.UseSetting("Logging:Console:LogToStandardErrorThreshold", "Trace");
            builder.UseEnvironment("Production");
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
    }

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory.Services;
    public LocalFleet Fleet => Services.GetRequiredService<LocalFleet>();
    public AgentRegistry Registry => Services.GetRequiredService<AgentRegistry>();
    public RealRunService RealRuns => Services.GetRequiredService<RealRunService>();
    public AgentsOptions AgentOptions => Services.GetRequiredService<IOptions<AgentsOptions>>().Value;
    public string AgentProgramPath { get; private set; } = "";
    public SavedPlan DemoPlan { get; private set; } = default!;
    public SavedModelSet DemoModelSet { get; private set; } = default!;

    /// <summary>Every agent process id seen (see <see cref="NoteAgentProcesses"/>), to check none outlives the run.</summary>
    public IReadOnlyCollection<int> AgentPids
    {
        get
        {
            lock (_agentPids)
                return [.. _agentPids];
        }
    }

    /// <summary>Starts the studio; <paramref name="agentProgram"/> is RoCoIn.Agent.dll, or null to let the studio find it.</summary>
    public static async Task<BenchStudio> StartAsync(string? agentProgram, CancellationToken cancellationToken)
    {
        var studio = new BenchStudio(agentProgram);
        try
        {
            studio._factory.StartServer();
            studio._started = true;
            studio.BaseUrl = studio._factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
            studio.AgentProgramPath = studio.Services.GetRequiredService<AgentProgram>().Path();
            var sets = studio.Services.GetRequiredService<ModelSetStore>();
            var demoSet = (await sets.ListAsync(cancellationToken)).Single(s => s.Name == DemoModelSetLoader.Name);
            studio.DemoModelSet = await sets.GetAsync(demoSet.Id, cancellationToken)
                ?? throw new InvalidOperationException("The demo model set did not load.");
            var plans = studio.Services.GetRequiredService<PlanStore>();
            var demoPlan = (await plans.ListAsync(cancellationToken: cancellationToken)).Single(p => p.Name == DemoContent.PaperPlanName);
            studio.DemoPlan = await plans.GetAsync(demoPlan.Id, cancellationToken)
                ?? throw new InvalidOperationException("The demo plan is missing.");
            return studio;
        }
        catch
        {
            await studio.DisposeAsync();
            throw;
        }
    }

    /// <summary>Remembers the current agent process ids.</summary>
    public void NoteAgentProcesses()
    {
        lock (_agentPids)
        {
            foreach (var agent in Fleet.Agents)
            {
                if (agent.ProcessId is { } pid)
                    _agentPids.Add(pid);
            }
        }
    }

    /// <summary>Waits until every device's agent is ready; throws with their states after <paramref name="timeout"/>.</summary>
    public async Task WaitAllReadyAsync(IEnumerable<int> deviceIds, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var ids = deviceIds.ToList();
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            foreach (var id in ids)
                await Registry.WaitForAsync(id, s => s?.State == AgentState.Ready, deadline.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var states = ids.Select(id => $"{id}: {Registry.Find(id)?.State.ToString() ?? "unknown"}");
            throw new TimeoutException($"Not every agent was ready within {timeout.TotalSeconds} s ({string.Join(", ", states)}).");
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_started)
        {
            NoteAgentProcesses();
            await Fleet.StopFleetAsync(CancellationToken.None);
        }
        await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temp folder
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }
}
