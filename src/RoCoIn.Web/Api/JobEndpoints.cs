using RoCoIn.Data.Stores;
using RoCoIn.Web.Api.Contracts;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Api;

/// <summary>/api/jobs: every background job, newest first, and cancelling one.</summary>
internal static class JobEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapJobEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/jobs").WithTags("Jobs");

        group.MapGet("/", async (JobStore store, JobService jobs, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var list = await store.ListAsync(skip ?? 0, take ?? MaxTake, ct);
            return Results.Ok(list.Select(j => JobDto.From(j, jobs.QueuePosition(j.Id))));
        }).WithSummary("Lists jobs, newest first.").Produces<IEnumerable<JobDto>>().ProducesValidationProblem();

        group.MapGet("/{id:int}", async (int id, JobStore store, JobService jobs, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } job
                ? Results.Ok(JobDto.From(job, jobs.QueuePosition(id)))
                : Results.Problem($"Job {id} does not exist.", statusCode: 404, title: "Not found."))
            .WithSummary("One job: status, progress, queue position while queued, reason, and the result's URL once it succeeded.")
            .Produces<JobDto>().ProducesProblem(404);

        group.MapPost("/{id:int}/cancel", async (int id, JobService jobs, CancellationToken ct) =>
            ApiProblems.FromStore(await jobs.CancelAsync(id, ct),
                job => Results.Accepted($"/api/jobs/{id}", JobDto.From(job, jobs.QueuePosition(id)))))
            .WithSummary("Cancels a job: a queued one at once, a running one as soon as its work notices (poll the job). " +
                "409 once the job has finished.")
            .Produces<JobDto>(202).ProducesProblem(404).ProducesProblem(409);

        return app;
    }
}
