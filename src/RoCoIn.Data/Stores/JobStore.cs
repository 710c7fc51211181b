using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using RoCoIn.Data.Configurations;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Data.Stores;

/// <summary>
/// Background jobs of every kind. Each status change is one conditional UPDATE (compare and set), so a cancel
/// and a runner starting the same job cannot both win.
/// </summary>
public sealed class JobStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    /// <summary>The reason given to jobs that were running when the studio stopped.</summary>
    public const string InterruptedReason = "The studio stopped while this job ran.";

    private static readonly JobStatus[] Unfinished = [JobStatus.Queued, JobStatus.Running];
    private static readonly JobStatus[] QueuedOnly = [JobStatus.Queued];
    private static readonly JobStatus[] RunningOnly = [JobStatus.Running];

    /// <summary>Stores a new queued job and returns its id.</summary>
    public async Task<int> CreateAsync(JobKind kind, string title, string parametersJson, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentNullException.ThrowIfNull(parametersJson);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = new JobRow
        {
            Kind = kind,
            Status = JobStatus.Queued,
            Title = Truncate(title.Trim(), JobRowConfiguration.MaxTitleLength),
            ParametersJson = parametersJson,
            QueuedUtc = time.GetUtcNow(),
        };
        db.Jobs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return row.Id;
    }

    public async Task<JobRecord?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        return row is null ? null : ToRecord(row);
    }

    /// <summary>Jobs newest first (by creation).</summary>
    public async Task<IReadOnlyList<JobRecord>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var rows = await db.Jobs.AsNoTracking().OrderByDescending(j => j.Id).Skip(skip).Take(take).ToListAsync(cancellationToken);
        return rows.Select(ToRecord).ToList();
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.CountAsync(cancellationToken);
    }

    /// <summary>Queued → running. Refused (conflict) when the job was cancelled meanwhile.</summary>
    public Task<StoreResult<JobRecord>> MarkRunningAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return MoveAsync(id, QueuedOnly, "started", s => s
            .SetProperty(j => j.Status, JobStatus.Running)
            .SetProperty(j => j.StartedUtc, now)
            .SetProperty(j => j.Progress, 0d)
            .SetProperty(j => j.ProgressMessage, ""), cancellationToken);
    }

    /// <summary>Saves a running job's progress; refused once the job has finished.</summary>
    public Task<StoreResult<JobRecord>> ReportProgressAsync(int id, JobProgress progress, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(progress);
        var message = Truncate(progress.Message, JobRowConfiguration.MaxMessageLength);
        return MoveAsync(id, RunningOnly, "given progress", s => s
            .SetProperty(j => j.Progress, progress.Fraction)
            .SetProperty(j => j.ProgressMessage, message), cancellationToken);
    }

    /// <summary>Running → succeeded, naming what the job made (e.g. "plan" 17).</summary>
    public Task<StoreResult<JobRecord>> SucceedAsync(int id, string resultKind, int resultId, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(resultKind);
        var now = time.GetUtcNow();
        var kind = Truncate(resultKind, JobRowConfiguration.MaxResultKindLength);
        return MoveAsync(id, RunningOnly, "marked succeeded", s => s
            .SetProperty(j => j.Status, JobStatus.Succeeded)
            .SetProperty(j => j.EndedUtc, now)
            .SetProperty(j => j.Progress, 1d)
            .SetProperty(j => j.ResultKind, kind)
            .SetProperty(j => j.ResultId, resultId), cancellationToken);
    }

    /// <summary>Queued or running → failed, with a reason people can act on.</summary>
    public Task<StoreResult<JobRecord>> FailAsync(int id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = time.GetUtcNow();
        var text = Truncate(reason, JobRowConfiguration.MaxReasonLength);
        return MoveAsync(id, Unfinished, "marked failed", s => s
            .SetProperty(j => j.Status, JobStatus.Failed)
            .SetProperty(j => j.EndedUtc, now)
            .SetProperty(j => j.Reason, text), cancellationToken);
    }

    /// <summary>Queued or running → cancelled. Not found for an unknown id; conflict once the job has finished.</summary>
    public Task<StoreResult<JobRecord>> CancelAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return MoveAsync(id, Unfinished, "cancelled", s => s
            .SetProperty(j => j.Status, JobStatus.Cancelled)
            .SetProperty(j => j.EndedUtc, now), cancellationToken);
    }

    /// <summary>
    /// For start-up, before any job runs: jobs left running by a stopped studio become interrupted (with
    /// <see cref="InterruptedReason"/>), and the ids of jobs still queued are returned in queue order, so the
    /// runner can queue them again.
    /// </summary>
    public async Task<IReadOnlyList<int>> RecoverAtStartupAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await db.Jobs.Where(j => j.Status == JobStatus.Running).ExecuteUpdateAsync(s => s
            .SetProperty(j => j.Status, JobStatus.Interrupted)
            .SetProperty(j => j.EndedUtc, now)
            .SetProperty(j => j.Reason, InterruptedReason), cancellationToken);
        var queued = await db.Jobs.Where(j => j.Status == JobStatus.Queued).OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return queued;
    }

    private async Task<StoreResult<JobRecord>> MoveAsync(int id, JobStatus[] from, string action,
        Action<UpdateSettersBuilder<JobRow>> set, CancellationToken cancellationToken)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var changed = await db.Jobs.Where(j => j.Id == id && from.Contains(j.Status)).ExecuteUpdateAsync(set, cancellationToken);
        var row = await db.Jobs.AsNoTracking().FirstOrDefaultAsync(j => j.Id == id, cancellationToken);
        if (row is null)
            return StoreResult<JobRecord>.NotFound($"Job {id} does not exist.");
        return changed == 1
            ? StoreResult<JobRecord>.Ok(ToRecord(row))
            : StoreResult<JobRecord>.Conflict(
                $"Job {id} {Describe(row.Status)}; only {string.Join(" or ", from.Select(s => s.ToString().ToLowerInvariant()))} jobs can be {action}.");
    }

    private static string Describe(JobStatus status) => status switch
    {
        JobStatus.Queued => "is queued",
        JobStatus.Running => "is running",
        JobStatus.Succeeded => "has already succeeded",
        JobStatus.Failed => "has already failed",
        JobStatus.Cancelled => "was already cancelled",
        JobStatus.Interrupted => "was interrupted when the studio stopped",
        _ => $"is {status}",
    };

    private static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";

    private static JobRecord ToRecord(JobRow row) => new(row.Id, row.Kind, row.Status, row.Title, row.ParametersJson,
        row.Progress, row.ProgressMessage, row.QueuedUtc, row.StartedUtc, row.EndedUtc, row.Reason, row.ResultKind, row.ResultId);
}
