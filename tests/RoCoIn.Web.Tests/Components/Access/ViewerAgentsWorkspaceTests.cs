using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Components.Pages.Agents;
using RoCoIn.Web.Components.Pages.Workspace;
using RoCoIn.Web.Tests.Workspace;

namespace RoCoIn.Web.Tests.Components.Access;

/// <summary>
/// The agents page, its token panel and the workspace page as a viewer (ADR-013): states and sizes to read, no fleet to
/// start or stop, no agent to kill, no token to issue or revoke, no clean-up or restore; a handler reached anyway (a
/// page rendered before the user became a viewer) changes nothing and says why.
/// </summary>
public sealed class ViewerAgentsWorkspaceTests : ComponentTestBase
{
    private static readonly string[] FleetEditing = ["#start-fleet", "#fleet-plan", "#fleet-model-set", "#fleet-emulate", "#issue-token", "#token-device"];

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("rocoin-viewer-workspace-").FullName;

    public ViewerAgentsWorkspaceTests()
    {
        WorkspaceServices.Add(Services, _contentRoot);
        Services.AddLogging();
        Services.AddSingleton(TimeProvider.System);
        Services.AddRoCoInAgents();
        Services.AddSingleton<IServer, NoServer>();   // the local fleet asks the server for the studio's address
    }

    private string DataPath => Path.Combine(_contentRoot, "data");

    private AgentTokenStore Tokens => Services.GetRequiredService<AgentTokenStore>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private IRenderedComponent<TPage> RenderThenBecomeViewer<TPage>(Action<IRenderedComponent<TPage>> loaded)
        where TPage : IComponent
    {
        SignInAs(TestPrincipals.Editor);
        var cut = Render<TPage>();
        cut.WaitForAssertion(() => loaded(cut));
        SignInAs(TestPrincipals.Viewer);
        return cut;
    }

    [Fact]
    public void TheAgentsPageShowsAViewerTheFleetAndTokensButNoWayToStartOrIssue()
    {
        Render<MudPopoverProvider>();
        var editor = Render<AgentsPage>();
        editor.WaitForAssertion(() => editor.Find("#start-fleet"));
        editor.ShouldShow(FleetEditing);
        editor.ShouldHide("#local-fleet-stopped");

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<AgentsPage>();

        viewer.WaitForAssertion(() => viewer.Find("#local-fleet-stopped"));
        viewer.ShouldHide(FleetEditing);
        viewer.ShouldShow("#local-fleet", "#agents-empty", "#agent-tokens");
    }

    [Fact]
    public void ALocalFleetStartedByAViewerStartsNoProcess()
    {
        Render<MudPopoverProvider>();
        var cut = RenderThenBecomeViewer<AgentsPage>(c => c.Find("#start-fleet").HasAttribute("disabled").ShouldBeFalse());

        cut.Find("#start-fleet").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        var fleet = Services.GetRequiredService<LocalFleet>();
        fleet.Current.ShouldBeNull();
        fleet.Agents.ShouldBeEmpty();
    }

    [Fact]
    public async Task ATokenIssuedByAViewerIsNotIssued()
    {
        var cut = RenderThenBecomeViewer<AgentTokensPanel>(c => c.Find("#issue-token"));

        cut.Find("#issue-token").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        cut.ShouldHide("#token-issued");
        (await Tokens.ListAsync(cancellationToken: Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task AViewerSeesTheTokensWithoutRevokeAndARevokePressedAnywayKeepsTheTokenActive()
    {
        var editor = Render<AgentTokensPanel>();
        editor.WaitForAssertion(() => editor.Find("#issue-token"));
        editor.Find("#issue-token").Click();
        editor.WaitForAssertion(() => editor.Find(".revoke-token"));

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<AgentTokensPanel>();
        viewer.WaitForAssertion(() => viewer.FindAll("#tokens-table .token-row").Count.ShouldBe(1));
        viewer.ShouldHide(".revoke-token", "#issue-token");
        viewer.Find(".token-state").TextContent.ShouldBe("active");

        // The editor's panel, still showing Revoke, now belongs to a viewer.
        editor.Find(".revoke-token").Click();

        editor.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        (await Tokens.ListAsync(cancellationToken: Ct)).Single().RevokedUtc.ShouldBeNull();
    }

    [Fact]
    public void TheWorkspacePageShowsAViewerItsSizesAndBackupButNoCleanUpOrRestore()
    {
        WorkspaceSnapshot.WriteModelFile(DataPath, new byte[2000]);
        string[] editing = ["#clean-up", "#restore-backup", "#restore-file"];
        var editor = Render<WorkspacePage>();
        editor.WaitForAssertion(() => editor.Find("#workspace-reclaimable"));
        editor.ShouldShow(editing);

        SignInAs(TestPrincipals.Viewer);
        var viewer = Render<WorkspacePage>();

        viewer.WaitForAssertion(() => viewer.Find("#workspace-reclaimable"));
        viewer.ShouldHide(editing);
        viewer.ShouldShow("#download-backup", "#workspace-parts");
    }

    [Fact]
    public void ACleanUpPressedByAViewerRemovesNothing()
    {
        var model = Path.Combine(DataPath, "models", WorkspaceSnapshot.WriteModelFile(DataPath, new byte[2000]) + ".onnx");
        File.Exists(model).ShouldBeTrue();
        var dialogs = RenderDialogProvider();
        var cut = RenderThenBecomeViewer<WorkspacePage>(c => c.Find("#clean-up"));

        cut.Find("#clean-up").Click();

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        File.Exists(model).ShouldBeTrue();
    }

    [Fact]
    public void ABackupChosenForRestoreByAViewerIsNotEvenOffered()
    {
        var dialogs = RenderDialogProvider();
        var cut = RenderThenBecomeViewer<WorkspacePage>(c => c.Find("#restore-backup"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a backup", "backup.zip"));

        cut.WaitForAssertion(() => Services.ShouldHaveToldTheViewer());
        dialogs.FindAll(".mud-dialog").ShouldBeEmpty();
        cut.ShouldHide("#restore-errors", "#workspace-working");
    }

    /// <summary>No server listens under bUnit; nothing here starts the local fleet's agents anyway.</summary>
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
