using System.Diagnostics;
using Bunit;
using TestContext = Xunit.TestContext;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MudBlazor;
using MudBlazor.Services;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Access;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Components.Pages.Agents;

namespace RoCoIn.Agent.Tests;

/// <summary>The studio's local fleet: one process per device of the demo plan, crash and hang injection, restart, reaping.</summary>
[Collection(StudioWithAgents.Name)]
public sealed class LocalFleetTests(StudioFixture studio)
{
    [Fact]
    public async Task A_local_fleet_runs_the_plan_survives_kill_hang_and_restart_and_reaps_everything()
    {
        var fleet = studio.Services.GetRequiredService<LocalFleet>();
        var groups = studio.DemoPlan.Document.Result.Plan!.Groups;
        var deviceIds = groups.SelectMany(g => g.DeviceIds).ToList();
        var ct = TestContext.Current.CancellationToken;
        var pids = new List<int>();
        try
        {
            var started = await fleet.StartFleetAsync(studio.DemoPlan.Id, studio.DemoModelSet.Id, emulate: false, ct);
            started.Error.ShouldBeNull();
            started.Agents.ShouldBe(deviceIds.Count);
            pids.AddRange(fleet.Agents.Select(a => a.ProcessId!.Value));
            foreach (var id in deviceIds)
                await studio.WaitForStateAsync(id, AgentState.Ready, TimeSpan.FromSeconds(60));

            // Every device runs its group's student, and the agent is the process the fleet started.
            foreach (var group in groups)
            {
                foreach (var id in group.DeviceIds)
                {
                    var snapshot = studio.Registry.Find(id)!;
                    snapshot.ModelHash.ShouldBe(studio.Student(group.Partition).ModelHash);
                    snapshot.ProcessId.ShouldBe(fleet.Find(id)!.ProcessId!.Value);
                }
            }
            studio.Registry.Live(deviceIds).Count.ShouldBe(deviceIds.Count);

            // The Agents page drives the failures: its buttons kill, hang, resume and restart real processes.
            await using var page = new BunitContext();
            page.JSInterop.Mode = JSRuntimeMode.Loose;
            page.Services.AddMudServices();
            foreach (var type in new[] { typeof(AgentRegistry), typeof(LocalFleet), typeof(AgentNotifier), typeof(PlanStore), typeof(ModelSetStore), typeof(TimeProvider), typeof(AgentTokenAdmin), typeof(DeviceStore), typeof(PlanAssigner) })
                page.Services.AddSingleton(type, studio.Services.GetRequiredService(type));
            // The page's controls are for editors (ADR-013): this one is signed in as one.
            page.Services.AddSingleton<AuthenticationStateProvider>(new EditorAuthentication());
            page.Services.AddSingleton(new AccessPolicy(Options.Create(new AccessOptions { Mode = AccessMode.Login })));
            page.Services.AddScoped<StudioAccess>();
            page.Render<MudPopoverProvider>();
            var cut = page.Render<AgentsPage>();
            var names = deviceIds.Select(id => studio.Registry.Find(id)!.DeviceName).ToList();
            cut.WaitForAssertion(() => names.ShouldAllBe(n => RowOf(cut, n).Contains("ready", StringComparison.Ordinal)), TimeSpan.FromSeconds(10));
            cut.Find("#local-fleet-status").TextContent.ShouldContain(studio.DemoPlan.Name);
            Task Press(string action, int deviceId) =>
                cut.Find($"button[aria-label='{action} agent of {studio.Registry.Find(deviceId)!.DeviceName}']").ClickAsync(new MouseEventArgs());

            // Crash: down at once; the others keep serving.
            var crashed = groups[0].DeviceIds[0];
            var crashedName = studio.Registry.Find(crashed)!.DeviceName;
            await Press("Kill", crashed);
            await studio.WaitForStateAsync(crashed, AgentState.Down, TimeSpan.FromSeconds(5));
            fleet.Find(crashed)!.State.ShouldBe(LocalAgentState.Exited);
            fleet.Find(crashed)!.Killed.ShouldBeTrue();
            cut.WaitForAssertion(() => RowOf(cut, crashedName).ShouldContain("down"), TimeSpan.FromSeconds(5));
            var survivor = deviceIds.Last();
            (await studio.Registry.InferAsync(survivor, 1, AgentLifecycleTests.TestImages().Image(0).ToArray(), ct)).ShouldNotBeEmpty();

            // Hang: SIGSTOP is noticed by the client timeout; SIGCONT brings it back.
            var hung = groups[^1].DeviceIds[0];
            await Press("Hang", hung);
            fleet.Find(hung)!.State.ShouldBe(LocalAgentState.Hung);
            await studio.WaitForStateAsync(hung, AgentState.Down, studio.AgentOptions.ClientTimeout + TimeSpan.FromSeconds(3));
            cut.WaitForAssertion(() => cut.Find($"button[aria-label='Resume agent of {fleet.Find(hung)!.DeviceName}']"), TimeSpan.FromSeconds(5));
            await Press("Resume", hung);
            await studio.WaitForStateAsync(hung, AgentState.Ready, TimeSpan.FromSeconds(20));

            // Restart the crashed one: a new process, serving again.
            var watch = Stopwatch.StartNew();
            await Press("Restart", crashed);
            await studio.WaitForStateAsync(crashed, AgentState.Ready, TimeSpan.FromSeconds(30));
            fleet.Find(crashed)!.Starts.ShouldBe(2);
            pids.Add(fleet.Find(crashed)!.ProcessId!.Value);
            (await studio.Registry.InferAsync(crashed, 2, AgentLifecycleTests.TestImages().Image(1).ToArray(), ct)).Length
                .ShouldBe(studio.Student(groups[0].Partition).Width);
            TestContext.Current.SendDiagnosticMessage($"Restart to serving: {watch.Elapsed.TotalSeconds:0.00} s");
            cut.WaitForAssertion(() => RowOf(cut, crashedName).ShouldContain("ready"), TimeSpan.FromSeconds(5));

            // The Agents page lists them.
            using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl) };
            var html = await http.GetStringAsync("/agents", ct);
            html.ShouldContain("agents-table");
            html.ShouldContain(studio.Registry.Find(survivor)!.DeviceName);
        }
        finally
        {
            await fleet.StopFleetAsync(CancellationToken.None);
        }

        fleet.Current.ShouldBeNull();
        fleet.Agents.ShouldBeEmpty();
        foreach (var pid in pids)
            IsRunning(pid).ShouldBeFalse($"process {pid} outlived the fleet");
        var tokens = await studio.Services.GetRequiredService<AgentTokenStore>().ListAsync(deviceIds[0], CancellationToken.None);
        tokens.Where(t => t.Label == LocalFleet.TokenLabel).ShouldAllBe(t => t.RevokedUtc != null);
        foreach (var id in deviceIds)
            studio.Registry.Find(id).ShouldBeNull();
    }

    [Fact]
    public async Task An_emulating_agent_takes_the_time_its_profile_predicts()
    {
        var device = await studio.DeviceAsync("mcu-01");
        // Slow enough that emulation, not the host, sets the time: c/f ≈ 0.18 s for student 0.
        var profile = device with { ComputeFlopsPerSecond = 5e6, DownlinkBitsPerSecond = 0.5e6, UplinkBitsPerSecond = 0.5e6, LinkLatencySeconds = 0.02 };
        await studio.AssignAsync(device.Id, partition: 0, profile);
        await using var agent = await studio.StartAgentAsync(device, null, "--emulate");
        try
        {
            await studio.WaitForStateAsync(device.Id, AgentState.Ready, TimeSpan.FromSeconds(40), agent);
            studio.Registry.Find(device.Id)!.Emulating.ShouldBeTrue();
            var student = studio.Student(0);
            var predicted = 2 * 0.02 + 784 * 8 / 0.5e6 + student.Flops / 5e6 + 32.0 * student.Width / 0.5e6;
            var pixels = AgentLifecycleTests.TestImages().Image(4).ToArray();

            var watch = Stopwatch.StartNew();
            await studio.Registry.InferAsync(device.Id, 1, pixels, TestContext.Current.CancellationToken);
            var measured = watch.Elapsed.TotalSeconds;
            measured.ShouldBeGreaterThanOrEqualTo(predicted * 0.98);
            measured.ShouldBeLessThan(predicted + 0.5);

            await studio.Registry.OrderAsync(device.Id, AgentOrder.Slow(2), TestContext.Current.CancellationToken);
            await agent.WaitForLogAsync("Order from the studio: slow ×2", TimeSpan.FromSeconds(10));
            watch.Restart();
            await studio.Registry.InferAsync(device.Id, 2, pixels, TestContext.Current.CancellationToken);
            watch.Elapsed.TotalSeconds.ShouldBeGreaterThanOrEqualTo((predicted + student.Flops / 5e6) * 0.98);
        }
        finally
        {
            await agent.DisposeAsync();
            await studio.ForgetAsync(device.Id);
        }
    }

    private static string RowOf(IRenderedComponent<AgentsPage> cut, string deviceName) =>
        cut.FindAll("#agents-table tbody tr").Single(r => r.QuerySelector(".agent-device")!.TextContent.Trim() == deviceName).TextContent;

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }

    /// <summary>An editor signed in with the cookie, as the Agents page sees one.</summary>
    private sealed class EditorAuthentication : AuthenticationStateProvider
    {
        private static readonly ClaimsPrincipal Editor = new(new ClaimsIdentity(
            [new Claim(ClaimTypes.Name, "ada"), new Claim(ClaimTypes.Role, UserRoles.Editor)], "Cookies"));

        public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(Editor));
    }
}
