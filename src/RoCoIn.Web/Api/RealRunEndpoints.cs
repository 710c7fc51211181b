using RoCoIn.Web.Coordination;

namespace RoCoIn.Web.Api;

/// <summary>/api/real-runs: runs a plan on its local agent processes and answers with what was measured.</summary>
internal static class RealRunEndpoints
{
    public static IEndpointRouteBuilder MapRealRunEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/real-runs").WithTags("Real runs");

        group.MapPost("/", async (RealRunRequest request, RealRunService runs, CancellationToken ct) =>
        {
            var result = await runs.RunAsync(request, null, ct);
            return result switch
            {
                { Summary: { } summary } => Results.Ok(summary),
                { NotFound: true } => Results.Problem(result.Error, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
                _ => Results.Problem(result.Error, statusCode: StatusCodes.Status400BadRequest, title: "The real run could not start."),
            };
        }).WithSummary("Runs a plan on its local agents (starting or reusing the fleet) with the first N test images; answers the summary.")
          .Produces<RealRunSummary>().ProducesProblem(400).ProducesProblem(404);
        return app;
    }
}
