using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Components.Pages.Distillation;
using RoCoIn.Web.Tests.Components;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Workspace;

/// <summary>The delete button of the model-set page, with the workspace services on a temporary data folder.</summary>
public sealed class ModelSetPageDeleteTests : ComponentTestBase
{
    private static readonly string Hash = new('a', 64);   // every file of ModelSetBuilder's results

    private readonly string _contentRoot = Directory.CreateTempSubdirectory("rocoin-model-set-delete-").FullName;

    public ModelSetPageDeleteTests() => WorkspaceServices.Add(Services, _contentRoot);

    private string ModelFile => Path.Combine(_contentRoot, "data", "models", $"{Hash}.onnx");

    private ModelSetStore Store => Services.GetRequiredService<ModelSetStore>();

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        Directory.Delete(_contentRoot, recursive: true);
    }

    private async Task<int> SaveWithFileAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ModelFile)!);
        await File.WriteAllBytesAsync(ModelFile, [1, 2, 3], Ct);
        return await Store.SaveAsync("Tiny set", null, null, ModelSetBuilder.Result([(40, "s-mcu"), (24, "s-mcu")]), Ct);
    }

    private static void DeleteAndConfirm(IRenderedComponent<ModelSetPage> cut, IRenderedComponent<MudDialogProvider> dialogs)
    {
        cut.WaitForAssertion(() => cut.Find("#model-set-title").TextContent.ShouldContain("Tiny set"));
        cut.Find("#delete-model-set").Click();
        dialogs.WaitForAssertion(() => dialogs.Markup.ShouldContain("Delete Tiny set with its ONNX files"));
        dialogs.FindAll("button").Single(b => b.TextContent.Trim() == "Delete").Click();
    }

    [Fact]
    public async Task DeletingAfterConfirmingRemovesTheSetAndItsFileAndGoesBackToDistillation()
    {
        var id = await SaveWithFileAsync();
        var dialogs = RenderDialogProvider();
        var cut = Render<ModelSetPage>(p => p.Add(x => x.Id, id));

        DeleteAndConfirm(cut, dialogs);

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldEndWith("/distillation"));
        (await Store.GetAsync(id, Ct)).ShouldBeNull();
        File.Exists(ModelFile).ShouldBeFalse();
    }

    [Fact]
    public async Task ASetAPlanIsBasedOnIsKeptAndThePageSaysWhy()
    {
        var id = await SaveWithFileAsync();
        var plans = Services.GetRequiredService<PlanStore>();
        var demo = (await plans.GetAsync((await plans.ListAsync(cancellationToken: Ct))[0].Id, Ct))!;
        await plans.SaveAsync("Re-planned", demo.FleetId, demo.FleetName, demo.Document, null, id, Ct);
        var snackbars = Render<MudSnackbarProvider>();
        var dialogs = RenderDialogProvider();
        var cut = Render<ModelSetPage>(p => p.Add(x => x.Id, id));

        DeleteAndConfirm(cut, dialogs);

        snackbars.WaitForAssertion(() => snackbars.Markup.ShouldContain("delete that plan first"));
        (await Store.GetAsync(id, Ct)).ShouldNotBeNull();
        File.Exists(ModelFile).ShouldBeTrue();
    }
}
