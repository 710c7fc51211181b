using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Api;

/// <summary>/api/workspace: disk use, clean-up, and backup and restore of the whole workspace as one zip (ADR-011).</summary>
internal static class WorkspaceEndpoints
{
    public static IEndpointRouteBuilder MapWorkspaceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/workspace").WithTags("Workspace");

        group.MapGet("/", async (WorkspaceInventory inventory, CancellationToken ct) => Results.Ok(await inventory.MeasureAsync(ct)))
            .WithSummary("What the workspace holds: the database's files, model files, teachers, distillation outputs and other files " +
                "(files, bytes, and what nothing references), the stored runs and their per-second rows.")
            .Produces<WorkspaceUsage>();

        group.MapPost("/cleanup", async (WorkspaceCleaner cleaner, CancellationToken ct) =>
            ApiProblems.FromStore(await cleaner.CleanUpAsync(ct), cleanup => Results.Ok(cleanup)))
            .WithSummary("Removes the model files no model set names, teachers no model set uses, and distillation outputs. " +
                "409 while a distillation job is queued or running.")
            .Produces<WorkspaceCleanup>().ProducesProblem(409);

        group.MapGet("/backup", async (WorkspaceBackup backup, TimeProvider time, CancellationToken ct) =>
            ApiProblems.FromStore(await backup.CreateAsync(ct),
                zip => Results.File(zip, "application/zip", WorkspaceBackup.FileName(time.GetUtcNow()))))
            .WithSummary("The workspace as one zip: a consistent copy of the SQLite database (SQLite's online backup API), the model files, " +
                "the teachers, and backup.json listing every file with its SHA-256.")
            .Produces(200, contentType: "application/zip").ProducesProblem(409);

        group.MapPost("/restore", async (HttpContext context, WorkspaceRestore restore, IOptions<WorkspaceOptions> options, CancellationToken ct) =>
        {
            if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
                limit.MaxRequestBodySize = options.Value.MaxBackupBytes;
            var request = context.Request;
            if (request.HasFormContentType)
            {
                var form = await request.ReadFormAsync(ct);
                if (form.Files is not [var file])
                    return ApiProblems.Validation([new(WorkspaceRestore.UploadField, "Send exactly one file: the backup zip.")], "The backup is invalid.");
                await using var upload = file.OpenReadStream();
                return Answer(await restore.RestoreAsync(upload, ct));
            }
            return Answer(await restore.RestoreAsync(request.Body, ct));
        }).WithSummary("Replaces the whole workspace (database, model files, teachers) with a backup zip sent as the body " +
              "(application/zip) or as the one file of a form. The whole zip is checked first; 400 names the file at fault and changes nothing. " +
              "409 while a job is queued or running, a run is live or the local fleet runs.")
          .Accepts<IFormFile>("application/zip", "multipart/form-data")
          .Produces<WorkspaceRestored>().ProducesValidationProblem().ProducesProblem(409);

        return app;
    }

    private static IResult Answer(Data.Stores.StoreResult<WorkspaceRestored> result) =>
        result.Status == Data.Stores.StoreStatus.Invalid
            ? ApiProblems.Validation(result.Errors, "The backup is invalid; nothing was changed.")
            : ApiProblems.FromStore(result, restored => Results.Ok(restored));
}
