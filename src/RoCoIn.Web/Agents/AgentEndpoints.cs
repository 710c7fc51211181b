using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Access;
using RoCoIn.Web.Api;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Agents;

/// <summary>Body of POST /api/agents/tokens.</summary>
public sealed record AgentTokenRequest(int DeviceId, string? Label);

/// <summary>Body of POST /api/agents/local-fleet.</summary>
public sealed record LocalFleetRequest(int PlanId, int? ModelSetId, bool? Emulate);

/// <summary>Body of POST /api/agents/assignments: the plan, and the model set (null: the plan's own, as <see cref="PlanAssigner.ResolveAsync"/> picks).</summary>
public sealed record PlanAssignmentRequest(int PlanId, int? ModelSetId);

/// <summary>A device's assigned student.</summary>
/// <param name="DeviceId">This studio's device (its agent registers with its name).</param>
/// <param name="DeviceName">Its name.</param>
/// <param name="Group">Its group, 1-based (partition k + 1).</param>
/// <param name="Width">d_k: the student's feature width.</param>
/// <param name="ModelHash">SHA-256 of the student's ONNX file.</param>
/// <param name="AgentState">Its agent's state (camelCase), or null when no agent registered for it.</param>
public sealed record AssignedDeviceDto(int DeviceId, string DeviceName, int Group, int Width, string ModelHash, string? AgentState);

/// <summary>Answer of POST /api/agents/assignments.</summary>
public sealed record PlanAssignmentDto(int PlanId, string PlanName, int ModelSetId, string ModelSetName, IReadOnlyList<AssignedDeviceDto> Devices);

/// <summary>
/// /api/agents: connected agents, their model downloads (agent token required), tokens, students assigned to a plan's
/// devices and the local fleet. Issuing tokens, assigning and starting processes answer loopback callers and signed-in
/// editors only (ADR-008, ADR-013).
/// </summary>
internal static class AgentEndpoints
{
    public static IEndpointRouteBuilder MapAgentEndpoints(this IEndpointRouteBuilder app)
    {
        var agents = app.MapGroup("/api/agents").WithTags("Agents");

        agents.MapGet("/", (AgentRegistry registry, LocalFleet fleet) => Results.Ok(registry.List().Select(a => ToDto(a, fleet.Find(a.DeviceId)))))
            .WithSummary("Agents known to the studio (connected ones and those down since), with state, measured and profile FLOP/s, models and heartbeats.");

        agents.MapGet("/models/{file}", async (string file, HttpRequest request, AgentTokenStore tokens, AgentRegistry registry,
            IOptions<StudioOptions> studio, IWebHostEnvironment environment, CancellationToken ct) =>
        {
            var header = request.Headers.Authorization.ToString();
            var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : null;
            var verdict = await tokens.VerifyAsync(token, ct);
            if (!verdict.IsValid || verdict.Device is null)
                return Results.Problem("A valid agent token is required (Authorization: Bearer <token>).", statusCode: 401, title: "Unauthorized.");
            var hash = file.EndsWith(".onnx", StringComparison.Ordinal) ? file[..^5] : file;
            // Only the model assigned to the token's device: a token does not open the whole model store.
            if (registry.AssignmentOf(verdict.Device.Id) is not { } assignment || !string.Equals(assignment.ModelHash, hash, StringComparison.Ordinal))
                return Results.Problem($"Model {hash} is not assigned to device '{verdict.Device.Name}'.", statusCode: 404, title: "Not found.");
            var path = Path.Combine(ModelFiles.Folder(studio.Value, environment), $"{hash}.onnx");
            return File.Exists(path)
                ? Results.File(path, "application/octet-stream", $"{hash}.onnx")
                : Results.Problem($"The file of model {hash} is missing from the data folder.", statusCode: 404, title: "Not found.");
        }).AllowAnonymous() // the agent token above is the check: agents have no sign-in
          .WithSummary("Downloads the ONNX model assigned to the calling agent's device ({sha256}.onnx; Authorization: Bearer <agent token>).")
          .Produces(200, contentType: "application/octet-stream").ProducesProblem(401).ProducesProblem(404);

        agents.MapPost("/tokens", async (AgentTokenRequest body, HttpContext context, AgentTokenAdmin tokens, CancellationToken ct) =>
        {
            if (!MayManageAgents(context))
                return Forbidden();
            var issued = await tokens.IssueAsync(body.DeviceId, string.IsNullOrWhiteSpace(body.Label) ? "issued through the API" : body.Label, ct);
            return ApiProblems.FromStore(issued, t => Results.Created($"/api/agents/tokens/{t.Id}", new { t.Id, t.DeviceId, t.Label, t.Token, t.CreatedUtc }));
        }).WithSummary("Issues an agent token for a device; the token is in this answer only (the studio stores a salted hash). Loopback callers or signed-in editors only.")
          .ProducesProblem(403).ProducesProblem(404);

        agents.MapGet("/tokens", async (int? deviceId, AgentTokenStore tokens, CancellationToken ct) => Results.Ok(await tokens.ListAsync(deviceId, ct)))
            .WithSummary("Agent tokens (never their secrets), newest first; ?deviceId= filters.");

        agents.MapDelete("/tokens/{id:int}", async (int id, HttpContext context, AgentTokenAdmin tokens, CancellationToken ct) =>
            MayManageAgents(context) ? ApiProblems.FromStore(await tokens.RevokeAsync(id, ct), _ => Results.NoContent()) : Forbidden())
            .WithSummary("Revokes an agent token and disconnects the agents using it; their reconnection is refused. Loopback callers or signed-in editors only.")
            .ProducesProblem(403).ProducesProblem(404);

        agents.MapPost("/assignments", async (PlanAssignmentRequest body, HttpContext context, PlanAssigner assigner, PlanStore plans,
            AgentRegistry registry, CancellationToken ct) =>
        {
            if (!MayManageAgents(context))
                return Forbidden();
            List<FieldError> errors = [];
            if (body.PlanId < 1)
                errors.Add(new FieldError("planId", "planId must be the id of a plan (1 or more)."));
            if (body.ModelSetId is < 1)
                errors.Add(new FieldError("modelSetId", "modelSetId must be the id of a model set (1 or more), or left out for the plan's own."));
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var (assignment, error) = await assigner.AssignAsync(body.PlanId, body.ModelSetId, ct);
            if (assignment is null)
            {
                // The assigner says why in a sentence; only a missing plan is "not found", every other refusal is the plan's state here.
                return await plans.GetAsync(body.PlanId, ct) is null
                    ? Results.Problem(error, statusCode: 404, title: "Not found.")
                    : Results.Problem(error, statusCode: 409, title: "The plan's students were not assigned.");
            }
            var set = assignment.ModelSet!;
            return Results.Ok(new PlanAssignmentDto(assignment.Plan.Id, assignment.Plan.Name, set.Id, set.Name,
                [.. assignment.Devices.Select(d => ToDto(d.Device.Id, d.Device.Name, assignment.StudentOf(d)!, registry))]));
        }).WithSummary("Gives every device of a plan's groups its group's student (devices found by name for a plan imported from a bundle), "
            + "all or nothing; connected agents load it at once, the others when they register. Loopback callers or signed-in editors only.")
          .Produces<PlanAssignmentDto>().ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        agents.MapGet("/assignments", async (DeviceStore devices, AgentRegistry registry, CancellationToken ct) =>
            Results.Ok((await devices.ListAsync(ct))
                .Select(d => (Device: d, Assigned: registry.AssignmentOf(d.Id)))
                .Where(x => x.Assigned is not null)
                .OrderBy(x => x.Device.Name, StringComparer.OrdinalIgnoreCase)
                .Select(x => ToDto(x.Device.Id, x.Device.Name, x.Assigned!, registry))
                .ToList()))
            .WithSummary("The student each device is assigned now (devices without one are left out), with its agent's state. Assignments live "
                + "in memory: after a restart, assign the plan again.")
            .Produces<List<AssignedDeviceDto>>();

        agents.MapGet("/local-fleet", (LocalFleet fleet) => Results.Ok(new { fleet.Current, fleet.Agents }))
            .WithSummary("The local fleet (agent processes on the studio's machine) and its processes.");

        agents.MapPost("/local-fleet", async (LocalFleetRequest body, HttpContext context, LocalFleet fleet, CancellationToken ct) =>
        {
            if (!MayManageAgents(context))
                return Forbidden();
            var started = await fleet.StartFleetAsync(body.PlanId, body.ModelSetId, body.Emulate ?? false, ct);
            return started.Started
                ? Results.Ok(started)
                : Results.Problem(started.Error, statusCode: 409, title: "The local fleet was not started.");
        }).WithSummary("Starts one local agent process per device of a plan (stopping any running fleet). Loopback callers or signed-in editors only.")
          .ProducesProblem(403).ProducesProblem(409);

        agents.MapDelete("/local-fleet", async (HttpContext context, LocalFleet fleet, CancellationToken ct) =>
        {
            if (!MayManageAgents(context))
                return Forbidden();
            await fleet.StopFleetAsync(ct);
            return Results.NoContent();
        }).WithSummary("Stops the local fleet: kills and reaps every agent process and revokes their tokens. Loopback callers or signed-in editors only.")
          .ProducesProblem(403);

        return app;
    }

