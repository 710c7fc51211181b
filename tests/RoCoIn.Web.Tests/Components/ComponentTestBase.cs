using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Services;
using RoCoIn.Data;
using RoCoIn.Web.Access;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Tests.Components;

/// <summary>
/// bUnit context with MudBlazor's services (JS loose, no transitions, as MudBlazor's own tests do) and the real
/// stores on a temporary SQLite file.
/// </summary>
public abstract class ComponentTestBase : BunitContext, IAsyncLifetime
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"rocoin-bunit-{Guid.NewGuid():N}.db");

    protected ComponentTestBase()
    {
        JSInterop.Mode = JSRuntimeMode.Loose;
        // Waits end as soon as the state is there; the bound only matters on a loaded 2-core CI machine, where bUnit's
        // 1 s default was seen to run out while a page was still reading the database.
        DefaultWaitTimeout = TimeSpan.FromSeconds(15);
        Services.AddMudServices(options =>
        {
            options.PopoverOptions.CheckForPopoverProvider = false;
            options.SnackbarConfiguration.ShowTransitionDuration = 0;
            options.SnackbarConfiguration.HideTransitionDuration = 0;
        });
        Services.AddRoCoInData($"Data Source={_databasePath}");
        Services.AddOptions<StudioOptions>();
        // Every page sees an editor unless a test signs in as a viewer (ADR-013).
        Services.AddSingleton<AuthenticationStateProvider>(_authentication);
        Services.AddSingleton(new AccessPolicy(Microsoft.Extensions.Options.Options.Create(new AccessOptions { Mode = AccessMode.Login })));
        Services.AddScoped<StudioAccess>();
        Services.AddSingleton<UserAccounts>();
        Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(new AccessOptions { Mode = AccessMode.Login }));
    }

    private readonly FixedAuthenticationStateProvider _authentication = new(TestPrincipals.Editor);

    /// <summary>Pages rendered after this see <paramref name="user"/> (e.g. <see cref="TestPrincipals.Viewer"/>).</summary>
    protected void SignInAs(ClaimsPrincipal user) => _authentication.User = user;

    /// <summary>Whether the database starts with the demo fleets.</summary>
    protected virtual bool SeedDemoContent => true;

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        await Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(SeedDemoContent, Ct);

    protected override async ValueTask DisposeAsyncCore()
    {
        await base.DisposeAsyncCore();
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
            File.Delete(_databasePath + suffix);
    }

    /// <summary>Renders the providers a dialog needs, so dialogs opened by a page or a test show up in markup.</summary>
    protected IRenderedComponent<MudDialogProvider> RenderDialogProvider()
    {
        Render<MudPopoverProvider>();
        return Render<MudDialogProvider>();
    }
}
