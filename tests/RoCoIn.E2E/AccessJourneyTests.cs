using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace RoCoIn.E2E;

/// <summary>
/// ADR-013 in a browser: a studio listening on every interface (so sign-in is on by itself), its admin from
/// configuration adds a viewer on the Accounts page, and the viewer sees the studio without any editing control.
/// </summary>
[Collection(StudioInBrowser.Name)]
public class AccessJourneyTests(StudioBrowserFixture studio)
{
    private const float Timeout = 60_000;
    private const string AdminPassword = "e2e admin passphrase";
    private const string ViewerPassword = "e2e viewer passphrase";

    [Fact]
    public async Task AStudioBeyondLoopbackAsksForSignInAndAViewerSeesNoEditingControls()
    {
        await using var server = await OpenStudio.StartAsync();
        await using var browser = await studio.LaunchOtherBrowserAsync();
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1400, Height = 900 } });
        var page = await context.NewPageAsync();

        // Any page sends a stranger to the sign-in form, which comes back to the page after signing in.
        await page.GotoAsync(server.BaseUrl + "/users");
        await page.Locator("#login-submit").WaitForAsync(new() { Timeout = Timeout });
        page.Url.ShouldContain("/login?returnUrl=%2Fusers");
        await page.FillAsync("#login-name", "admin");
        await page.FillAsync("#login-password", "wrong password");
        await page.ClickAsync("#login-submit");
        (await page.Locator("#login-error").InnerTextAsync(new() { Timeout = Timeout })).ShouldContain("The name or the password is wrong.");
        await studio.ScreenshotAsync(page, "login-wrong-password");
        await page.FillAsync("#login-name", "admin");
        await page.FillAsync("#login-password", AdminPassword);
        await page.ClickAsync("#login-submit");

        // The admin adds a viewer on the Accounts page.
        await page.Locator("#add-user").WaitForAsync(new() { Timeout = Timeout });
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        (await page.InnerTextAsync("#signed-in-as")).ShouldContain("admin · editor");
        await page.FillAsync("#user-name", "vic");
        await page.FillAsync("#user-password", "short");
        await page.ClickAsync("#add-user-button");
        await page.Locator("#add-user").GetByText("at least 8 are required", new() { Exact = false }).WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator(".user-row[data-user='vic']").CountAsync()).ShouldBe(0);
        await page.FillAsync("#user-password", ViewerPassword);
        await page.ClickAsync("#add-user-button");
        await page.Locator(".user-row[data-user='vic']").WaitForAsync(new() { Timeout = Timeout });
        (await page.InnerTextAsync(".user-row[data-user='vic']")).ShouldContain("viewer");
        await studio.ScreenshotAsync(page, "accounts-viewer-added");

        // Sign out, then in as the viewer.
        await page.ClickAsync("#sign-out");
        await page.Locator("#login-submit").WaitForAsync(new() { Timeout = Timeout });
        await page.FillAsync("#login-name", "vic");
        await page.FillAsync("#login-password", ViewerPassword);
        await page.ClickAsync("#login-submit");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        page.Url.ShouldEndWith("/users");
        (await page.InnerTextAsync("#signed-in-as")).ShouldContain("vic · viewer, read only");
        (await page.InnerTextAsync("#users-viewer")).ShouldContain("Only editors manage accounts");

        // Devices, a plan and the new-run form: everything to read, nothing to change.
        await page.GotoAsync(server.BaseUrl + "/devices");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("#devices-table").WaitForAsync(new() { Timeout = Timeout });
        foreach (var control in new[] { "#add-device", "#add-preset", "#generate-fleet", "#import-devices" })
            (await page.Locator(control).CountAsync()).ShouldBe(0, control);
        (await page.Locator("#export-devices").CountAsync()).ShouldBe(1);
        await studio.ScreenshotAsync(page, "viewer-devices");

        await page.GotoAsync(server.BaseUrl + "/plans/1");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("#plan-title").WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("#delete-plan").CountAsync()).ShouldBe(0);
        (await page.Locator("#export-plan").CountAsync()).ShouldBe(1);

        await page.GotoAsync(server.BaseUrl + "/runs/new?plan=1");
        await StudioBrowserFixture.WaitForCircuitAsync(page);
        await page.Locator("#viewer-read-only").WaitForAsync(new() { Timeout = Timeout });
        (await page.Locator("#run-start").CountAsync()).ShouldBe(0);
        await studio.ScreenshotAsync(page, "viewer-new-run");

        // The API answers the viewer's browser the same way: reads yes, writes 403.
        (await page.APIRequest.GetAsync(server.BaseUrl + "/api/devices")).Status.ShouldBe(200);
        var write = await page.APIRequest.DeleteAsync(server.BaseUrl + "/api/plans/1");
        write.Status.ShouldBe(403);
        (await page.APIRequest.GetAsync(server.BaseUrl + "/api/plans/1")).Status.ShouldBe(200);
        (await page.IsVisibleAsync("#blazor-error-ui")).ShouldBeFalse();
        await context.CloseAsync();
    }

    /// <summary>A second studio bound to 0.0.0.0 (every interface) with an admin from configuration.</summary>
    private sealed class OpenStudio : IAsyncDisposable
    {
        private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-e2e", Guid.NewGuid().ToString("N"));
        private WebApplicationFactory<Program>? _factory;

        public string BaseUrl { get; private set; } = "";

        public static Task<OpenStudio> StartAsync()
        {
            var studio = new OpenStudio();
            studio._factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("RoCoIn:DataPath", studio._dataPath);
                builder.UseSetting("RoCoIn:SeedDemoContent", "true");
                builder.UseSetting("RoCoIn:Access:AdminUser", "admin");
                builder.UseSetting("RoCoIn:Access:AdminPassword", AdminPassword);
                builder.UseEnvironment("Development");
                builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://0.0.0.0:0");
            });
            studio._factory.UseKestrel();
            studio._factory.StartServer();
            var bound = studio._factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            // Bound on every interface; the browser reaches it through loopback like any other address.
            studio.BaseUrl = new UriBuilder(bound) { Host = IPAddress.Loopback.ToString() }.Uri.ToString().TrimEnd('/');
            return Task.FromResult(studio);
        }

        public async ValueTask DisposeAsync()
        {
            if (_factory is not null)
                await _factory.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(_dataPath, recursive: true); }
            catch (IOException) { /* the OS cleans its temp folder */ }
        }
    }
}
