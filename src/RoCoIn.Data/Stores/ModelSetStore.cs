using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Data.Stores;

/// <summary>A stored model set with its result.</summary>
public sealed record SavedModelSet(int Id, string Name, int? PlanId, int? JobId, DateTimeOffset CreatedUtc, DistillationResult Result);

/// <summary>A model set as lists show it.</summary>
public sealed record ModelSetSummary(int Id, string Name, int? PlanId, DateTimeOffset CreatedUtc, int Groups, double TeacherAccuracy,
    double EnsembleAccuracy, string DatasetSource);

/// <summary>What stored model sets point at outside the database.</summary>
/// <param name="ModelHashes">SHA-256 of every student's and aggregator's ONNX file (models/&lt;sha256&gt;.onnx).</param>
/// <param name="TeacherPaths">Every teacher's weights file, as stored (absolute paths).</param>
public sealed record ModelSetReferences(IReadOnlySet<string> ModelHashes, IReadOnlySet<string> TeacherPaths);

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
        return row is null ? null : ToSaved(row);
    }

    /// <summary>The newest model set distilled for <paramref name="planId"/>, or null.</summary>
    public async Task<SavedModelSet?> LatestForPlanAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var id = await db.ModelSets.AsNoTracking().Where(m => m.PlanId == planId).OrderByDescending(m => m.Id)
            .Select(m => (int?)m.Id).FirstOrDefaultAsync(cancellationToken);
        return id is { } found ? await GetAsync(found, cancellationToken) : null;
    }

    /// <summary>
    /// The model set whose students run <paramref name="plan"/>: the one asked for (<paramref name="modelSetId"/>), else the
    /// one the plan was re-planned with, else the newest distilled for it; null when there is none (or the one asked for
    /// does not exist).
    /// </summary>
    public async Task<SavedModelSet?> ForPlanAsync(SavedPlan plan, int? modelSetId, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return modelSetId is { } requested ? await GetAsync(requested, cancellationToken)
            : plan.BasedOnModelSetId is { } based ? await GetAsync(based, cancellationToken)
            : await LatestForPlanAsync(plan.Id, cancellationToken);
    }

    /// <summary>
    /// Deletes a model set unless a plan was re-planned with its students (<c>BasedOnModelSetId</c>): not found,
    /// conflict naming those plans, or the deleted set. Its ONNX files stay: they are content-addressed and may be
    /// shared, so the caller removes those no remaining set names (<see cref="ReferencesAsync"/>).
    /// </summary>
    public async Task<StoreResult<SavedModelSet>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // One write transaction, so a plan cannot start to depend on the set between the check and the delete.
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        var row = await db.ModelSets.AsNoTracking().FirstOrDefaultAsync(m => m.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<SavedModelSet>.NotFound($"Model set {id} does not exist.");
        var plans = await db.Plans.AsNoTracking().Where(p => p.BasedOnModelSetId == id).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name }).ToListAsync(cancellationToken);
        if (plans.Count > 0)
        {
            var names = string.Join(", ", plans.Select(p => $"'{p.Name}' (#{p.Id})"));
            return StoreResult<SavedModelSet>.Conflict(plans.Count == 1
                ? $"Model set {id} is the base of plan {names}, which was re-planned with its students; delete that plan first."
                : $"Model set {id} is the base of {plans.Count} plans re-planned with its students: {names}; delete them first.");
        }
        await db.ModelSets.Where(m => m.Id == id).ExecuteDeleteAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return StoreResult<SavedModelSet>.Ok(ToSaved(row));
    }

    /// <summary>The ONNX files and teachers that the stored model sets name.</summary>
    public async Task<ModelSetReferences> ReferencesAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var results = await db.ModelSets.AsNoTracking().Select(m => m.ResultJson).ToListAsync(cancellationToken);
        var hashes = new HashSet<string>(StringComparer.Ordinal);
        var teachers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var result in results.Select(DistillationJson.ReadResult))
        {
            hashes.UnionWith(ModelHashes(result));
            if (!string.IsNullOrWhiteSpace(result.Teacher.WeightsPath))
                teachers.Add(result.Teacher.WeightsPath);
        }
        return new ModelSetReferences(hashes, teachers);
    }

    /// <summary>
    /// Points the teachers stored under <paramref name="fromFolder"/> at the same place under
    /// <paramref name="toFolder"/> (a backup restored into another data folder); returns how many sets changed.
    /// </summary>
    public async Task<int> MoveTeacherPathsAsync(string fromFolder, string toFolder, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(fromFolder);
        ArgumentException.ThrowIfNullOrWhiteSpace(toFolder);
        var from = Path.TrimEndingDirectorySeparator(fromFolder) + Path.DirectorySeparatorChar;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = 0;
        foreach (var row in await db.ModelSets.ToListAsync(cancellationToken))
        {
            var result = DistillationJson.ReadResult(row.ResultJson);
            if (!result.Teacher.WeightsPath.StartsWith(from, StringComparison.Ordinal))
                continue;
            var moved = Path.Combine(toFolder, result.Teacher.WeightsPath[from.Length..]);
            row.ResultJson = DistillationJson.WriteResult(result with { Teacher = result.Teacher with { WeightsPath = moved } });
            changed++;
        }
        await db.SaveChangesAsync(cancellationToken);
        return changed;
    }

    /// <summary>The content hashes of a result's ONNX files: every student's, then the aggregator's.</summary>
    public static IEnumerable<string> ModelHashes(DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Students.Select(s => s.ModelHash).Append(result.Aggregator.ModelHash);
    }

    private static SavedModelSet ToSaved(ModelSetRow row) =>
        new(row.Id, row.Name, row.PlanId, row.JobId, row.CreatedUtc, DistillationJson.ReadResult(row.ResultJson));
}