    // Tokens and processes are for callers on the studio's machine, or editors who signed in (ADR-013); open access
    // beyond loopback (Mode open) does not hand them out.
    private static bool MayManageAgents(HttpContext context) =>
        context.User.IsSignedIn() || (context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address));

    private static IResult Forbidden() =>
        Results.Problem("Only callers on the studio's own machine or signed-in editors may do this.", statusCode: 403, title: "Forbidden.");

    private static AssignedDeviceDto ToDto(int deviceId, string deviceName, AgentAssignment assigned, AgentRegistry registry) =>
        new(deviceId, deviceName, assigned.Partition + 1, assigned.Width, assigned.ModelHash,
            registry.Find(deviceId) is { } agent ? JsonNamingPolicy.CamelCase.ConvertName(agent.State.ToString()) : null);

    private static object ToDto(AgentSnapshot a, LocalAgentInfo? local) => new
    {
        a.DeviceId,
        a.DeviceName,
        State = JsonNamingPolicy.CamelCase.ConvertName(a.State.ToString()),
        a.Reason,
        a.AgentVersion,
        a.ProcessId,
        a.Machine,
        a.MeasuredFlopsPerSecond,
        a.ProfileFlopsPerSecond,
        a.ModelHash,
        a.AssignedModelHash,
        a.ConnectedUtc,
        a.LastHeartbeatUtc,
        a.DownSinceUtc,
        a.Emulating,
        a.Pending,
        a.Queued,
        a.Served,
        a.Dropped,
        Local = local is null ? null : new { local.ProcessId, State = JsonNamingPolicy.CamelCase.ConvertName(local.State.ToString()), local.ExitCode, local.Starts },
        ProtocolVersion = AgentProtocol.Version,
    };
}
