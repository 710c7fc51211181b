using System.Text;
using Microsoft.AspNetCore.Mvc;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Devices.Presets;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Api.Contracts;

namespace RoCoIn.Web.Api;

/// <summary>/api/devices: CRUD, presets, import and export.</summary>
internal static class DeviceEndpoints
{
    public const int MaxTake = 1000;

    public static IEndpointRouteBuilder MapDeviceEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/devices").WithTags("Devices");

        group.MapGet("/", async (DeviceStore store, int? skip, int? take, CancellationToken ct) =>
        {
            var errors = Paging.Validate(skip, take, MaxTake);
            if (errors.Count > 0)
                return ApiProblems.Validation(errors);
            var devices = await store.ListAsync(skip ?? 0, take ?? MaxTake, ct);
            return Results.Ok(devices.Select(DeviceDto.From));
        }).WithSummary("Lists devices by name.").Produces<IEnumerable<DeviceDto>>();

        group.MapGet("/{id:int}", async (int id, DeviceStore store, CancellationToken ct) =>
            await store.GetAsync(id, ct) is { } device
                ? Results.Ok(DeviceDto.From(device))
                : Results.Problem($"Device {id} does not exist.", statusCode: 404, title: "Not found."))
            .WithSummary("One device.").Produces<DeviceDto>().ProducesProblem(404);

        group.MapPost("/", async (HttpRequest request, DeviceStore store, CancellationToken ct) =>
        {
            var (device, errors) = await ReadDeviceAsync(request, ct);
            if (device is null)
                return ApiProblems.Validation(errors);
            return ApiProblems.FromStore(await store.CreateAsync(device, ct),
                created => Results.Created($"/api/devices/{created.Id}", DeviceDto.From(created)));
        }).WithSummary("Creates a device (SI units).").Accepts<DeviceDto>("application/json")
          .Produces<DeviceDto>(201).ProducesValidationProblem();

        group.MapPut("/{id:int}", async (int id, HttpRequest request, DeviceStore store, CancellationToken ct) =>
        {
            var (device, errors) = await ReadDeviceAsync(request, ct);
            if (device is null)
                return ApiProblems.Validation(errors);
            return ApiProblems.FromStore(await store.UpdateAsync(device with { Id = id }, ct), d => Results.Ok(DeviceDto.From(d)));
        }).WithSummary("Replaces a device's profile.").Accepts<DeviceDto>("application/json")
          .Produces<DeviceDto>().ProducesValidationProblem().ProducesProblem(404);

        group.MapDelete("/{id:int}", async (int id, bool? removeFromFleets, DeviceStore store, CancellationToken ct) =>
            ApiProblems.FromStore(await store.DeleteAsync(id, removeFromFleets ?? false, ct), _ => Results.NoContent()))
            .WithSummary("Deletes a device. Refused (409) while a fleet uses it, unless removeFromFleets=true.")
            .Produces(204).ProducesProblem(404).ProducesProblem(409);

        group.MapGet("/presets", () => Results.Ok(DevicePresetCatalogue.All))
            .WithSummary("The preset hardware classes.").Produces<IReadOnlyList<DevicePreset>>();

        group.MapGet("/export", async (string? format, DeviceStore store, CancellationToken ct) =>
        {
            if (!RequestBodies.TryParseFormat(format ?? "json", null, out var parsed))
                return ApiProblems.Validation([new FieldError("format", $"Format must be csv or json (got '{format}').")]);
            var devices = await store.ListAsync(ct);
            var (text, type, name) = parsed == DeviceExchangeFormat.Csv
                ? (DeviceCsv.Write(devices), "text/csv", "devices.csv")
                : (DeviceJson.Write(devices), "application/json", "devices.json");
            return Results.File(Encoding.UTF8.GetBytes(text), type, name);
        }).WithSummary("Every device as a CSV or JSON file (SI units).");

        group.MapPost("/import", async (HttpRequest request, string? format, string? mode, DeviceStore store, CancellationToken ct) =>
        {
            var errors = new List<FieldError>();
            if (!RequestBodies.TryParseFormat(format, request.ContentType, out var parsedFormat))
                errors.Add(new("format", $"Format must be csv or json (got '{format}')."));
            if (!RequestBodies.TryParseMode(mode, out var parsedMode))
                errors.Add(new("mode", $"Mode must be add or replace (got '{mode}')."));
            var (text, bodyError) = await RequestBodies.ReadTextAsync(request, ct);
            if (bodyError is not null)
                errors.Add(bodyError);
            if (errors.Count > 0 || text is null)
                return ApiProblems.Validation(errors);
            var file = parsedFormat == DeviceExchangeFormat.Csv ? DeviceCsv.Read(text) : DeviceJson.Read(text);
            var outcome = await store.ImportAsync(file, parsedMode, ct);
            return outcome.Succeeded
                ? Results.Ok(new ImportResultDto(outcome.Created, outcome.Replaced))
                : ApiProblems.Import(outcome.Errors);
        }).WithSummary("Imports a CSV or JSON device file, all or nothing. mode=add (default) refuses names that exist; mode=replace overwrites them.")
          .Accepts<string>("text/csv", "application/json").Produces<ImportResultDto>().ProducesValidationProblem();

        return app;
    }

    private static async Task<(DeviceProfile? Device, IReadOnlyList<FieldError> Errors)> ReadDeviceAsync(HttpRequest request, CancellationToken ct)
    {
        var (element, error) = await RequestBodies.ReadJsonAsync(request, ct);
        return element is null ? (null, [error!]) : DeviceJson.ReadDevice(element.Value);
    }
}
