using RoCoIn.Data.Stores;
using RoCoIn.Web.Runs;
using RoCoIn.Web.Teaching;

namespace RoCoIn.Web.Api;

/// <summary>Join codes for following a live run from other browsers (issue 9, item 4): open one, resolve one.</summary>
internal static class ClassroomEndpoints
{
    /// <summary>A run's join code and the page that follows it read-only.</summary>
    public sealed record ClassroomCodeDto(int RunId, string Code, string JoinUrl);

    /// <summary>The live run a join code leads to.</summary>
    public sealed record ClassroomRunDto(int RunId, string Code);

    public static IEndpointRouteBuilder MapClassroomEndpoints(this IEndpointRouteBuilder app)
    {
        // A POST, so it needs an editor like every API write (ADR-013).
        app.MapPost("/api/runs/{id:int}/classroom", async (int id, RunStore store, ClassroomSessions sessions, CancellationToken ct) =>
        {
            var run = await store.GetAsync(id, ct);
            if (run is null)
                return Results.Problem($"Run {id} does not exist.", statusCode: StatusCodes.Status404NotFound, title: "Not found.");
            if (!run.Status.IsLive())
            {
                return Results.Problem($"Run {id} {RunStore.Describe(run.Status)}; only a live run can be followed by a class.",
                    statusCode: StatusCodes.Status409Conflict, title: "Conflict.");
            }
            return ApiProblems.FromStore(sessions.Open(id), code => Results.Ok(new ClassroomCodeDto(code.RunId, code.Code, code.JoinPath)));
        }).WithTags("Classroom")
          .WithSummary("Opens a join code for a live run (the same code while it is open): { runId, code, joinUrl }. Followers type the " +
                "code at /join or open joinUrl and watch the run read-only; the code ends when the run ends. 409 when the run is not live.")
          .Produces<ClassroomCodeDto>().ProducesProblem(404).ProducesProblem(409);

        app.MapGet("/api/classroom/{code}", (string code, ClassroomSessions sessions) =>
        {
            var lookup = sessions.Resolve(code);
            return lookup.RunId is { } runId
                ? Results.Ok(new ClassroomRunDto(runId, lookup.Code))
                : Results.Problem(lookup.Reason, statusCode: StatusCodes.Status404NotFound, title: "Not found.");
        }).WithTags("Classroom")
          .WithSummary("The live run a join code belongs to (with or without its dash, any case): { runId, code }. 404 for an unknown, " +
                "malformed or ended code.")
          .Produces<ClassroomRunDto>().ProducesProblem(404);

        return app;
    }
}
