using Microsoft.Extensions.Options;
using RoCoIn.Data;
using RoCoIn.Web.Access;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Api;
using RoCoIn.Web.Components;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Hubs;
using RoCoIn.Web.Options;
using Scalar.AspNetCore;

namespace RoCoIn.Web.Extensions;

public static class WebApplicationExtensions
{
    /// <summary>Migrates the database (and seeds a new one) before the first request is served.</summary>
    public static async Task InitializeDatabaseAsync(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var options = app.Services.GetRequiredService<IOptions<StudioOptions>>().Value;
        var seeded = await app.Services.GetRequiredService<DatabaseInitializer>().InitializeAsync(options.SeedDemoContent);
        await app.Services.GetRequiredService<UserAccounts>().EnsureAdminAsync();
        if (seeded)
        {
            var dataPath = Path.GetFullPath(options.DataPath, app.Environment.ContentRootPath);
            await app.Services.GetRequiredService<DemoModelSetLoader>().LoadAsync(app.Environment.ContentRootPath, dataPath);
        }
    }

    /// <summary>Maps the pages, the REST API, the jobs hub, OpenAPI and its docs page, and the health endpoint.</summary>
    public static WebApplication MapRoCoInStudio(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
        app.UseRoCoInAccess();
        app.UseAntiforgery();

        app.MapStaticAssets().AllowAnonymous();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        // Every API endpoint that writes needs an editor (ADR-013); reads need a signed-in user when sign-in is on.
        var api = app.MapGroup("").RequireEditorForWrites();
        api.MapDeviceEndpoints();
        api.MapFleetEndpoints();
        api.MapJobEndpoints();
        api.MapPlanEndpoints();
        api.MapDistillationEndpoints();
        api.MapScenarioEndpoints();
        api.MapRunEndpoints();
        api.MapClassroomEndpoints();
        api.MapRealRunEndpoints();
        api.MapWorkspaceEndpoints();
        api.MapBundleEndpoints();
        api.MapAgentEndpoints();
        api.MapAccessEndpoints();
        app.MapHub<JobsHub>(JobsHub.Path);
        app.MapAgentsHub();
        app.MapHub<RunsHub>(RunsHub.Path);
        // Unknown API routes answer like the rest of the API, not with the studio's not-found page.
        app.MapFallback("/api/{**path}", (string path) => Results.Problem($"There is no API endpoint at /api/{path}.",
            statusCode: StatusCodes.Status404NotFound, title: "Not found."));
        app.MapOpenApi();
        // Offline-friendly: no telemetry, no CDN fonts, no hosted AI or MCP features.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("RoCoIn Studio API")
            .DisableTelemetry().DisableDefaultFonts().DisableAgent().DisableMcp().HideDeveloperTools());
        app.MapHealthChecks("/health").AllowAnonymous();
        return app;
    }
}
