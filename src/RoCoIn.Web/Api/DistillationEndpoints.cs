using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;
using RoCoIn.Web.Workspace;

namespace RoCoIn.Web.Api;

/// <summary>/api/distillations (queue a distillation job) and /api/model-sets (its results and their ONNX files).</summary>
internal static class DistillationEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapDistillationEndpoints(this IEndpointRouteBuilder app)
    {
        var distillations = app.MapGroup("/api/distillations").WithTags("Distillation");

        distillations.MapPost("/", async (DistillationInput input, DistillationService distillation, CancellationToken ct) =>
        {
            var (jobId, errors) = await distillation.EnqueueAsync(input, ct);
            return jobId is { } id
                ? Results.Accepted($"/api/jobs/{id}", new { jobId = id })
                : ApiProblems.Validation(errors);
        }).WithSummary("Queues a distillation job for a plan's groups (planId) or explicit partitions (width, studentKey; widths add up to F = 64). " +
              "202 with Location /api/jobs/{id}; the finished job names the model set.")
          .Produces(202).ProducesValidationProblem();

        var sets = app.MapGroup("/api/model-sets").WithTags("Distillation");

        sets.MapGet("/", async (ModelSetStore store, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            return errors.Count > 0
                ? ApiProblems.Validation(errors)
                : Results.Ok((await store.ListAsync(ct)).Skip(skip ?? 0).Take(take ?? MaxTake));
        }).WithSummary("Distilled model sets, newest first.").Produces<IEnumerable<ModelSetSummary>>().ProducesValidationProblem();

        sets.MapGet("/{id:int}", async (int id, ModelSetStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } set ? Results.Ok(ToDto(set)) : NotFound(id))
            .WithSummary("One model set: teacher, students (sizes, channels, ONNX hashes), the accuracy of every subset of groups, and the training history.")
            .ProducesProblem(404);

        sets.MapGet("/{id:int}/models/{hash}.onnx", async (int id, string hash, ModelSetStore store, IOptions<StudioOptions> studio,
            IWebHostEnvironment environment, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } set)
                return NotFound(id);
            var hashes = set.Result.Students.Select(s => s.ModelHash).Append(set.Result.Aggregator.ModelHash);
            if (!hashes.Contains(hash, StringComparer.Ordinal))
                return Results.Problem($"Model set {id} has no model {hash}.", statusCode: 404, title: "Not found.");
            var path = Path.Combine(ModelFiles.Folder(studio.Value, environment), $"{hash}.onnx");
            return File.Exists(path)
                ? Results.File(path, "application/octet-stream", $"{hash}.onnx")
                : Results.Problem($"The file of model {hash} is missing from the data folder.", statusCode: 404, title: "Not found.");
        }).WithSummary("Downloads one ONNX file (a student or the aggregator) of a model set.").Produces(200, contentType: "application/octet-stream")
          .ProducesProblem(404);

        sets.MapDelete("/{id:int}", async (int id, WorkspaceCleaner cleaner, CancellationToken ct) =>
            ApiProblems.FromStore(await cleaner.DeleteModelSetAsync(id, ct), deletion => Results.Ok(deletion)))
            .WithSummary("Deletes a model set and the ONNX files no other model set names. 409, with the reason, when a plan was re-planned " +
                "with it, the local fleet or a live real run uses it, or a planning job is about to re-plan with it.")
            .Produces<ModelSetDeletion>().ProducesProblem(404).ProducesProblem(409);

        return app;
    }

    private static IResult NotFound(int id) => Results.Problem($"Model set {id} does not exist.", statusCode: 404, title: "Not found.");

    private static object ToDto(SavedModelSet set)
    {
        var r = set.Result;
        return new
        {
            set.Id,
            set.Name,
            set.PlanId,
            set.JobId,
            set.CreatedUtc,
            Dataset = r.Data,
            Settings = new
            {
                r.Spec.TeacherEpochs,
                r.Spec.StudentEpochs,
                r.Spec.Seed,
                r.Spec.MaxTrainImages,
                r.Spec.MaxTestImages,
                r.Spec.Alpha,
                r.Spec.Temperature,
                r.Spec.FailoutProbability,
                r.Spec.BatchSize,
            },
            Teacher = new { r.Teacher.Trained, r.Teacher.FeatureChannels, r.Teacher.Parameters, r.Teacher.Flops, r.Teacher.MemoryBytes, r.Teacher.TestAccuracy },
            Students = r.Students.Select(s => new
            {
                s.Partition,
                s.StudentKey,
                s.Width,
                s.Channels,
                s.Parameters,
                s.Flops,
                s.MemoryBytes,
                s.ModelHash,
                AloneAccuracy = r.AccuracyBySubset.TryGetValue(1 << s.Partition, out var alone) ? alone : (double?)null,
                DownloadUrl = $"/api/model-sets/{set.Id}/models/{s.ModelHash}.onnx",
            }),
            Aggregator = new
            {
                r.Aggregator.Parameters,
                r.Aggregator.Flops,
                r.Aggregator.MemoryBytes,
                r.Aggregator.ModelHash,
                DownloadUrl = $"/api/model-sets/{set.Id}/models/{r.Aggregator.ModelHash}.onnx",
            },
            r.EnsembleAccuracy,
            Accuracy = ModelSetView.Subsets(r).Select(s => new { s.Mask, s.Groups, s.Accuracy }),
            r.History,
            r.Beta,
            r.PartitionModularity,
            r.Durations,
        };
    }
}
