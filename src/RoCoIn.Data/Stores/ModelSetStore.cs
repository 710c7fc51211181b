using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Data.Stores;

/// <summary>A stored model set with its result.</summary>
public sealed record SavedModelSet(int Id, string Name, int? PlanId, int? JobId, DateTimeOffset CreatedUtc, DistillationResult Result);

/// <summary>A model set as lists show it.</summary>
public sealed record ModelSetSummary(int Id, string Name, int? PlanId, DateTimeOffset CreatedUtc, int Groups, double TeacherAccuracy,
    double EnsembleAccuracy, string DatasetSource);

/// <summary>Distilled model sets: immutable results of distillation jobs.</summary>
public sealed class ModelSetStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    public async Task<int> SaveAsync(string name, int? planId, int? jobId, DistillationResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (planId is { } id && !await db.Plans.AnyAsync(p => p.Id == id, cancellationToken))
            planId = null;   // the plan was deleted while the job ran; keep the students anyway
        var row = new ModelSetRow
        {
            Name = name.Length > 200 ? name[..200] : name,
            PlanId = planId,
            JobId = jobId,
            CreatedUtc = time.GetUtcNow(),
            Groups = result.Students.Count,
            TeacherAccuracy = result.Teacher.TestAccuracy,
            EnsembleAccuracy = result.EnsembleAccuracy,
            DatasetSource = result.Data.Source,
            ResultJson = DistillationJson.WriteResult(result),
        };
        db.ModelSets.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<IReadOnlyList<ModelSetSummary>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return (await db.ModelSets.AsNoTracking().OrderByDescending(m => m.Id).ToListAsync(cancellationToken))
            .Select(m => new ModelSetSummary(m.Id, m.Name, m.PlanId, m.CreatedUtc, m.Groups, m.TeacherAccuracy, m.EnsembleAccuracy, m.DatasetSource))
            .ToList();
    }

    public async Task<SavedModelSet?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.ModelSets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        return row is null ? null : new SavedModelSet(row.Id, row.Name, row.PlanId, row.JobId, row.CreatedUtc, DistillationJson.ReadResult(row.ResultJson));
    }

    /// <summary>The newest model set distilled for <paramref name="planId"/>, or null.</summary>
    public async Task<SavedModelSet?> LatestForPlanAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.ModelSets.AsNoTracking().Where(m => m.PlanId == planId).OrderByDescending(m => m.Id)
            .Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await GetAsync(found, cancellationToken) : null;
    }
}
