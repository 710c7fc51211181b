using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Api;

/// <summary>A saved scenario: its timeline and when it was made and last changed.</summary>
public sealed record ScenarioDto(int Id, string Name, string Description, IReadOnlyList<ScenarioEvent> Events, DateTimeOffset CreatedUtc,
    DateTimeOffset UpdatedUtc)
{
    public static ScenarioDto From(SavedScenario saved)
    {
        ArgumentNullException.ThrowIfNull(saved);
        return new(saved.Id, saved.Scenario.Name, saved.Scenario.Description, saved.Scenario.Events, saved.CreatedUtc, saved.UpdatedUtc);
    }
}

/// <summary>What a scenario becomes on one plan, strategy and seed: the failures, or the errors by field path.</summary>
public sealed record ScenarioCheckDto(
    int PlanId,
    string Strategy,
    long Seed,
    bool Resolved,
    IReadOnlyDictionary<string, string[]> Errors,
    IReadOnlyList<ResolvedFailureDto> Failures);

/// <summary>/api/scenarios: saved failure scenarios, the built-in library, and checking a scenario against a plan.</summary>
internal static class ScenarioEndpoints
{
    public static IEndpointRouteBuilder MapScenarioEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/scenarios").WithTags("Scenarios");

        group.MapGet("/", async (ScenarioStore store, CancellationToken ct) => RunApiJson.Json(await store.ListAsync(ct)))
            .WithSummary("Saved scenarios by name, with their event counts.").Produces<IReadOnlyList<ScenarioSummary>>();

        group.MapGet("/library", () => RunApiJson.Json(ScenarioLibrary.All))
            .WithSummary("The built-in example scenarios, to copy and adapt. They select devices by \"*\" or group 1, so each resolves on any plan.")
            .Produces<IReadOnlyList<Scenario>>();

        group.MapGet("/{id:int}", async (int id, ScenarioStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } saved ? RunApiJson.Json(ScenarioDto.From(saved)) : NotFound(id))
            .WithSummary("One scenario with its events.").Produces<ScenarioDto>().ProducesProblem(404);

        group.MapPost("/", async (HttpRequest request, ScenarioStore store, CancellationToken ct) =>
        {
            var (scenario, error) = await ReadAsync(request, ct);
            if (scenario is null)
                return ApiProblems.Validation([error!]);
            return ApiProblems.FromStore(await store.CreateAsync(scenario, ct), saved =>
            {
                request.HttpContext.Response.Headers.Location = $"/api/scenarios/{saved.Id}";
                return RunApiJson.Json(ScenarioDto.From(saved), StatusCodes.Status201Created);
            });
        }).WithSummary("Saves a scenario { name, description, events: [{ effect: { kind, slowFactor, linkRateFactor, extraLatencySeconds, " +
                "lossProbability }, target: { kind: deviceName|hardwareClass|group, value }, radius: { count } or { percent } or null, " +
                "startSeconds, durationSeconds }] }. Names are unique regardless of case. 201 with Location.")
          .Produces<ScenarioDto>(201).ProducesValidationProblem();

        group.MapPut("/{id:int}", async (int id, HttpRequest request, ScenarioStore store, CancellationToken ct) =>
        {
            var (scenario, error) = await ReadAsync(request, ct);
            if (scenario is null)
                return ApiProblems.Validation([error!]);
            return ApiProblems.FromStore(await store.UpdateAsync(id, scenario, ct), saved => RunApiJson.Json(ScenarioDto.From(saved)));
        }).WithSummary("Replaces a scenario. Runs made with it keep the snapshot they ran.")
          .Produces<ScenarioDto>().ProducesValidationProblem().ProducesProblem(404);

        group.MapDelete("/{id:int}", async (int id, ScenarioStore store, CancellationToken ct) =>
            ApiProblems.FromStore(await store.DeleteAsync(id, ct), _ => Results.NoContent()))
            .WithSummary("Deletes a scenario. Runs made with it keep their snapshot.").Produces(204).ProducesProblem(404);

        group.MapPost("/{id:int}/check", async (int id, int? plan, string? strategy, long? seed, ScenarioStore store,
            RunInputAssembler assembler, CancellationToken ct) =>
        {
            var saved = await store.GetAsync(id, ct);
            return saved is null ? NotFound(id) : await CheckAsync(saved.Scenario, plan, strategy, seed, assembler, ct);
        }).WithSummary("Resolves a saved scenario against a plan (?plan=, optional strategy and seed, default RoCoIn and 1): the failures " +
                "it causes, each with its device and 1-based group number, or the errors (selectors matching nothing, overlapping events).")
          .Produces<ScenarioCheckDto>().ProducesValidationProblem().ProducesProblem(404);

        group.MapPost("/check", async (HttpRequest request, int? plan, string? strategy, long? seed, RunInputAssembler assembler,
            CancellationToken ct) =>
        {
            var (scenario, error) = await ReadAsync(request, ct);
            return scenario is null ? ApiProblems.Validation([error!]) : await CheckAsync(scenario, plan, strategy, seed, assembler, ct);
        }).WithSummary("Resolves an unsaved scenario (the body) against a plan, as /api/scenarios/{id}/check does.")
          .Produces<ScenarioCheckDto>().ProducesValidationProblem();

        return app;
    }

    private static async Task<IResult> CheckAsync(Scenario scenario, int? planId, string? strategy, long? seed, RunInputAssembler assembler,
        CancellationToken ct)
    {
        var (topology, errors) = await assembler.TopologyForAsync(planId, strategy, "plan", ct);
        if (topology is null)
            return ApiProblems.Validation(errors);
        var usedSeed = seed ?? 1;
        var resolution = ScenarioResolver.Resolve(scenario, topology, usedSeed);
        return RunApiJson.Json(new ScenarioCheckDto(planId!.Value, topology.Strategy, usedSeed, resolution.Succeeded,
            resolution.Errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            resolution.Failures.Select(f => ResolvedFailureDto.From(f, topology)).ToList()));
    }

    private static async Task<(Scenario? Scenario, FieldError? Error)> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        var (text, error) = await RequestBodies.ReadTextAsync(request, ct);
        if (text is null)
            return (null, error);
        if (string.IsNullOrWhiteSpace(text))
            return (null, new FieldError("body", "The body is empty; send a scenario as JSON: { name, description, events }."));
        return ScenarioReader.Read(text);
    }

    private static IResult NotFound(int id) => Results.Problem($"Scenario {id} does not exist.", statusCode: 404, title: "Not found.");
}
