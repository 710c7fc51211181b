using System.Text;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Api;

/// <summary>/api/plans: queue a planning job, list, read, export and delete saved plans.</summary>
internal static class PlanEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapPlanEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/plans").WithTags("Plans");

        group.MapPost("/", async (PlanInput input, PlanningService planning, CancellationToken ct) =>
        {
            var (jobId, errors) = await planning.EnqueueAsync(input, ct);
            return jobId is { } id
                ? Results.Accepted($"/api/jobs/{id}", new { jobId = id })
                : ApiProblems.Validation(errors);
        }).WithSummary("Queues a planning job for a fleet (SI units: deadlineSeconds, objectiveSeconds). 202 with Location /api/jobs/{id}; the finished job names the plan.")
          .Produces(202).ProducesValidationProblem();

        group.MapGet("/", async (PlanStore store, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            return errors.Count > 0 ? ApiProblems.Validation(errors) : Results.Ok(await store.ListAsync(skip ?? 0, take ?? MaxTake, ct));
        }).WithSummary("Saved plans, newest first.").Produces<IReadOnlyList<PlanSummary>>();

        group.MapGet("/{id:int}", async (int id, PlanStore store, ModelSetStore modelSets, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } plan
                ? Results.Ok(ToDto(plan, await MeasuredAccuracy.FindAsync(plan, modelSets, ct)))
                : NotFound(id))
            .WithSummary("One plan: groups with members, widths and students (FLOPs, memory), the device snapshot, metrics and baselines. "
                + "The RoCoIn plan's expectedAccuracy is measured on a distilled model set whose partitions match its groups; otherwise null.")
            .ProducesProblem(404);

        group.MapGet("/{id:int}/export", async (int id, PlanStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } plan
                ? Results.File(Encoding.UTF8.GetBytes(plan.Document.ToJson()), "application/json", $"plan-{id}.json")
                : NotFound(id))
            .WithSummary("The plan document (settings, device snapshot, result, baselines) as a JSON file.");

        group.MapDelete("/{id:int}", async (int id, PlanStore store, CancellationToken ct) =>
            ApiProblems.FromStore(await store.DeleteAsync(id, ct), _ => Results.NoContent()))
            .WithSummary("Deletes a saved plan that no run uses.").Produces(204).ProducesProblem(404).ProducesProblem(409);

        return app;
    }

    private static IResult NotFound(int id) => Results.Problem($"Plan {id} does not exist.", statusCode: 404, title: "Not found.");

    private static object ToDto(SavedPlan plan, MeasuredAccuracy? measured)
    {
        var analysis = new PlanAnalysis(plan);
        object Strategy(DeploymentPlan p)
        {
            var own = p.Strategy == RoCoInPlanner.Strategy ? measured : null;
            return StrategyDto(p, own);
        }
        object StrategyDto(DeploymentPlan p, MeasuredAccuracy? own) => new
        {
            p.Strategy,
            p.MeetsConstraints,
            p.Notes,
            p.Metrics,
            p.MemoryHeadroomBytes,
            AccuracyPriorAssumed = p.AccuracyPrior,
            ExpectedAccuracy = own?.ExpectedAccuracy,
            ExpectedAccuracyModelSetId = own?.ModelSetId,
            ExpectedAccuracyNote = own switch
            {
                { ExpectedAccuracy: not null } => $"Measured on model set #{own.ModelSetId} ({own.ModelSetName}) in {plan.Document.Settings.Mode} mode.",
                not null => $"Model set #{own.ModelSetId} matches this plan's groups but its accuracy table lacks a subset this plan needs.",
                null when p.Strategy == RoCoInPlanner.Strategy => "Accuracy not measured yet: distil this plan's students to measure it.",
                null => "Accuracy not measured yet: this baseline's students differ from any distilled model set.",
            },
            p.UnusedDeviceIds,
            Groups = p.Groups.Select(g =>
            {
                var cost = analysis.CostOf(g);
                return new { g.Partition, g.DeviceIds, g.Width, g.StudentKey, StudentFlops = cost.Flops, StudentParameters = cost.Parameters, StudentMemoryBytes = cost.MemoryBytes };
            }),
            WhatIf = analysis.Sweeps[p.Strategy],
        };
        var result = plan.Document.Result;
        return new
        {
            plan.Id,
            plan.Name,
            plan.FleetId,
            plan.FleetName,
            plan.CreatedUtc,
            plan.JobId,
            plan.BasedOnModelSetId,
            plan.FleetChanged,
            plan.Document.FleetHash,
            plan.Document.Settings,
            Devices = plan.Document.Devices,
            Feasible = result.Plan is not null,
            result.Problem,
            result.Evaluations,
            Plan = result.Plan is { } rocoin ? Strategy(rocoin) : null,
            Baselines = result.Baselines.Select(Strategy),
        };
    }
}
