using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Data.Stores;

/// <summary>Saved plans: immutable documents, listed with whether their fleet has changed since.</summary>
public sealed class PlanStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    public Task<int> SaveAsync(string name, int? fleetId, string fleetName, PlanDocument document, int? jobId,
        CancellationToken cancellationToken = default) =>
        SaveAsync(name, fleetId, fleetName, document, jobId, basedOnModelSetId: null, cancellationToken);

    /// <summary>Saves a plan; <paramref name="basedOnModelSetId"/> names the model set whose students a fixed-student plan kept.</summary>
    public async Task<int> SaveAsync(string name, int? fleetId, string fleetName, PlanDocument document, int? jobId,
        int? basedOnModelSetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var plan = document.Result.Plan;
        var row = new PlanRow
        {
            Name = name.Length > 200 ? name[..200] : name,
            FleetId = fleetId,
            FleetName = fleetName,
            FleetHash = document.FleetHash,
            CreatedUtc = time.GetUtcNow(),
            JobId = jobId,
            BasedOnModelSetId = basedOnModelSetId,
            Feasible = plan is not null,
            Groups = plan?.Groups.Count ?? 0,
            ObjectiveJ = plan?.Metrics.ObjectiveJ,
            Reliability = plan?.Metrics.Reliability,
            DocumentJson = document.ToJson(),
        };
        db.Plans.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<IReadOnlyList<PlanSummary>> ListAsync(int skip = 0, int take = 1000, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Plans.AsNoTracking().OrderByDescending(p => p.Id).Skip(skip).Take(take)
            .Select(p => new { p.Id, p.Name, p.FleetId, p.FleetName, p.CreatedUtc, p.Feasible, p.Groups, p.ObjectiveJ, p.Reliability, p.FleetHash, p.BasedOnModelSetId })
            .ToListAsync(cancellationToken);
        var hashes = await CurrentFleetHashesAsync(db, rows.Select(r => r.FleetId), cancellationToken);
        return rows.Select(r => new PlanSummary(r.Id, r.Name, r.FleetId, r.FleetName, r.CreatedUtc, r.Feasible, r.Groups, r.ObjectiveJ,
            r.Reliability, Changed(hashes, r.FleetId, r.FleetHash), r.BasedOnModelSetId)).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Plans.CountAsync(cancellationToken);
    }

    public async Task<SavedPlan?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Plans.AsNoTracking().FirstOrDefaultAsync(p => p.Id == id, cancellationToken);
        if (row is null)
            return null;
        var hashes = await CurrentFleetHashesAsync(db, [row.FleetId], cancellationToken);
        return new SavedPlan(row.Id, row.Name, row.FleetId, row.FleetName, row.CreatedUtc, row.JobId, row.BasedOnModelSetId,
            PlanDocument.FromJson(row.DocumentJson), Changed(hashes, row.FleetId, row.FleetHash));
    }

    /// <summary>
    /// Deletes a plan unless runs name it (they keep its name and id; the database refuses the delete): not found,
    /// conflict with the number of runs, or ok.
    /// </summary>
    public async Task<StoreResult<int>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.CountAsync(r => r.PlanId == id, cancellationToken);
        if (runs > 0)
            return StoreResult<int>.Conflict($"Plan {id} has {runs} run{(runs == 1 ? "" : "s")}; delete {(runs == 1 ? "it" : "them")} first.");
        return await db.Plans.Where(p => p.Id == id).ExecuteDeleteAsync(cancellationToken) > 0
            ? StoreResult<int>.Ok(id)
            : StoreResult<int>.NotFound($"Plan {id} does not exist.");
    }

    // A deleted fleet counts as changed; a plan without a fleet (imported) never does.
    private static bool Changed(IReadOnlyDictionary<int, string> current, int? fleetId, string hash) =>
        fleetId is { } id && (!current.TryGetValue(id, out var now) || now != hash);

    private static async Task<IReadOnlyDictionary<int, string>> CurrentFleetHashesAsync(RoCoInDbContext db, IEnumerable<int?> fleetIds,
        CancellationToken cancellationToken)
    {
        var ids = fleetIds.OfType<int>().Distinct().ToList();
        var members = await db.FleetMembers.AsNoTracking().Where(m => ids.Contains(m.FleetId))
            .Select(m => new { m.FleetId, m.DeviceId }).ToListAsync(cancellationToken);
        var deviceIds = members.Select(m => m.DeviceId).Distinct().ToList();
        var devices = await db.Devices.AsNoTracking().Where(d => deviceIds.Contains(d.Id)).ToDictionaryAsync(d => d.Id, cancellationToken);
        var existing = await db.Fleets.AsNoTracking().Where(f => ids.Contains(f.Id)).Select(f => f.Id).ToListAsync(cancellationToken);
        return existing.ToDictionary(id => id,
            id => FleetHash.Compute(members.Where(m => m.FleetId == id).Select(m => devices[m.DeviceId])));
    }
}
