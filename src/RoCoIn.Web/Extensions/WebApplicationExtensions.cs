using Microsoft.Extensions.Options;
using RoCoIn.Data;
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
        app.UseAntiforgery();

        app.MapStaticAssets();
        app.MapRazorComponents<App>().AddInteractiveServerRenderMode();

        app.MapDeviceEndpoints();
        app.MapFleetEndpoints();
        app.MapJobEndpoints();
        app.MapPlanEndpoints();
        app.MapDistillationEndpoints();
        app.MapScenarioEndpoints();
        app.MapRunEndpoints();
        app.MapRealRunEndpoints();
        app.MapWorkspaceEndpoints();
        app.MapBundleEndpoints();
        app.MapHub<JobsHub>(JobsHub.Path);
        app.MapRoCoInAgents();
        app.MapHub<RunsHub>(RunsHub.Path);
        // Unknown API routes answer like the rest of the API, not with the studio's not-found page.
        app.MapFallback("/api/{**path}", (string path) => Results.Problem($"There is no API endpoint at /api/{path}.",
            statusCode: StatusCodes.Status404NotFound, title: "Not found."));
        app.MapOpenApi();
        // Offline-friendly: no telemetry, no CDN fonts, no hosted AI or MCP features.
        app.MapScalarApiReference("/api/docs", o => o.WithTitle("RoCoIn Studio API")
            .DisableTelemetry().DisableDefaultFonts().DisableAgent().DisableMcp().HideDeveloperTools());
        app.MapHealthChecks("/health");
        return app;
    }
}
