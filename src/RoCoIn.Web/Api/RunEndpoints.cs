using System.Text;
using System.Text.Json;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Api;

/// <summary>/api/runs: start, list, read, control, replay, export and delete runs, simulated or on real agents.</summary>
internal static class RunEndpoints
{
    public const int MaxTake = 1000;
    public const int MaxEventsTake = 10_000;

    public static IEndpointRouteBuilder MapRunEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/runs").WithTags("Runs");

        group.MapPost("/", async (RunStartInput input, RunInputAssembler assembler, RunHost host, CancellationToken ct) =>
        {
            var (prepared, errors) = await assembler.PrepareAsync(input, ct);
            return prepared is null ? ApiProblems.Validation(errors) : Started(await host.StartAsync(prepared, ct));
        }).WithSummary("Starts a run of a saved plan, simulated (kind \"simulated\", the default) or on local device agents " +
                "(kind \"real\", with emulate and modelSetId; wall-clock speed): strategy (default RoCoIn, or a baseline), seed, settings (SI units), " +
                "a saved scenario (scenarioId) or an inline one (scenario), speed \"fast\" or \"realtime\" with speedFactor in [0.1, 100], " +
                "startPaused. 202 with Location /api/jobs/{id} and { jobId, runId, warnings }; nothing is created on a 400.")
          .Produces(202).ProducesValidationProblem().ProducesProblem(409);

        group.MapGet("/", async (RunStore store, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var runs = await store.ListAsync(skip ?? 0, take ?? MaxTake, ct);
            return RunApiJson.Json(runs.Select(RunListItemDto.From).ToList());
        }).WithSummary("Runs, newest first, with their plan's name.").Produces<IReadOnlyList<RunListItemDto>>().ProducesValidationProblem();

        group.MapGet("/{id:int}", async (int id, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var live = await host.GetLiveAsync(id, ct);
            return await store.GetAsync(id, ct) is { } run ? RunApiJson.Json(RunDto.From(run, live)) : NotFound(id);
        }).WithSummary("One run: inputs (topology, settings, scenario, injections), status, summary once ended, the live snapshot while live.")
          .Produces<RunDto>().ProducesProblem(404);

        group.MapGet("/{id:int}/seconds", async (int id, int? from, int? to, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var errors = new List<FieldError>();
            if (from < 0)
                errors.Add(new("from", $"from must be 0 or more (got {from})."));
            if (to < 0)
                errors.Add(new("to", $"to must be 0 or more (got {to})."));
            if (from > to)
                errors.Add(new("to", $"to ({to}) must not be before from ({from})."));
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            if (await host.LiveSecondsAsync(id, from, to, ct) is { } live)
                return RunApiJson.Json(live);
            return await Exists(store, id, ct) ? RunApiJson.Json(await store.GetSecondsAsync(id, from, to, ct)) : NotFound(id);
        }).WithSummary("Per-second aggregates of simulated seconds [from, to] (both optional, inclusive): sent, served, correct, " +
                "within objective, latency sum and percentiles of the requests that arrived in that second.")
          .ProducesValidationProblem().ProducesProblem(404);

