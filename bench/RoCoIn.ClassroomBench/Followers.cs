using System.Text.Json;
using Microsoft.Playwright;

namespace RoCoIn.ClassroomBench;

/// <summary>
/// Follower pages in one headless Chromium (Debian's, as the end-to-end tests launch it), each on /follow/CODE with its
/// own Blazor circuit. Each page records, for every change of the run page's hidden update stamp, the browser's
/// <c>Date.now()</c> minus the server's time of rendering that update (same machine, same clock).
/// </summary>
public sealed class Followers : IAsyncDisposable
{
    // Installed once per page; each sample is [browser ms when seen, delay ms] in window.__classroomDelays.
    private const string InstallObserver = """
        () => {
          if (window.__classroomDelays) return true;
          window.__classroomDelays = [];
          window.__classroomLast = null;
          const record = () => {
            const el = document.getElementById('run-update-stamp');
            if (!el) return;
            const stamp = el.getAttribute('data-server-ms');
            if (stamp === window.__classroomLast) return;
            window.__classroomLast = stamp;
            const server = Number(stamp);
            const now = Date.now();
            if (server > 0) window.__classroomDelays.push([now, now - server]);
          };
          // The whole page, so a re-created stamp element is seen too; only that attribute and added nodes wake it.
          new MutationObserver(record).observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-server-ms'] });
          window.__classroomLast = document.getElementById('run-update-stamp')?.getAttribute('data-server-ms') ?? null;
          return true;
        }
        """;

    private readonly IPlaywright _playwright;
    private readonly IBrowser _browser;
    private readonly IBrowserContext _context;
    private readonly List<IPage> _pages = [];

    private Followers(IPlaywright playwright, IBrowser browser, IBrowserContext context)
    {
        _playwright = playwright;
        _browser = browser;
        _context = context;
    }

    public int Count => _pages.Count;

    public static async Task<Followers> LaunchAsync()
    {
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath(),
            Headless = true,
            // The machine has no internet: background services would only fail and slow the start.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync"],
        });
        var context = await browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        return new Followers(playwright, browser, context);
    }

    /// <summary>Opens one more follower page and waits until its circuit shows the run read-only.</summary>
    public async Task AddAsync(string url)
    {
        var page = await _context.NewPageAsync();
        await page.GotoAsync(url, new PageGotoOptions { Timeout = 120_000 });
        // The layout renders #circuit-ready only once interactive; the banner shows the code resolved.
        await page.Locator("#circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.Locator("#following-banner").WaitForAsync(new() { Timeout = 120_000 });
        await page.Locator("#run-update-stamp").WaitForAsync(new() { State = WaitForSelectorState.Attached, Timeout = 120_000 });
        await page.EvaluateAsync<bool>(InstallObserver);
        _pages.Add(page);
    }

    /// <summary>
    /// Each page's delays (ms) of the updates it saw between <paramref name="fromUnixMs"/> and <paramref name="toUnixMs"/>
    /// (the harness's clock is the browser's: same machine), whether the page is visible to its renderer and whether it
    /// shows Blazor's reconnect dialog. Read after the window, so the reading costs the window nothing.
    /// </summary>
    public async Task<IReadOnlyList<FollowerSample>> CollectAsync(long fromUnixMs, long toUnixMs)
    {
        var samples = new List<FollowerSample>();
        foreach (var page in _pages)
        {
            // One call per page: the browser is busiest exactly when there are many pages to ask.
            var state = await page.EvaluateAsync<JsonElement>("""
                () => ({
                  seen: window.__classroomDelays.slice(),
                  visible: document.visibilityState === 'visible',
                  reconnecting: /components-reconnect-(show|retrying|failed|paused)/.test(document.getElementById('components-reconnect-modal')?.className ?? ''),
                })
                """);
            var visible = state.GetProperty("visible").GetBoolean();
            var reconnecting = state.GetProperty("reconnecting").GetBoolean();
            var delays = state.GetProperty("seen").EnumerateArray()
                .Select(sample => (At: sample[0].GetDouble(), Delay: sample[1].GetDouble()))
                .Where(sample => sample.At >= fromUnixMs && sample.At <= toUnixMs).Select(sample => sample.Delay).ToArray();
            samples.Add(new FollowerSample(delays, visible, reconnecting));
        }
        return samples;
    }

    public async ValueTask DisposeAsync()
    {
        await _context.CloseAsync();
        await _browser.CloseAsync();
        _playwright.Dispose();
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
        throw new InvalidOperationException("Chromium was not found: install Debian's 'chromium' package or set CHROMIUM_PATH.");
    }
}

/// <summary>What one follower page saw in a window.</summary>
public sealed record FollowerSample(double[] DelaysMs, bool Visible, bool Reconnecting);

