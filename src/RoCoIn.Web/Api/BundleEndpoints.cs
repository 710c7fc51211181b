using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using RoCoIn.Web.Bundles;

namespace RoCoIn.Web.Api;

/// <summary>Deployment bundles (ADR-010): GET /api/plans/{id}/bundle writes one, POST /api/bundles imports one.</summary>
internal static class BundleEndpoints
{
    // Room for a multipart envelope around the largest bundle.
    private const long EnvelopeBytes = 1_000_000;

    public static IEndpointRouteBuilder MapBundleEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/plans/{id:int}/bundle", async (int id, HttpContext context, CancellationToken ct) =>
        {
            // Created per request rather than registered: the bundle feature keeps to its own folder (ADR-010).
            var writer = ActivatorUtilities.CreateInstance<BundleWriter>(context.RequestServices);
            var found = await writer.FindAsync(id, ct);
            if (!found.IsOk)
                return ApiProblems.FromStore(found, _ => Results.Empty);
            var zip = BundleTempFile.Create();
            try
            {
                await writer.WriteAsync(found.Value!, zip, ct);
                zip.Position = 0;
                return Results.File(zip, "application/zip", $"plan-{id}-bundle.zip");
            }
            catch (BundleException ex)
            {
                await zip.DisposeAsync();
                return Results.Problem(ex.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
            }
            catch
            {
                await zip.DisposeAsync();
                throw;
            }
        }).WithTags("Bundles")
          .WithSummary("The plan's deployment bundle: a zip with bundle.json (plan document, model set, SHA-256 and size of every file), "
              + "devices/<name>.json per device of its groups (profile, group, student, model, agent command), models/<sha256>.onnx "
              + "(students and aggregator) and a README for the installer. 409 when the plan has no feasible grouping or no distilled model set.")
          .Produces(200, contentType: "application/zip").ProducesProblem(404).ProducesProblem(409);

        app.MapPost("/api/bundles", async (HttpRequest request, CancellationToken ct) =>
        {
            var importer = ActivatorUtilities.CreateInstance<BundleImporter>(request.HttpContext.RequestServices);
            var limit = importer.MaxBundleBytes + EnvelopeBytes;
            if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } size)
                size.MaxRequestBodySize = limit;
            if (request.ContentLength > limit)
                return Refused($"The request is {request.ContentLength} bytes; a bundle of at most {importer.MaxBundleBytes} bytes can be imported (RoCoIn:MaxBundleBytes).");

            BundleImportResult result;
            if (MediaTypeHeaderValue.TryParse(request.ContentType, out var type) && type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
            {
                var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
                if (string.IsNullOrEmpty(boundary))
                    return Refused("The multipart body has no boundary.");
                var reader = new MultipartReader(boundary, request.Body);
                MultipartSection? section;
                while ((section = await reader.ReadNextSectionAsync(ct)) is not null && section.AsFileSection() is null)
                {
                    // Other form fields are not part of an import.
                }
                if (section is null)
                    return Refused("The form holds no file; send the bundle as the form's file, or as an application/zip body.");
                result = await importer.ImportAsync(section.Body, ct);
            }
            else
            {
                result = await importer.ImportAsync(request.Body, ct);
            }
            return result.Imported is { } imported
                ? Results.Created($"/api/plans/{imported.PlanId}", new
                {
                    imported.PlanId,
                    imported.PlanName,
                    imported.ModelSetId,
                    imported.ModelSetName,
                    imported.ModelFilesAdded,
                    imported.ModelFilesKept,
                    PlanUrl = $"/plans/{imported.PlanId}",
                })
                : Refused(result.Error!);
        }).WithTags("Bundles").DisableAntiforgery()
          .WithSummary("Imports a deployment bundle (multipart form file or an application/zip body), all or nothing: every file's SHA-256, "
              + "the format version (1), the plan document and the model set are checked first. 201 with the new plan's and model set's ids; "
              + "400 with the reason, and nothing imported, otherwise. Names already taken get \" (imported)\".")
          .Produces(201).ProducesValidationProblem();

        return app;
    }

    private static IResult Refused(string reason) =>
        Results.ValidationProblem(new Dictionary<string, string[]> { ["file"] = [reason] },
            detail: $"{reason} Nothing was imported.", title: "The bundle was not imported.");
}
