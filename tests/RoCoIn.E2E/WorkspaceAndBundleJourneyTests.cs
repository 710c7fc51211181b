namespace RoCoIn.E2E;

[Collection(StudioInBrowser.Name)]
public class WorkspaceAndBundleJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;

    [Fact]
    public async Task ABundleExportedFromAPlanIsImportedFromThePlansPageAndTheWorkspaceShowsItsDiskUse()
    {
        // Export: the plan page's link serves the zip.
        var plan = await studio.OpenAsync("/plans/1");
        var export = plan.Locator("#export-bundle");
        await export.WaitForAsync(new() { Timeout = Timeout });
        var href = await export.GetAttributeAsync("href");
        var response = await plan.APIRequest.GetAsync(studio.BaseUrl + href);
        response.Status.ShouldBe(200);
        var zip = await response.BodyAsync();
        zip.Length.ShouldBeGreaterThan(1000);
        await plan.CloseAsync();

        // Import it from the plans list: a link to the new plan appears.
        var bundle = Path.Combine(Path.GetTempPath(), $"rocoin-e2e-bundle-{Guid.NewGuid():N}.zip");
        await File.WriteAllBytesAsync(bundle, zip, TestContext.Current.CancellationToken);
        try
        {
            var plans = await studio.OpenAsync("/plans");
            await plans.Locator("#import-bundle").WaitForAsync(new() { Timeout = Timeout });
            await StudioBrowserFixture.WaitForCircuitAsync(plans);
            await plans.SetInputFilesAsync("#import-bundle-file", bundle);
            await plans.Locator("#import-bundle-done").WaitForAsync(new() { Timeout = Timeout });
            (await plans.InnerTextAsync("#import-bundle-done")).ShouldContain("(imported)");
            await studio.ScreenshotAsync(plans, "plans-bundle-imported");
            (await plans.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
            await plans.CloseAsync();
        }
        finally
        {
            File.Delete(bundle);
        }

        // The workspace page measures the data folder, parts and all.
        var workspace = await studio.OpenAsync("/workspace");
        await workspace.Locator("#workspace-parts").WaitForAsync(new() { Timeout = Timeout });
        (await workspace.InnerTextAsync("#workspace-parts")).ShouldContain("Model files");
        await studio.ScreenshotAsync(workspace, "workspace");
        (await workspace.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await workspace.CloseAsync();
    }
}
