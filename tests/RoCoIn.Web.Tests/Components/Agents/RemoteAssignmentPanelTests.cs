using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Components.Pages.Agents;
using RoCoIn.Web.Tests.Components.Access;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Components.Agents;

/// <summary>
/// "Serve a plan to agents on other machines": assigning the demo plan's students lists every device with its group,
/// student and agent; a refusal shows the assigner's sentence and assigns nothing; viewers get no way to assign.
/// </summary>
public class RemoteAssignmentPanelTests : ComponentTestBase
{
    private const int DemoPlanId = 1;

    public RemoteAssignmentPanelTests()
    {
        Services.AddSingleton<Microsoft.Extensions.Configuration.IConfiguration>(new Microsoft.Extensions.Configuration.ConfigurationBuilder().Build());
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddRoCoInAgents();
        Services.AddSingleton<IServer, NoServer>();   // the agents page's local fleet asks the server for the studio's address
    }

    private AgentRegistry Registry => Services.GetRequiredService<AgentRegistry>();

    /// <summary>The demo plan's devices (this studio's: the plan was made here), with their 1-based groups.</summary>
    private async Task<List<(int DeviceId, string Name, int Group, int Width)>> DemoDevicesAsync()
    {
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(DemoPlanId, Ct)).ShouldNotBeNull();
        var names = plan.Document.Devices.ToDictionary(d => d.Id, d => d.Name);
        return [.. plan.Document.Result.Plan.ShouldNotBeNull().Groups
            .SelectMany(g => g.DeviceIds.Select(id => (id, names[id], g.Partition + 1, g.Width)))];
    }

    private async Task<int> DistilForDemoPlanAsync()
    {
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(DemoPlanId, Ct)).ShouldNotBeNull();
        return await Services.GetRequiredService<ModelSetStore>().SaveAsync("distilled demo", DemoPlanId, null,
            ModelSetBuilder.For(plan.Document.Result.Plan!), Ct);
    }

    [Fact]
    public async Task AssigningGivesEveryDeviceOfThePlanItsGroupsStudentAndListsDeviceGroupStudentAndAgent()
    {
        await DistilForDemoPlanAsync();
        var devices = await DemoDevicesAsync();
        devices.Count.ShouldBeGreaterThan(1);
        // The page hands the panel its registry snapshot: one device's agent is connected and ready.
        var ready = devices[0];
        AgentSnapshot[] agents =
        [
            new(ready.DeviceId, ready.Name, AgentState.Ready, null, "1.0", 4242, "board-1", 1e9, 1e9, null, null,
                DateTimeOffset.UtcNow, DateTimeOffset.UtcNow, null, false, 0, 0, 0, 0),
        ];

        var cut = Render<RemoteAssignmentPanel>(p => p.Add(x => x.PlanId, DemoPlanId).Add(x => x.Agents, agents));

        // Before assigning, the panel previews the plan's devices and assigns nothing.
        cut.WaitForAssertion(() => cut.FindAll("#assign-table .assign-row").Count.ShouldBe(devices.Count));
        cut.FindAll(".assign-assigned").Select(c => c.TextContent).ShouldAllBe(t => t == "not yet");
        devices.ShouldAllBe(d => Registry.AssignmentOf(d.DeviceId) == null);

        cut.Find("#assign-plan").Click();

        cut.WaitForAssertion(() => cut.FindAll(".assign-assigned").Select(c => c.TextContent).ShouldAllBe(t => t == "yes"));
        cut.FindAll("#assign-error").ShouldBeEmpty();
        foreach (var device in devices)
        {
            var row = cut.Find($"#assign-table .assign-row[data-device='{device.Name}']");
            row.QuerySelector(".assign-group")!.TextContent.ShouldBe(device.Group.ToString(System.Globalization.CultureInfo.InvariantCulture));
            row.QuerySelector(".assign-student")!.TextContent.ShouldContain($"d = {device.Width}");
            row.QuerySelector(".assign-agent")!.TextContent.Trim().ShouldBe(device.DeviceId == ready.DeviceId ? "ready" : "never connected");
            var assigned = Registry.AssignmentOf(device.DeviceId).ShouldNotBeNull(device.Name);
            (assigned.Partition + 1, assigned.Width).ShouldBe((device.Group, device.Width), device.Name);
        }
        Services.GetRequiredService<ISnackbar>().ShownSnackbars.Select(s => s.Message)
            .ShouldContain(m => m != null && m.Contains($"to the {devices.Count} devices of", StringComparison.Ordinal) && m.Contains("1 connected agent loads them now", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APlanWithoutAModelSetShowsTheAssignersSentenceAndAssignsNothing()
    {
        var devices = await DemoDevicesAsync();
        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(DemoPlanId, Ct)).ShouldNotBeNull();
        var cut = Render<RemoteAssignmentPanel>(p => p.Add(x => x.PlanId, DemoPlanId));
        cut.WaitForAssertion(() => cut.FindAll("#assign-table .assign-row").Count.ShouldBe(devices.Count));
        cut.FindAll(".assign-student").Select(c => c.TextContent.Trim()).ShouldAllBe(t => t == "no model set");

        cut.Find("#assign-plan").Click();

        cut.WaitForAssertion(() => cut.Find("#assign-error").TextContent.ShouldContain(
            $"Plan '{plan.Name}' has no distilled model set, so there is no student to give its devices; distil one first."));
        devices.ShouldAllBe(d => Registry.AssignmentOf(d.DeviceId) == null);
    }

    [Fact]
    public void AViewerSeesNoWayToAssign()
    {
        SignInAs(TestPrincipals.Viewer);

        var cut = Render<RemoteAssignmentPanel>(p => p.Add(x => x.PlanId, DemoPlanId));

        cut.WaitForAssertion(() => cut.Find("#assign-viewer-note"));
        cut.ShouldHide("#assign-plan", "#assign-plan-select", "#assign-model-set", "#assign-table");
    }

    [Fact]
    public async Task AnAssignPressedByAViewerAnywayAssignsNothing()
    {
        await DistilForDemoPlanAsync();
        var devices = await DemoDevicesAsync();
        var cut = Render<RemoteAssignmentPanel>(p => p.Add(x => x.PlanId, DemoPlanId));
        cut.WaitForAssertion(() => cut.Find("#assign-plan").HasAttribute("disabled").ShouldBeFalse());
        // The editor's panel, still showing the button, now belongs to a viewer (ADR-013).
        SignInAs(TestPrincipals.Viewer);

        cut.Find("#assign-plan").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        devices.ShouldAllBe(d => Registry.AssignmentOf(d.DeviceId) == null);
    }

    [Fact]
    public async Task TheAgentsPageOffersThePanelForItsSelectedPlan()
    {
        await DistilForDemoPlanAsync();
        var devices = await DemoDevicesAsync();
        Render<MudPopoverProvider>();

        var cut = Render<AgentsPage>();

        cut.WaitForAssertion(() => cut.FindAll("#remote-assignment #assign-table .assign-row").Count.ShouldBe(devices.Count));
        cut.Find("#remote-assignment #assign-plan").HasAttribute("disabled").ShouldBeFalse();
    }

    /// <summary>No server listens under bUnit; nothing here starts the local fleet's agents.</summary>
    private sealed class NoServer : IServer
    {
        public IFeatureCollection Features { get; } = new FeatureCollection();

        public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken)
            where TContext : notnull => Task.CompletedTask;

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

        public void Dispose()
        {
        }
    }
}
