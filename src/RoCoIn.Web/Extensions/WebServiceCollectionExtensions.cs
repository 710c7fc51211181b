using Microsoft.AspNetCore.Http.Json;
using MudBlazor;
using MudBlazor.Services;
using RoCoIn.Data;
using RoCoIn.Web.Access;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Api;
using RoCoIn.Web.Options;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Runs;
using RoCoIn.Web.ScaleOut;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Extensions;

public static class WebServiceCollectionExtensions
{
    /// <summary>Registers everything the studio needs: data, UI, API, OpenAPI, health.</summary>
    public static WebApplicationBuilder AddRoCoInStudio(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        // Package assets (MudBlazor, Plotly) are served from the build output in every environment,
        // not only in Development (stack-notes gotcha 1); a published app ignores this.
        builder.WebHost.UseStaticWebAssets();

        var options = builder.Configuration.GetSection(StudioOptions.Section).Get<StudioOptions>() ?? new StudioOptions();
        builder.Services.AddOptions<StudioOptions>().BindConfiguration(StudioOptions.Section)
            .Validate(o => !string.IsNullOrWhiteSpace(o.DataPath), "RoCoIn:DataPath must name a folder.")
            .ValidateOnStart();

        var dataPath = Path.GetFullPath(options.DataPath, builder.Environment.ContentRootPath);
        Directory.CreateDirectory(dataPath);
        var (provider, connectionString) = DatabaseOptions.Resolve(builder.Configuration, $"Data Source={Path.Combine(dataPath, "rocoin.db")}");
        builder.Services.AddRoCoInData(connectionString, provider);
        builder.Services.AddRoCoInJobs();
        builder.Services.AddRoCoInPlanning();
        builder.Services.AddRoCoInDistillation();
        builder.Services.AddRoCoInRuns();
        builder.Services.AddRoCoInAgents();
        builder.Services.AddRoCoInWorkspace();
        builder.Services.AddRoCoInRedisBackplane(builder.Configuration);
        builder.AddRoCoInAccess(dataPath);
        builder.Services.AddSingleton<RoCoIn.Web.Coordination.RealRunPreparer>();
        builder.Services.AddSingleton<RoCoIn.Web.Coordination.RealRunService>();
        builder.Services.AddSingleton<RoCoIn.Web.Runs.Real.RealRunServices>();
        builder.Services.AddSingleton<RoCoIn.Web.Teaching.ClassroomSessions>();

        builder.Services.AddRazorComponents().AddInteractiveServerComponents();
        builder.Services.AddMudServices(config =>
        {
            config.SnackbarConfiguration.PositionClass = Defaults.Classes.Position.BottomRight;
            config.SnackbarConfiguration.ShowTransitionDuration = 100;
            config.SnackbarConfiguration.HideTransitionDuration = 100;
        });

        builder.Services.AddProblemDetails();
        builder.Services.AddExceptionHandler<BadRequestExceptionHandler>();
        builder.Services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        builder.Services.Configure<JsonOptions>(o => o.SerializerOptions.AllowTrailingCommas = false);
        builder.Services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "RoCoIn Studio API";
            document.Info.Description = "Devices, fleets and background jobs for planning robust cooperative inference. Values are SI units " +
                "(FLOP/s, bytes, bit/s, seconds); errors are RFC 7807 problem details with an errors map naming the fields. " +
                "Long work answers 202 with Location: /api/jobs/{id}; the hub at /hubs/jobs pushes job progress.";
            OpenApiOrder.Apply(document);
            return Task.CompletedTask;
        }));
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database");
        return builder;
    }
}
