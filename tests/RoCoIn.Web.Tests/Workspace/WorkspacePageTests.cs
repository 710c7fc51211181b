using System.Globalization;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Web.Components.Pages.Workspace;
using RoCoIn.Web.Tests.Components;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Tests.Workspace;

/// <summary>The workspace page on real files: a temporary content root whose data folder the test fills.</summary>
public sealed class WorkspacePageTests : ComponentTestBase
{
    private readonly string _contentRoot = Directory.CreateTempSubdirectory("rocoin-workspace-page-").FullName;

    public WorkspacePageTests()
    {
        WorkspaceServices.Add(Services, _contentRoot);
    }

    private string DataPath => Path.Combine(_contentRoot, "data");

    private WorkspaceLocations Locations => Services.GetRequiredService<WorkspaceLocations>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private static string Exact(long bytes) => bytes.ToString("N0", CultureInfo.InvariantCulture) + " B";

    private static long SizeOf(string path) => File.Exists(path) ? new FileInfo(path).Length : 0;

    [Fact]
    public void AWorkspaceWithoutModelFilesShowsItsDatabaseAndSaysThereIsNothingToCleanUp()
    {
        var cut = Render<WorkspacePage>();

        cut.WaitForAssertion(() => cut.Find("#workspace-clean").TextContent.ShouldContain("Nothing to clean up"));
        cut.Find("#workspace-data-path").TextContent.ShouldContain(DataPath);
        cut.FindAll("tr.workspace-part").Count.ShouldBe(5);
        var database = Locations.DatabasePath!;
        var databaseBytes = SizeOf(database) + SizeOf(database + "-wal") + SizeOf(database + "-shm");
        databaseBytes.ShouldBeGreaterThan(0);
        cut.Find("tr.part-database .part-bytes").GetAttribute("title").ShouldBe(Exact(databaseBytes));
        cut.Find("tr.part-models .part-files").TextContent.Trim().ShouldBe("0");
        cut.Find("tr.part-models .part-detail").TextContent.ShouldContain("none yet");
        cut.FindAll("#workspace-reclaimable").ShouldBeEmpty();
        cut.FindAll("#workspace-busy").ShouldBeEmpty();
        cut.Find("#download-backup").GetAttribute("href").ShouldBe("/api/workspace/backup");
    }

    [Fact]
    public void UnreferencedFilesAreShownAndTheCleanUpRemovesThemAfterAsking()
    {
        var model = WorkspaceSnapshot.WriteModelFile(DataPath, new byte[2000]);
        var output = WorkspaceSnapshot.WriteFile(DataPath, "distillation/job-3/result.json", "{}");
        var dialogs = RenderDialogProvider();
        var cut = Render<WorkspacePage>();

        cut.WaitForAssertion(() => cut.Find("#workspace-reclaimable").TextContent.ShouldContain("2 files that nothing refers to"));
        cut.Find("tr.part-models .part-files").TextContent.Trim().ShouldBe("1");
        cut.Find("tr.part-models .part-bytes").GetAttribute("title").ShouldBe(Exact(2000));
        cut.Find("tr.part-models .part-unreferenced").TextContent.ShouldContain("in 1");
        cut.Find("tr.part-distillationOutputs .part-bytes").GetAttribute("title").ShouldBe(Exact(SizeOf(output)));

        cut.Find("#clean-up").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Remove 2 files"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Remove").Click();

        cut.WaitForAssertion(() => cut.Find("#workspace-clean").ShouldNotBeNull());
        File.Exists(Path.Combine(DataPath, "models", $"{model}.onnx")).ShouldBeFalse();
        File.Exists(output).ShouldBeFalse();
        cut.Find("tr.part-models .part-files").TextContent.Trim().ShouldBe("0");
    }

    [Fact]
    public async Task RestoringAsksFirstAndListsWhyAFileIsNotABackup()
    {
        var dialogs = RenderDialogProvider();
        var cut = Render<WorkspacePage>();
        cut.WaitForAssertion(() => cut.Find("#workspace-clean").ShouldNotBeNull());
        var database = WorkspaceSnapshot.Database(Locations.DatabasePath!);

        // Choosing the file waits for the page's handler, and the handler waits for the confirmation: choose on another thread.
        var input = cut.FindComponent<InputFile>();
        var chosen = Task.Run(() => input.UploadFiles(InputFileContent.CreateFromText("a shopping list", "backup.zip")), Ct);
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("This replaces everything here"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Replace everything").Click();
        await chosen.WaitAsync(TimeSpan.FromSeconds(30), Ct);

        cut.WaitForAssertion(() => cut.Find("#restore-errors").TextContent.ShouldContain("not a zip file"));
        cut.Find("#restore-errors").TextContent.ShouldContain("Nothing was restored.");
        WorkspaceSnapshot.Database(Locations.DatabasePath!).ShouldBe(database);
    }
}
