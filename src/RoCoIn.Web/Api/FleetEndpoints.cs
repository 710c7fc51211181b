using System.Text;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Fleets.Exchange;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Api.Contracts;

namespace RoCoIn.Web.Api;

/// <summary>/api/fleets: CRUD, the paper-setting generator, import and export of whole fleets.</summary>
internal static class FleetEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapFleetEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/fleets").WithTags("Fleets");

        group.MapGet("/", async (FleetStore store, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var fleets = await store.ListAsync(ct);
            return Results.Ok(fleets.Skip(skip ?? 0).Take(take ?? MaxTake).Select(FleetSummaryDto.From));
        }).WithSummary("Lists fleets by name.").Produces<IEnumerable<FleetSummaryDto>>();

        group.MapGet("/{id:int}", async (int id, FleetStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } fleet
                ? Results.Ok(await ToDtoAsync(store, fleet, ct))
                : NotFound(id))
            .WithSummary("One fleet with its devices.").Produces<FleetDto>().ProducesProblem(404);

        group.MapPost("/", async (FleetInput input, FleetStore store, CancellationToken ct) =>
            ApiProblems.FromStore(await store.CreateAsync(input.ToFleet(), ct),
                fleet => Results.Created($"/api/fleets/{fleet.Id}", new { fleet.Id, fleet.Name, fleet.Description, fleet.DeviceIds })))
            .WithSummary("Creates a fleet from stored device ids.").Produces(201).ProducesValidationProblem();

        group.MapPut("/{id:int}", async (int id, FleetInput input, FleetStore store, CancellationToken ct) =>
            await ApiProblems.FromStoreAsync(await store.UpdateAsync(input.ToFleet(id), ct), async fleet => Results.Ok(await ToDtoAsync(store, fleet, ct))))
            .WithSummary("Renames a fleet or replaces its devices.").Produces<FleetDto>().ProducesValidationProblem().ProducesProblem(404);

        group.MapDelete("/{id:int}", async (int id, FleetStore store, CancellationToken ct) =>
            ApiProblems.FromStore(await store.DeleteAsync(id, ct), _ => Results.NoContent()))
            .WithSummary("Deletes a fleet; its devices stay.").Produces(204).ProducesProblem(404);

        group.MapPost("/generate", async (GenerateFleetRequest request, FleetStore store, CancellationToken ct) =>
        {
            var settings = request.ToSettings();
            var name = request.Name ?? $"Generated (seed {settings.Seed})";
            return ApiProblems.FromStore(await store.GenerateAsync(settings, name, request.Description ?? "", ct),
                fleet => Results.Created($"/api/fleets/{fleet.Id}", new { fleet.Id, fleet.Name, fleet.DeviceIds, settings.Seed }));
        }).WithSummary("Generates a seeded heterogeneous fleet (defaults: the paper's 8 devices, 5–30 MFLOPS, 0.5–1 Mbps).")
          .Produces(201).ProducesValidationProblem();

        group.MapGet("/{id:int}/export", async (int id, FleetStore store, CancellationToken ct) =>
        {
            if (await store.GetAsync(id, ct) is not { } fleet)
                return NotFound(id);
            var devices = await store.GetDevicesAsync(id, ct);
            return Results.File(Encoding.UTF8.GetBytes(FleetJson.Write(fleet, devices)), "application/json", $"fleet-{id}.json");
        }).WithSummary("The fleet and its devices' full profiles as one JSON file.");

        group.MapPost("/import", async (HttpRequest request, string? mode, FleetStore store, CancellationToken ct) =>
        {
            if (!RequestBodies.TryParseMode(mode, out var parsedMode))
                return ApiProblems.Validation([new FieldError("mode", $"Mode must be add or replace (got '{mode}').")]);
            var (text, error) = await RequestBodies.ReadTextAsync(request, ct);
            if (text is null)
                return ApiProblems.Validation([error!]);
            var (result, rowErrors) = await store.ImportAsync(FleetJson.Read(text), parsedMode, ct);
            return result.IsOk
                ? Results.Created($"/api/fleets/{result.Value!.Id}", new { result.Value.Id, result.Value.Name, result.Value.DeviceIds })
                : ApiProblems.Import(rowErrors);
        }).WithSummary("Imports a fleet file, all or nothing: new devices are created, identical ones reused, differing ones refused unless mode=replace.")
          .Accepts<string>("application/json").Produces(201).ProducesValidationProblem();

        return app;
    }

    private static IResult NotFound(int id) => Results.Problem($"Fleet {id} does not exist.", statusCode: 404, title: "Not found.");

    private static async Task<FleetDto> ToDtoAsync(FleetStore store, Fleet fleet, CancellationToken ct)
    {
        var devices = await store.GetDevicesAsync(fleet.Id, ct);
        return new FleetDto(fleet.Id, fleet.Name, fleet.Description, fleet.DeviceIds, devices.Select(DeviceDto.From).ToList());
    }
}
