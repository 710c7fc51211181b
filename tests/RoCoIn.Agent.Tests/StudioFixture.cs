using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Distillation;

namespace RoCoIn.Agent.Tests;

/// <summary>
/// The studio on a real loopback port (Kestrel in the test process, a fresh data folder with the demo content and
/// model set), so agents — separate processes — can connect to it. One per collection.
/// </summary>
public sealed class StudioFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-agent-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;
    public AgentRegistry Registry => Services.GetRequiredService<AgentRegistry>();
    public string ModelsFolder => Path.Combine(_dataPath, "models");
    public string AgentDll { get; private set; } = "";
    public SavedModelSet DemoModelSet { get; private set; } = default!;
    public SavedPlan DemoPlan { get; private set; } = default!;

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RoCoIn:DataPath", _dataPath);
            builder.UseSetting("RoCoIn:SeedDemoContent", "true");
            builder.UseSetting("RoCoIn:Agents:BenchmarkSeconds", "0.1");
            builder.UseEnvironment("Development");
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');
        AgentDll = Services.GetRequiredService<AgentProgram>().Path();
        var sets = Services.GetRequiredService<ModelSetStore>();
        DemoModelSet = await sets.GetAsync((await sets.ListAsync()).Single(s => s.Name == DemoModelSetLoader.Name).Id)
            ?? throw new InvalidOperationException("The demo model set did not load.");
        var plans = Services.GetRequiredService<PlanStore>();
        DemoPlan = await plans.GetAsync((await plans.ListAsync()).Single(p => p.Name == DemoContent.PaperPlanName).Id)
            ?? throw new InvalidOperationException("The demo plan is missing.");
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
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

    public async Task<DeviceProfile> DeviceAsync(string name) =>
        (await Services.GetRequiredService<DeviceStore>().ListAsync()).Single(d => d.Name == name);

    public async Task<string> IssueTokenAsync(int deviceId)
    {
        var issued = await Services.GetRequiredService<AgentTokenStore>().IssueAsync(deviceId, "test");
        return issued.Value?.Token ?? throw new InvalidOperationException(issued.Message);
    }

    public DistilledStudent Student(int partition) => DemoModelSet.Result.Students.Single(s => s.Partition == partition);

    /// <summary>Assigns the demo student of <paramref name="partition"/> to the device.</summary>
    public Task AssignAsync(int deviceId, int partition, DeviceProfile? profile = null)
    {
        var student = Student(partition);
        return Registry.AssignAsync(deviceId, new AgentAssignment(student.ModelHash, student.Flops, student.Width, student.Partition, profile));
    }

    /// <summary>Starts an agent for <paramref name="device"/> with a fresh token (unless <paramref name="token"/> is given).</summary>
    public async Task<AgentProcess> StartAgentAsync(DeviceProfile device, string? token = null, params string[] extra)
    {
        token ??= await IssueTokenAsync(device.Id);
        return AgentProcess.Start(AgentDll, ["--studio", BaseUrl, "--device", device.Name, "--benchmark-seconds", "0.1", .. extra], token);
    }

    /// <summary>Waits until the device's agent is in <paramref name="state"/>, failing after <paramref name="timeout"/>.</summary>
    public async Task<AgentSnapshot> WaitForStateAsync(int deviceId, AgentState state, TimeSpan timeout, AgentProcess? process = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return (await Registry.WaitForAsync(deviceId, s => s?.State == state, deadline.Token))!;
        }
        catch (OperationCanceledException)
        {
            var now = Registry.Find(deviceId);
            throw new TimeoutException($"Device {deviceId} did not reach {state} within {timeout.TotalSeconds} s; it is {now?.State.ToString() ?? "unknown"} ({now?.Reason}).\n"
                + (process is null ? "" : "Agent log:\n" + process.Log));
        }
    }

    /// <summary>
    /// Forgets the device's agent and assignment, so the next test starts clean: first waits until the hub has seen
    /// the agent go (a killed process's socket closes at once, but the hub learns it a moment later).
    /// </summary>
    public async Task ForgetAsync(int deviceId)
    {
        Registry.Unassign(deviceId);
        using var deadline = new CancellationTokenSource(AgentOptions.ClientTimeout + TimeSpan.FromSeconds(5));
        await Registry.WaitForAsync(deviceId, s => s is null || !s.IsConnected, deadline.Token);
        Registry.Forget(deviceId);
    }

    /// <summary>The demo plan re-grouped and saved: 3 groups (the demo model set's partitions) of 2 of its devices each.</summary>
    public async Task<SavedPlan> SavePlanOfPairsAsync(string name, CancellationToken ct)
    {
        var devices = DemoPlan.Document.Devices.Select(d => d.Id).ToList();
        if (devices.Count < 6)
            throw new InvalidOperationException($"The demo plan has {devices.Count} devices; pairs for 3 groups need 6.");
        var groups = DemoModelSet.Result.Students.OrderBy(s => s.Partition)
            .Select((s, i) => new PlanGroup(s.Partition, [devices[2 * i], devices[2 * i + 1]], s.Width, s.StudentKey)).ToList();
        var document = DemoPlan.Document with
        {
            Result = DemoPlan.Document.Result with { Plan = DemoPlan.Document.Result.Plan! with { Groups = groups } },
        };
        var store = Services.GetRequiredService<PlanStore>();
        var id = await store.SaveAsync(name, DemoPlan.FleetId, DemoPlan.FleetName, document, null, DemoModelSet.Id, ct);
        return (await store.GetAsync(id, ct))!;
    }

    public AgentsOptions AgentOptions => Services.GetRequiredService<IOptions<AgentsOptions>>().Value;
}

[CollectionDefinition(Name)]
public sealed class StudioWithAgents : ICollectionFixture<StudioFixture>
{
    public const string Name = "Studio with agent processes";
}