        group.MapGet("/{id:int}/comparison", async (int id, RunStore store, RunHost host, SimulationTwin twin, CancellationToken ct) =>
        {
            if (host.IsLive(id))
                return Conflict($"Run {id} is live; its measured figures are compared once it ends.");
            var run = await store.GetAsync(id, ct);
            if (run is null)
                return NotFound(id);
            if (run.Kind != RunInputAssembler.RealKind)
                return Conflict($"Run {id} is simulated: its summary already holds the closed form; the comparison is for runs on real agents.");
            if (run.Summary is not { } measured)
                return Conflict($"Run {id} {RunStore.Describe(run.Status)} and has no result to compare.");
            return RunApiJson.Json(new RunComparisonDto(id, measured, twin.For(run), measured.Prediction));
        }).WithSummary("Sim vs real for an ended real run: the measured summary, the simulation of the same inputs (plan snapshot, " +
                "arrivals, seed, scenario, injections) over the same span, and the closed form.")
          .Produces<RunComparisonDto>().ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/{id:int}/histogram", async (int id, RunStore store, RunHost host, CancellationToken ct) =>
        {
            if (host.IsLive(id))
                return Conflict($"Run {id} is live; its latency histogram is stored when it ends. Follow it through its seconds meanwhile.");
            var run = await store.GetAsync(id, ct);
            if (run is null)
                return NotFound(id);
            return run.Histogram is { } histogram
                ? RunApiJson.Json(histogram)
                : Conflict($"Run {id} {RunStore.Describe(run.Status)} and has no histogram: only runs that ended with a result have one.");
        }).WithSummary("The latency histogram of served requests (upper bound in seconds, count) of an ended run.")
          .ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/{id:int}/events", async (int id, int? skip, int? take, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxEventsTake);
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var events = await host.LiveEventsAsync(id, ct);
            if (events is null)
            {
                var run = await store.GetAsync(id, ct);
                if (run is null)
                    return NotFound(id);
                events = run.Events ?? [];
            }
            return RunApiJson.Json(events.Skip(skip ?? 0).Take(take ?? MaxEventsTake).ToList());
        }).WithSummary("The run's event log in simulated-time order: failures starting and ending, injections, abort, end.")
          .ProducesValidationProblem().ProducesProblem(404);

        group.MapPost("/{id:int}/pause", async (int id, RunHost host, CancellationToken ct) =>
            FromControl(id, await host.PauseAsync(id, ct), RunStatus.Paused))
            .WithSummary("Pauses a running run (simulated time stops). 409 unless it is running.").ProducesProblem(404).ProducesProblem(409);

        group.MapPost("/{id:int}/resume", async (int id, RunHost host, CancellationToken ct) =>
            FromControl(id, await host.ResumeAsync(id, ct), RunStatus.Running))
            .WithSummary("Resumes a paused run. 409 unless it is paused.").ProducesProblem(404).ProducesProblem(409);

        group.MapPost("/{id:int}/step", async (int id, RunHost host, CancellationToken ct) =>
            ApiProblems.FromStore(await host.StepAsync(id, ct), trace => RunApiJson.Json(trace)))
            .WithSummary("Simulates exactly one more request of a paused run and returns its path: every member's outcome and times " +
                "(group indexes 0-based). 409 while running or once ended.")
            .ProducesProblem(404).ProducesProblem(409);

        group.MapPost("/{id:int}/injections", async (int id, RunInjectionInput input, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var result = await host.InjectAsync(id, input, ct);
            if (!result.IsOk)
                return ApiProblems.FromStore(result, _ => Results.Empty);
            var run = await store.GetAsync(id, ct);
            return RunApiJson.Json(run is null ? result.Value : RunInjectionDto.From(result.Value!, run.Topology));
        }).WithSummary("Injects a failure into a running or paused run now (simulated time): action crash, recover, slow, restoreSpeed, " +
                "degradeLink, cutLink or restoreLink; target deviceName, deviceId or groupNumber (1 = first group); factor, " +
                "extraLatencySeconds, lossProbability. The run records it with its time, so a replay repeats it.")
          .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        group.MapPost("/{id:int}/stop", async (int id, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var stopped = await host.StopAsync(id, ct);
            if (!stopped.IsOk)
                return ApiProblems.FromStore(stopped, _ => Results.Empty);
            return await store.GetAsync(id, ct) is { } run ? RunApiJson.Json(RunDto.From(run, null)) : NotFound(id);
        }).WithSummary("Stops a running or paused run at its current simulated time and stores its results; answers with the ended run.")
          .Produces<RunDto>().ProducesProblem(404).ProducesProblem(409);

        group.MapPost("/{id:int}/replay", async (int id, HttpRequest request, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var (input, error) = await ReadReplayInputAsync(request, ct);
            if (error is not null)
                return ApiProblems.Validation([error]);
            var original = await store.GetAsync(id, ct);
            if (original is null)
                return NotFound(id);
            if (original.Status.IsLive())
                return Conflict($"Run {id} {RunStore.Describe(original.Status)}; replay it once it has ended.");
            var (prepared, errors) = RunInputAssembler.PrepareReplay(original, input);
            return prepared is null ? ApiProblems.Validation(errors) : Started(await host.StartAsync(prepared, ct));
        }).WithSummary("Starts a new run that re-simulates an ended one exactly: its stored topology, settings and seed, scenario " +
                "snapshot and manual injections at their recorded times. Optional body { speed, speedFactor, startPaused }.")
          .Produces(202).ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/{id:int}/export", async (int id, string? format, RunStore store, RunHost host, CancellationToken ct) =>
        {
            var kind = string.IsNullOrEmpty(format) ? "json" : format.ToLowerInvariant();
            if (kind is not ("csv" or "json"))
                return ApiProblems.Validation([new FieldError("format", $"Unknown format '{format}'. Use csv or json.")]);
            if (host.IsLive(id))
                return Conflict($"Run {id} is live; export it once it has ended.");
            var run = await store.GetAsync(id, ct);
            if (run is null)
                return NotFound(id);
            var seconds = await store.GetSecondsAsync(id, cancellationToken: ct);
            return kind == "csv"
                ? Results.File(Encoding.UTF8.GetBytes(RunExport.Csv(seconds)), "text/csv", $"run-{id}-seconds.csv")
                : Results.File(Encoding.UTF8.GetBytes(RunExport.Json(run, seconds)), "application/json", $"run-{id}.json");
        }).WithSummary("An ended run as a file: csv = per-second aggregates with a header (SI units in the column names); " +
                "json = inputs, summary, seconds, histogram and events.")
          .ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

        group.MapDelete("/{id:int}", async (int id, RunStore store, RunHost host, CancellationToken ct) =>
        {
            if (host.IsLive(id))
                return Conflict($"Run {id} is live; stop it before deleting it.");
            return ApiProblems.FromStore(await store.DeleteAsync(id, ct), _ => Results.NoContent());
        }).WithSummary("Deletes an ended run with its seconds. 409 while it is live.").Produces(204).ProducesProblem(404).ProducesProblem(409);

        return app;
    }

    // Read by hand: the body is optional, and a bodiless POST carries no content type for the binder to accept.
    private static async Task<(RunReplayInput? Input, FieldError? Error)> ReadReplayInputAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength is 0 or null && request.Headers.TransferEncoding.Count == 0)
            return (null, null);
        var (text, error) = await RequestBodies.ReadTextAsync(request, ct);
        if (text is null)
            return (null, error);
        if (string.IsNullOrWhiteSpace(text))
            return (null, null);
        try
        {
            return (JsonSerializer.Deserialize<RunReplayInput>(text, JsonSerializerOptions.Web), null);
        }
        catch (JsonException ex)
        {
            var field = string.IsNullOrEmpty(ex.Path) || ex.Path == "$" ? "body" : ex.Path.TrimStart('$', '.');
            return (null, new FieldError(field, "Not valid here: expected { speed, speedFactor, startPaused }."));
        }
    }

    private static IResult Started(StoreResult<RunStarted> result) => ApiProblems.FromStore(result, started =>
        Results.Accepted($"/api/jobs/{started.JobId}", new { jobId = started.JobId, runId = started.RunId, warnings = started.Warnings }));

    private static IResult FromControl(int id, StoreResult<Engine.Simulation.RunSnapshot> result, RunStatus status) =>
        ApiProblems.FromStore(result, snapshot => RunApiJson.Json(new RunControlDto(id, status, snapshot)));

    private static async Task<bool> Exists(RunStore store, int id, CancellationToken ct) => await store.GetAsync(id, ct) is not null;

    private static IResult NotFound(int id) => Results.Problem($"Run {id} does not exist.", statusCode: 404, title: "Not found.");

    private static IResult Conflict(string detail) => Results.Problem(detail, statusCode: 409, title: "Conflict.");
}
