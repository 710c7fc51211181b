using Microsoft.EntityFrameworkCore;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Data.Stores;

/// <summary>Device profiles: validated writes, all-or-nothing imports, deletes that respect fleets.</summary>
public sealed class DeviceStore(IDbContextFactory<RoCoInDbContext> contexts)
{
    public async Task<IReadOnlyList<DeviceProfile>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().OrderBy(d => d.Name).ToListAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<DeviceProfile>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().OrderBy(d => d.Name).Skip(skip).Take(take).ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Devices.CountAsync(cancellationToken);
    }

    public async Task<DeviceProfile?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
    }

    /// <summary>Names of the fleets that hold the device, alphabetical.</summary>
    public async Task<IReadOnlyList<string>> FleetsUsingAsync(int deviceId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FleetMembers.Where(m => m.DeviceId == deviceId)
            .Join(db.Fleets, m => m.FleetId, f => f.Id, (_, f) => f.Name)
            .OrderBy(n => n).ToListAsync(cancellationToken);
    }

    /// <summary>Fleet membership counts per device id (devices in no fleet are absent).</summary>
    public async Task<IReadOnlyDictionary<int, int>> FleetCountsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.FleetMembers.GroupBy(m => m.DeviceId)
            .Select(g => new { g.Key, Count = g.Count() })
            .ToDictionaryAsync(x => x.Key, x => x.Count, cancellationToken);
    }

    public async Task<StoreResult<DeviceProfile>> CreateAsync(DeviceProfile device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        device = device with { Id = 0 };
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var errors = await ValidateAsync(db, device, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<DeviceProfile>.Invalid(errors);
        db.Devices.Add(device);
        return await SaveAsync(db, device, cancellationToken);
    }

    public async Task<StoreResult<DeviceProfile>> UpdateAsync(DeviceProfile device, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(device);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Devices.AnyAsync(d => d.Id == device.Id, cancellationToken))
            return StoreResult<DeviceProfile>.NotFound($"Device {device.Id} does not exist.");
        var errors = await ValidateAsync(db, device, cancellationToken);
        if (errors.Count > 0)
            return StoreResult<DeviceProfile>.Invalid(errors);
        db.Devices.Update(device);
        return await SaveAsync(db, device, cancellationToken);
    }

    /// <summary>
    /// Deletes a device. While a fleet holds it, the delete is refused with the fleets named, unless
    /// <paramref name="removeFromFleets"/> is set, in which case it leaves those fleets too.
    /// </summary>
    public async Task<StoreResult<DeviceProfile>> DeleteAsync(int id, bool removeFromFleets, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == id, cancellationToken);
        if (device is null)
            return StoreResult<DeviceProfile>.NotFound($"Device {id} does not exist.");
        var fleets = await FleetsUsingAsync(id, cancellationToken);
        if (fleets.Count > 0 && !removeFromFleets)
            return StoreResult<DeviceProfile>.Conflict(
                $"'{device.Name}' is used by {fleets.Count} fleet{(fleets.Count == 1 ? "" : "s")} ({string.Join(", ", fleets)}). " +
                "Remove it from those fleets first, or delete it together with its fleet memberships.");
        db.Devices.Remove(device);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<DeviceProfile>.Ok(device);
    }

    /// <summary>Imports a read file all or nothing: any row error, or any stored name in add mode, imports nothing.</summary>
    public async Task<DeviceImportOutcome> ImportAsync(DeviceFileReadResult file, DeviceImportMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(file);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var stored = await db.Devices.AsNoTracking().ToListAsync(cancellationToken);
        var plan = DeviceImportPlanner.Plan(file, stored, mode);
        if (!plan.IsValid)
            return new(0, 0, plan.Errors);
        db.Devices.AddRange(plan.Creates);
        db.Devices.UpdateRange(plan.Updates);
        await db.SaveChangesAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new(plan.Creates.Count, plan.Updates.Count, []);
    }

    private static async Task<IReadOnlyList<FieldError>> ValidateAsync(RoCoInDbContext db, DeviceProfile device, CancellationToken cancellationToken)
    {
        var errors = DeviceProfileValidator.Validate(device);
        if (errors.Count > 0)
            return errors;
        // Compared in .NET, not by SQLite's NOCASE, which folds ASCII letters only ("Äpfel" vs "äpfel").
        var others = await db.Devices.AsNoTracking().Where(d => d.Id != device.Id).ToListAsync(cancellationToken);
        return DeviceProfileValidator.Validate(device, others);
    }

    private static async Task<StoreResult<DeviceProfile>> SaveAsync(RoCoInDbContext db, DeviceProfile device, CancellationToken cancellationToken)
    {
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            return StoreResult<DeviceProfile>.Ok(device);
        }
        catch (DbUpdateException)
        {
            // Another writer took the name between the check and the insert.
            return StoreResult<DeviceProfile>.Invalid([new FieldError(DeviceFields.Name, $"A device named '{device.Name}' already exists; names must be unique.")]);
        }
    }
}
