using System.Net;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Api;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Hubs.Contracts;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Agents;

/// <summary>Body of POST /api/agents/tokens.</summary>
public sealed record AgentTokenRequest(int DeviceId, string? Label);

/// <summary>Body of POST /api/agents/local-fleet.</summary>
public sealed record LocalFleetRequest(int PlanId, int? ModelSetId, bool? Emulate);

/// <summary>
/// /api/agents: connected agents, their model downloads (agent token required), tokens and the local fleet. Issuing
/// tokens and starting processes answer loopback callers only until the studio has a login (ADR-008).
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
        }).WithSummary("Downloads the ONNX model assigned to the calling agent's device ({sha256}.onnx; Authorization: Bearer <agent token>).")
          .Produces(200, contentType: "application/octet-stream").ProducesProblem(401).ProducesProblem(404);

        agents.MapPost("/tokens", async (AgentTokenRequest body, HttpContext context, AgentTokenAdmin tokens, CancellationToken ct) =>
        {
            if (!IsLoopback(context))
                return Forbidden();
            var issued = await tokens.IssueAsync(body.DeviceId, string.IsNullOrWhiteSpace(body.Label) ? "issued through the API" : body.Label, ct);
            return ApiProblems.FromStore(issued, t => Results.Created($"/api/agents/tokens/{t.Id}", new { t.Id, t.DeviceId, t.Label, t.Token, t.CreatedUtc }));
        }).WithSummary("Issues an agent token for a device; the token is in this answer only (the studio stores a salted hash). Loopback callers only.")
          .ProducesProblem(403).ProducesProblem(404);

        agents.MapGet("/tokens", async (int? deviceId, AgentTokenStore tokens, CancellationToken ct) => Results.Ok(await tokens.ListAsync(deviceId, ct)))
            .WithSummary("Agent tokens (never their secrets), newest first; ?deviceId= filters.");

        agents.MapDelete("/tokens/{id:int}", async (int id, HttpContext context, AgentTokenAdmin tokens, CancellationToken ct) =>
            IsLoopback(context) ? ApiProblems.FromStore(await tokens.RevokeAsync(id, ct), _ => Results.NoContent()) : Forbidden())
            .WithSummary("Revokes an agent token and disconnects the agents using it; their reconnection is refused. Loopback callers only.")
            .ProducesProblem(403).ProducesProblem(404);

        agents.MapGet("/local-fleet", (LocalFleet fleet) => Results.Ok(new { fleet.Current, fleet.Agents }))
            .WithSummary("The local fleet (agent processes on the studio's machine) and its processes.");

        agents.MapPost("/local-fleet", async (LocalFleetRequest body, HttpContext context, LocalFleet fleet, CancellationToken ct) =>
        {
            if (!IsLoopback(context))
                return Forbidden();
            var started = await fleet.StartFleetAsync(body.PlanId, body.ModelSetId, body.Emulate ?? false, ct);
            return started.Started
                ? Results.Ok(started)
                : Results.Problem(started.Error, statusCode: 409, title: "The local fleet was not started.");
        }).WithSummary("Starts one local agent process per device of a plan (stopping any running fleet). Loopback callers only.")
          .ProducesProblem(403).ProducesProblem(409);

        agents.MapDelete("/local-fleet", async (HttpContext context, LocalFleet fleet, CancellationToken ct) =>
        {
            if (!IsLoopback(context))
                return Forbidden();
            await fleet.StopFleetAsync(ct);
            return Results.NoContent();
        }).WithSummary("Stops the local fleet: kills and reaps every agent process and revokes their tokens. Loopback callers only.")
          .ProducesProblem(403);

        return app;
    }

    private static bool IsLoopback(HttpContext context) => context.Connection.RemoteIpAddress is { } address && IPAddress.IsLoopback(address);

    private static IResult Forbidden() =>
        Results.Problem("Only callers on the studio's own machine may do this until the studio has a login.", statusCode: 403, title: "Forbidden.");

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
