using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Logging.Abstractions;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Bundles;
using RoCoIn.Web.Components.Pages.Plans;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;
using RoCoIn.Web.Tests.Components;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>The export button on a plan's page and the import upload on the plans list, on the demo content.</summary>
public sealed class BundlePagesTests : ComponentTestBase
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-bundle-pages", Guid.NewGuid().ToString("N"));

    public BundlePagesTests()
    {
        Services.Configure<StudioOptions>(o => o.DataPath = _dataPath);
        Services.AddSingleton<IConfiguration>(new ConfigurationBuilder().Build());
        Services.AddSingleton<IWebHostEnvironment>(new DataFolderEnvironment(_dataPath));
        Services.AddSingleton<RoCoIn.Web.Workspace.WorkspaceGate>();
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        if (Directory.Exists(_dataPath))
            Directory.Delete(_dataPath, recursive: true);
    }

    [Fact]
    public async Task APlanWithAModelSetOffersItsBundleAndOneWithoutDoesNot()
    {
        var cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));
        cut.WaitForAssertion(() => cut.Find("#export-plan"));
        cut.FindAll("#export-bundle").ShouldBeEmpty();

        var plan = (await Services.GetRequiredService<PlanStore>().GetAsync(1, Ct))!;
        await Services.GetRequiredService<ModelSetStore>().SaveAsync("distilled demo", planId: 1, jobId: null,
            ModelSetBuilder.For(plan.Document.Result.Plan!), Ct);
        cut = Render<PlanPage>(p => p.Add(x => x.Id, 1));

        cut.WaitForAssertion(() => cut.Find("#export-bundle").GetAttribute("href").ShouldBe("/api/plans/1/bundle"));
        cut.Find("#export-bundle").GetAttribute("download").ShouldBe("plan-1-bundle.zip");
    }

    [Fact]
    public void ABadBundleShowsWhyNothingWasImported()
    {
        var cut = Render<PlansPage>();
        cut.WaitForAssertion(() => cut.Find("#plans-table"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText("not a zip at all", "bundle.zip"));

        cut.WaitForAssertion(() => cut.Find("#import-bundle-error").TextContent.ShouldContain("Nothing was imported."));
        cut.Find("#import-bundle-error").TextContent.ShouldContain("The file is not a zip archive");
        cut.FindAll("#import-bundle-done").ShouldBeEmpty();
        cut.FindAll("#plans-table a.plan-link").Count.ShouldBe(1);
    }

    [Fact]
    public async Task AGoodBundleIsImportedAndLinksToTheNewPlan()
    {
        var loader = new DemoModelSetLoader(Services.GetRequiredService<ModelSetStore>(), Services.GetRequiredService<PlanStore>(),
            NullLogger<DemoModelSetLoader>.Instance);
        (await loader.LoadAsync(AppContext.BaseDirectory, _dataPath, Ct)).ShouldNotBeNull();
        var writer = ActivatorUtilities.CreateInstance<BundleWriter>(Services);
        using var zip = new MemoryStream();
        await writer.WriteAsync((await writer.FindAsync(1, Ct)).Value!, zip, Ct);
        var cut = Render<PlansPage>();
        cut.WaitForAssertion(() => cut.Find("#plans-table"));

        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromBinary(zip.ToArray(), "plan-1-bundle.zip"));

        cut.WaitForAssertion(() => cut.Find("#imported-plan").GetAttribute("href").ShouldBe("/plans/2"));
        cut.Find("#imported-plan").TextContent.ShouldEndWith(" (imported)");
        cut.Find("#import-bundle-done").TextContent.ShouldContain("0 model files added, 4 already here");
        cut.FindAll("#import-bundle-error").ShouldBeEmpty();
        cut.FindAll("#plans-table a.plan-link").Count.ShouldBe(2);
    }

    private sealed class DataFolderEnvironment(string root) : IWebHostEnvironment
    {
        public string WebRootPath { get; set; } = root;
        public IFileProvider WebRootFileProvider { get; set; } = new NullFileProvider();
        public string ApplicationName { get; set; } = "RoCoIn.Web";
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
        public string ContentRootPath { get; set; } = root;
        public string EnvironmentName { get; set; } = "Development";
    }
}
