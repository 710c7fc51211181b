using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Playwright;

namespace RoCoIn.E2E;

/// <summary>
/// The studio on a real loopback port (Kestrel inside the test process) with a fresh demo database, and
/// Debian's Chromium driven by Playwright. One per test collection; tests in it run one after another.
/// </summary>
public sealed class StudioBrowserFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-e2e", Guid.NewGuid().ToString("N"));
    private readonly string _profilePath = Path.Combine(Path.GetTempPath(), "rocoin-e2e-profile", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;
    private IPlaywright? _playwright;

    public IBrowserContext Browser { get; private set; } = default!;
    public string BaseUrl { get; private set; } = "";
    public string ScreenshotDirectory { get; } = FindScreenshotDirectory();

    public async ValueTask InitializeAsync()
    {
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RoCoIn:DataPath", _dataPath);
            builder.UseSetting("RoCoIn:SeedDemoContent", "true");
            builder.UseEnvironment("Development");
            // Any free loopback port, so a second test run (or a studio on 5000) does not collide.
            builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
        });
        _factory.UseKestrel(0);
        _factory.StartServer();
        BaseUrl = _factory.ClientOptions.BaseAddress.ToString().TrimEnd('/');

        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchPersistentContextAsync(_profilePath, new BrowserTypeLaunchPersistentContextOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            ViewportSize = new ViewportSize { Width = 1400, Height = 900 },
            AcceptDownloads = true,
            // The machine has no internet: background services would only fail and slow the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (_factory is not null)
            await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var path in new[] { _dataPath, _profilePath })
        {
            try { Directory.Delete(path, recursive: true); }
            catch (IOException) { /* the OS cleans its temp folder */ }
            catch (UnauthorizedAccessException) { /* likewise */ }
        }
    }

    /// <summary>
    /// A second, isolated browser (its own cookies and storage, like another person's machine) on the same studio.
    /// Dispose it when done.
    /// </summary>
    public async Task<IBrowser> LaunchOtherBrowserAsync() =>
        await _playwright!.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });

    /// <summary>A new page, with Blazor's circuit connected so clicks reach the server.</summary>
    public async Task<IPage> OpenAsync(string path)
    {
        var page = await Browser.NewPageAsync();
        await page.GotoAsync(BaseUrl + path);
        await WaitForCircuitAsync(page);
        return page;
    }

    public static async Task WaitForCircuitAsync(IPage page)
    {
        // Pages are prerendered; typing or clicking before the circuit renders is lost when it takes over.
        // The layout renders #circuit-ready only in interactive mode.
        await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 60_000 });
    }

    public async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(ScreenshotDirectory);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotDirectory, name + ".png"), FullPage = true });
    }

    private static string ChromiumPath()
    {
        var configured = Environment.GetEnvironmentVariable("CHROMIUM_PATH");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':'))
        {
            var candidate = Path.Combine(dir, "chromium");
            if (File.Exists(candidate))
                return candidate;
        }
        throw new InvalidOperationException("Chromium was not found: install Debian's 'chromium' package (scripts/test.sh does) or set CHROMIUM_PATH.");
    }

    // Screenshots go under the repository's TestResults folder (git-ignored), or where ROCOIN_SCREENSHOT_DIR says.
    private static string FindScreenshotDirectory()
    {
        var configured = Environment.GetEnvironmentVariable("ROCOIN_SCREENSHOT_DIR");
        if (!string.IsNullOrEmpty(configured))
            return configured;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "RoCoIn.sln")))
                return Path.Combine(dir.FullName, "TestResults", "screenshots");
        }
        return Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");
    }
}

[CollectionDefinition(Name)]
public sealed class StudioInBrowser : ICollectionFixture<StudioBrowserFixture>
{
    public const string Name = "Studio in Chromium";
}
