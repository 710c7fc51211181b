using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Fleets.Exchange;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Data.Stores;

/// <summary>Fleets: named sets of stored devices. Every write is validated and all or nothing.</summary>
public sealed class FleetStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    public async Task<IReadOnlyList<FleetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Fleets.AsNoTracking()
            .Select(f => new { f.Id, f.Name, f.Description, Count = f.Members.Count, f.CreatedUtc })
            .ToListAsync(cancellationToken);
        return rows.Select(f => new FleetSummary(f.Id, f.Name, f.Description, f.Count, f.CreatedUtc))
            .OrderBy(f => f.Name, StringComparer.OrdinalIgnoreCase).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Fleets.CountAsync(cancellationToken);
    }

    public async Task<Fleet?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Fleets.AsNoTracking().Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        return row is null ? null : ToFleet(row);
    }

    /// <summary>The fleet's devices in fleet order; empty for an unknown fleet.</summary>
    public async Task<IReadOnlyList<DeviceProfile>> GetDevicesAsync(int fleetId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var members = await db.FleetMembers.AsNoTracking().Where(m => m.FleetId == fleetId)
            .OrderBy(m => m.Position).Select(m => m.DeviceId).ToListAsync(cancellationToken);
        var devices = await db.Devices.AsNoTracking().Where(d => members.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        return members.Where(devices.ContainsKey).Select(id => devices[id]).ToList();
    }

    public async Task<StoreResult<Fleet>> CreateAsync(Fleet fleet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, fleet with { Id = 0 }, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<Fleet>.Invalid(errors);
        var row = new FleetRow { Name = fleet.Name, Description = fleet.Description, CreatedUtc = time.GetUtcNow() };
        row.Members = Members(fleet.DeviceIds);
        db.Fleets.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<Fleet>.Ok(ToFleet(row));
    }

    public async Task<StoreResult<Fleet>> UpdateAsync(Fleet fleet, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Fleets.Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == fleet.Id, cancellationToken);
        if (row is null)
            return StoreResult<Fleet>.NotFound($"Fleet {fleet.Id} does not exist.");
        var errors = await ValidateAsync(db, fleet, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<Fleet>.Invalid(errors);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        row.Name = fleet.Name;
        row.Description = fleet.Description;
        db.FleetMembers.RemoveRange(row.Members);
        await db.SaveChangesAsync(cancellationToken);
        row.Members = Members(fleet.DeviceIds);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StoreResult<Fleet>.Ok(ToFleet(row));
    }

    /// <summary>Deletes the fleet; its devices stay.</summary>
    public async Task<StoreResult<Fleet>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Fleets.Include(f => f.Members).FirstOrDefaultAsync(f => f.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<Fleet>.NotFound($"Fleet {id} does not exist.");
        db.Fleets.Remove(row);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<Fleet>.Ok(ToFleet(row));
    }

    /// <summary>Generates devices with <see cref="FleetGenerator"/> and stores them with a new fleet, in one transaction.</summary>
    public async Task<StoreResult<Fleet>> GenerateAsync(FleetGeneratorSettings settings, string fleetName, string description,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = FleetGenerator.Validate(settings).ToList();
        if (errors.Count > 0)
            return StoreResult<Fleet>.Invalid(errors);
        var devices = FleetGenerator.Generate(settings);
        // Belt and braces: whatever the generator makes must pass the same checks as a hand-made device.
        errors.AddRange(devices.SelectMany(DeviceProfileValidator.Validate).DistinctBy(e => e.Message));
        if (errors.Count > 0)
            return StoreResult<Fleet>.Invalid(errors);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var names = devices.Select(d => d.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var taken = (await db.Devices.AsNoTracking().Select(d => d.Name).ToListAsync(cancellationToken)).Where(names.Contains).ToList();
        if (taken.Count > 0)
            errors.Add(new("namePrefix", $"{taken.Count} of the generated names already exist ({string.Join(", ", taken.Order().Take(3))}" +
                $"{(taken.Count > 3 ? ", …" : "")}); choose another name prefix."));
        var fleet = new Fleet { Name = fleetName, Description = description };
        errors.AddRange(await ValidateAsync(db, fleet, cancellationToken));
        if (errors.Count > 0)
            return StoreResult<Fleet>.Invalid(errors);

        db.Devices.AddRange(devices);
        await db.SaveChangesAsync(cancellationToken);
        var row = new FleetRow { Name = fleetName, Description = description, CreatedUtc = time.GetUtcNow(), Members = Members(devices.Select(d => d.Id).ToList()) };
        db.Fleets.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StoreResult<Fleet>.Ok(ToFleet(row));
    }

    /// <summary>
    /// Imports a fleet file all or nothing. A device whose name is free is created; one stored with an identical
    /// profile is reused; one stored with a different profile is a row error unless <paramref name="mode"/> is replace.
    /// </summary>
    public async Task<(StoreResult<Fleet> Result, IReadOnlyList<RowError> RowErrors)> ImportAsync(FleetFile file, DeviceImportMode mode,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var rowErrors = file.Devices.Errors.ToList();
        var stored = (await db.Devices.AsNoTracking().ToListAsync(cancellationToken))
            .GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.First(), StringComparer.OrdinalIgnoreCase);
        var reuse = new List<DeviceProfile>();
        var fresh = new List<DeviceProfile>();
        for (var i = 0; i < file.Devices.Devices.Count; i++)
        {
            var device = file.Devices.Devices[i];
            if (!stored.TryGetValue(device.Name, out var existing))
                fresh.Add(device with { Id = 0 });   // a copy: EF writes ids into what it is given
            else if (existing with { Id = 0 } == device with { Id = 0 } || mode == DeviceImportMode.Replace)
                reuse.Add(device with { Id = existing.Id });
            else
                rowErrors.Add(new(file.Devices.Rows[i], device.Name, DeviceFields.Name,
                    $"A different device named '{existing.Name}' already exists. Rename the row, or import in replace mode to overwrite it."));
        }
        var fleet = new Fleet { Name = file.Name ?? "", Description = file.Description };
        if (file.Name is not null)
            rowErrors.AddRange((await ValidateAsync(db, fleet, cancellationToken)).Select(e => new RowError(0, null, e.Field, e.Message)));
        if (rowErrors.Count > 0)
            return (StoreResult<Fleet>.Invalid(rowErrors.Select(e => new FieldError(e.Field, e.ToString())).ToList()), rowErrors);

        db.Devices.AddRange(fresh);
        if (mode == DeviceImportMode.Replace)
            db.Devices.UpdateRange(reuse);
        await db.SaveChangesAsync(cancellationToken);
        var byName = fresh.Concat(reuse).ToDictionary(d => d.Name, d => d.Id, StringComparer.OrdinalIgnoreCase);
        var row = new FleetRow
        {
            Name = fleet.Name, Description = fleet.Description, CreatedUtc = time.GetUtcNow(),
            Members = Members(file.Devices.Devices.Select(d => byName[d.Name]).ToList()),
        };
        db.Fleets.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return (StoreResult<Fleet>.Ok(ToFleet(row)), []);
    }

    private static async Task<List<FieldError>> ValidateAsync(RoCoInDbContext db, Fleet fleet, CancellationToken cancellationToken)
    {
        var errors = FleetValidator.Validate(fleet).ToList();
        var otherNames = await db.Fleets.Where(f => f.Id != fleet.Id).Select(f => f.Name).ToListAsync(cancellationToken);
        if (!string.IsNullOrWhiteSpace(fleet.Name) && otherNames.Contains(fleet.Name, StringComparer.OrdinalIgnoreCase))
            errors.Add(new("name", $"A fleet named '{fleet.Name}' already exists; names must be unique."));
        var ids = fleet.DeviceIds.Distinct().ToList();
        var known = await db.Devices.Where(d => ids.Contains(d.Id)).Select(d => d.Id).ToListAsync(cancellationToken);
        var unknown = ids.Except(known).ToList();
        if (unknown.Count > 0)
            errors.Add(new("deviceIds", $"No device has id {string.Join(", ", unknown)}."));
        return errors;
    }

    private static List<FleetMemberRow> Members(IReadOnlyList<int> deviceIds) =>
        deviceIds.Select((id, i) => new FleetMemberRow { DeviceId = id, Position = i }).ToList();

    private static Fleet ToFleet(FleetRow row) => new()
    {
        Id = row.Id,
        Name = row.Name,
        Description = row.Description,
        DeviceIds = row.Members.OrderBy(m => m.Position).Select(m => m.DeviceId).ToList(),
    };
}
