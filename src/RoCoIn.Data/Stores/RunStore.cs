using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Storage;
using RoCoIn.Data.Configurations;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Stores;

/// <summary>
/// Runs: their snapshots, status, per-second aggregates and final results. Status changes are conditional updates
/// (compare and set), like jobs; the final result is written in one transaction, so a run is either still live or
/// ended with its summary, histogram, events and every second.
/// </summary>
public sealed class RunStore(IDbContextFactory<RoCoInDbContext> contexts, TimeProvider time)
{
    /// <summary>The reason given to runs that were live when the studio stopped.</summary>
    public const string InterruptedReason = "The studio stopped while this run was live; the seconds simulated until then are kept.";

    private static readonly RunStatus[] Live = [RunStatus.Queued, RunStatus.Running, RunStatus.Paused];
    private static readonly RunStatus[] QueuedOnly = [RunStatus.Queued];
    private static readonly RunStatus[] RunningOnly = [RunStatus.Running];
    private static readonly RunStatus[] PausedOnly = [RunStatus.Paused];

    /// <summary>Stores a queued run; not found when the plan does not exist.</summary>
    public async Task<StoreResult<int>> CreateAsync(NewRun run, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Strategy);
        ArgumentException.ThrowIfNullOrWhiteSpace(run.Kind);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        if (!await db.Plans.AnyAsync(p => p.Id == run.PlanId, cancellationToken))
            return StoreResult<int>.NotFound($"Plan {run.PlanId} does not exist.");
        var row = new RunRow
        {
            PlanId = run.PlanId,
            Strategy = Truncate(run.Strategy, RunRowConfiguration.MaxStrategyLength),
            Kind = run.Kind,
            Status = RunStatus.Queued,
            JobId = run.JobId,
            Seed = run.Settings.Seed,
            Speed = run.Speed,
            SpeedFactor = run.SpeedFactor,
            SettingsJson = RunJson.Write(run.Settings),
            ScenarioId = run.ScenarioId,
            ScenarioName = run.Scenario?.Name is { } name ? Truncate(name, 200) : null,
            ScenarioJson = run.Scenario?.ToJson(),
            TopologyJson = RunJson.Write(run.Topology),
            Warning = run.Warning is null ? null : Truncate(run.Warning, RunRowConfiguration.MaxWarningLength),
            CreatedUtc = time.GetUtcNow(),
        };
        db.Runs.Add(row);
        await db.SaveChangesAsync(cancellationToken);
        return StoreResult<int>.Ok(row.Id);
    }

    /// <summary>Links the job that stands for the run in the jobs list (made after the run, so its parameters can name the run).</summary>
    public async Task AttachJobAsync(int id, int jobId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.JobId, jobId), cancellationToken);
    }

    public async Task<SavedRun?> GetAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var found = await db.Runs.AsNoTracking().Where(r => r.Id == id)
            .Join(db.Plans, r => r.PlanId, p => p.Id, (r, p) => new { Run = r, PlanName = p.Name })
            .FirstOrDefaultAsync(cancellationToken);
        if (found is null)
            return null;
        var seconds = await db.RunSeconds.CountAsync(s => s.RunId == id, cancellationToken);
        return ToSaved(found.Run, found.PlanName, seconds);
    }

    /// <summary>Runs newest first, with their plan's name.</summary>
    public async Task<IReadOnlyList<RunListItem>> ListAsync(int skip, int take, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AsNoTracking().OrderByDescending(r => r.Id).Skip(skip).Take(take)
            .Join(db.Plans, r => r.PlanId, p => p.Id, (r, p) => new RunListItem(r.Id, r.PlanId, p.Name, r.Strategy, r.Kind, r.Status,
                r.JobId, r.Seed, r.Speed, r.SpeedFactor, r.ScenarioId, r.ScenarioName, r.SuccessRate, r.P95Seconds, r.Warning, r.Reason,
                r.CreatedUtc, r.StartedUtc, r.EndedUtc))
            .ToListAsync(cancellationToken);
    }

    public async Task<int> CountAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.CountAsync(cancellationToken);
    }

    /// <summary>Whether any run names <paramref name="planId"/> (such a plan cannot be deleted).</summary>
    public async Task<bool> AnyForPlanAsync(int planId, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.AnyAsync(r => r.PlanId == planId, cancellationToken);
    }

    /// <summary>The stored seconds of a run in [<paramref name="from"/>, <paramref name="to"/>] (both optional), in order.</summary>
    public async Task<IReadOnlyList<SecondAggregate>> GetSecondsAsync(int id, int? from = null, int? to = null,
        CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var query = db.RunSeconds.AsNoTracking().Where(s => s.RunId == id);
        if (from is { } first)
            query = query.Where(s => s.Second >= first);
        if (to is { } last)
            query = query.Where(s => s.Second <= last);
        return await query.OrderBy(s => s.Second)
            .Select(s => new SecondAggregate(s.Second, s.Sent, s.Served, s.Correct, s.WithinObjective, s.LatencySumSeconds,
                s.P50Seconds, s.P95Seconds, s.P99Seconds))
            .ToListAsync(cancellationToken);
    }

    /// <summary>Queued → running.</summary>
    public Task<StoreResult<SavedRun>> MarkRunningAsync(int id, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        return MoveAsync(id, QueuedOnly, "started", s => s
            .SetProperty(r => r.Status, RunStatus.Running)
            .SetProperty(r => r.StartedUtc, now), cancellationToken);
    }

    /// <summary>Running → paused.</summary>
    public Task<StoreResult<SavedRun>> MarkPausedAsync(int id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, RunningOnly, "paused", s => s.SetProperty(r => r.Status, RunStatus.Paused), cancellationToken);

    /// <summary>Paused → running.</summary>
    public Task<StoreResult<SavedRun>> MarkResumedAsync(int id, CancellationToken cancellationToken = default) =>
        MoveAsync(id, PausedOnly, "resumed", s => s.SetProperty(r => r.Status, RunStatus.Running), cancellationToken);

    /// <summary>Live → failed, with a reason people can act on. The seconds stored so far stay.</summary>
    public Task<StoreResult<SavedRun>> FailAsync(int id, string reason, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        var now = time.GetUtcNow();
        var text = Truncate(reason, RunRowConfiguration.MaxReasonLength);
        return MoveAsync(id, Live, "marked failed", s => s
            .SetProperty(r => r.Status, RunStatus.Failed)
            .SetProperty(r => r.EndedUtc, now)
            .SetProperty(r => r.Reason, text), cancellationToken);
    }

    /// <summary>Records the manual injections so far (small; written as they happen so an interrupted run keeps them).</summary>
    public async Task SaveInjectionsAsync(int id, IReadOnlyList<Injection> injections, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(injections);
        var json = RunJson.Write(injections);
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await db.Runs.Where(r => r.Id == id).ExecuteUpdateAsync(s => s.SetProperty(r => r.InjectionsJson, json), cancellationToken);
    }

    /// <summary>
    /// Adds a batch of completed seconds of a live run in one transaction; a second stored before is overwritten, so a
    /// batch may be sent again after a failed write.
    /// </summary>
    public async Task AppendSecondsAsync(int id, IReadOnlyList<SecondAggregate> seconds, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        if (seconds.Count == 0)
            return;
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        await InsertSecondsAsync(db, transaction, id, seconds, replace: true, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Ends a live run with its results, all or nothing in one transaction: status, reason, summary, histogram, events,
    /// injections, and the seconds replaced by <paramref name="result"/>'s (the final word on every second). Conflict
    /// when the run has already ended; on any error nothing changes.
    /// </summary>
    /// <param name="id">The run.</param>
    /// <param name="status">Finished, aborted or stopped.</param>
    /// <param name="result">The simulator's result.</param>
    /// <param name="injections">Every manual injection with the time it took effect.</param>
    /// <param name="events">The run's event log.</param>
    /// <param name="reason">Why it ended early (abort or stop), or null.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    public async Task<StoreResult<SavedRun>> FinishAsync(int id, RunStatus status, RunResult result, IReadOnlyList<Injection> injections,
        IReadOnlyList<RunEvent> events, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(injections);
        ArgumentNullException.ThrowIfNull(events);
        if (status is not (RunStatus.Finished or RunStatus.Aborted or RunStatus.Stopped))
            throw new ArgumentOutOfRangeException(nameof(status), status, "A run ends finished, aborted or stopped; use FailAsync for a failure.");
        var now = time.GetUtcNow();
        var summaryJson = RunJson.Write(result.Summary);
        var histogramJson = RunJson.Write(result.Histogram);
        var eventsJson = RunJson.Write(events);
        var injectionsJson = RunJson.Write(injections);
        var text = reason is null ? null : Truncate(reason, RunRowConfiguration.MaxReasonLength);
        var successRate = result.Summary.SuccessRate;
        var p95 = result.Summary.P95Seconds;

        int changed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
        {
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            changed = await db.Runs.Where(r => r.Id == id && Live.Contains(r.Status)).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, status)
                .SetProperty(r => r.EndedUtc, now)
                .SetProperty(r => r.Reason, text)
                .SetProperty(r => r.SummaryJson, summaryJson)
                .SetProperty(r => r.HistogramJson, histogramJson)
                .SetProperty(r => r.EventsJson, eventsJson)
                .SetProperty(r => r.InjectionsJson, injectionsJson)
                .SetProperty(r => r.SuccessRate, successRate)
                .SetProperty(r => r.P95Seconds, p95), cancellationToken);
            if (changed == 1)
            {
                await db.RunSeconds.Where(s => s.RunId == id).ExecuteDeleteAsync(cancellationToken);
                await InsertSecondsAsync(db, transaction, id, result.Seconds, replace: false, cancellationToken);
                await transaction.CommitAsync(cancellationToken);
            }
            else
            {
                await transaction.RollbackAsync(cancellationToken);
            }
        }
        var saved = await GetAsync(id, cancellationToken);
        if (saved is null)
            return StoreResult<SavedRun>.NotFound($"Run {id} does not exist.");
        return changed == 1
            ? StoreResult<SavedRun>.Ok(saved)
            : StoreResult<SavedRun>.Conflict($"Run {id} {Describe(saved.Status)}; only live runs can be ended.");
    }

    /// <summary>
    /// For start-up, before any run is hosted: runs left queued, running or paused by a stopped studio become interrupted
    /// (with <see cref="InterruptedReason"/>). Returns how many.
    /// </summary>
    public async Task<int> RecoverAtStartupAsync(CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Runs.Where(r => Live.Contains(r.Status)).ExecuteUpdateAsync(s => s
            .SetProperty(r => r.Status, RunStatus.Interrupted)
            .SetProperty(r => r.EndedUtc, now)
            .SetProperty(r => r.Reason, InterruptedReason), cancellationToken);
    }

    /// <summary>Deletes a run and its seconds; conflict while it is live.</summary>
    public async Task<StoreResult<int>> DeleteAsync(int id, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var status = await db.Runs.Where(r => r.Id == id).Select(r => (RunStatus?)r.Status).FirstOrDefaultAsync(cancellationToken);
        if (status is not { } current)
            return StoreResult<int>.NotFound($"Run {id} does not exist.");
        // Conditional, so a run started meanwhile is not deleted under its host.
        var deleted = await db.Runs.Where(r => r.Id == id && !Live.Contains(r.Status)).ExecuteDeleteAsync(cancellationToken);
        return deleted == 1
            ? StoreResult<int>.Ok(id)
            : StoreResult<int>.Conflict($"Run {id} {Describe(current)}; stop it before deleting it.");
    }

    private static async Task InsertSecondsAsync(RoCoInDbContext db, IDbContextTransaction transaction, int runId,
        IReadOnlyList<SecondAggregate> seconds, bool replace, CancellationToken cancellationToken)
    {
        // Plain prepared INSERTs: a week-long run has 604,800 seconds, too many for the change tracker.
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction.GetDbTransaction();
        // Standard SQL both providers speak (ADR-012): @-parameters, and an upsert on the key instead of SQLite's OR REPLACE.
        const string Upsert = """
             ON CONFLICT ("RunId", "Second") DO UPDATE SET "Sent" = excluded."Sent", "Served" = excluded."Served",
                "Correct" = excluded."Correct", "WithinObjective" = excluded."WithinObjective", "LatencySumSeconds" = excluded."LatencySumSeconds",
                "P50Seconds" = excluded."P50Seconds", "P95Seconds" = excluded."P95Seconds", "P99Seconds" = excluded."P99Seconds"
            """;
        command.CommandText = $"""
            INSERT INTO "RunSeconds" ("RunId", "Second", "Sent", "Served", "Correct", "WithinObjective",
                "LatencySumSeconds", "P50Seconds", "P95Seconds", "P99Seconds")
            VALUES (@run, @second, @sent, @served, @correct, @within, @sum, @p50, @p95, @p99){(replace ? Upsert : "")}
            """;
        var run = Add(command, "@run");
        var second = Add(command, "@second");
        var sent = Add(command, "@sent");
        var served = Add(command, "@served");
        var correct = Add(command, "@correct");
        var within = Add(command, "@within");
        var sum = Add(command, "@sum");
        var p50 = Add(command, "@p50");
        var p95 = Add(command, "@p95");
        var p99 = Add(command, "@p99");
        run.Value = runId;
        foreach (var s in seconds)
        {
            second.Value = s.Second;
            sent.Value = s.Sent;
            served.Value = s.Served;
            correct.Value = s.Correct;
            within.Value = s.WithinObjective;
            sum.Value = s.LatencySumSeconds;
            p50.Value = (object?)s.P50Seconds ?? DBNull.Value;
            p95.Value = (object?)s.P95Seconds ?? DBNull.Value;
            p99.Value = (object?)s.P99Seconds ?? DBNull.Value;
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
    }

    private static DbParameter Add(DbCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }

    private async Task<StoreResult<SavedRun>> MoveAsync(int id, RunStatus[] from, string action,
        Action<UpdateSettersBuilder<RunRow>> set, CancellationToken cancellationToken)
    {
        int changed;
        await using (var db = await contexts.CreateDbContextAsync(cancellationToken))
            changed = await db.Runs.Where(r => r.Id == id && from.Contains(r.Status)).ExecuteUpdateAsync(set, cancellationToken);
        var run = await GetAsync(id, cancellationToken);
        if (run is null)
            return StoreResult<SavedRun>.NotFound($"Run {id} does not exist.");
        return changed == 1
            ? StoreResult<SavedRun>.Ok(run)
            : StoreResult<SavedRun>.Conflict(
                $"Run {id} {Describe(run.Status)}; only {string.Join(" or ", from.Select(s => s.ToString().ToLowerInvariant()))} runs can be {action}.");
    }

    /// <summary>"is running", "has finished", ... for conflict messages.</summary>
    public static string Describe(RunStatus status) => status switch
    {
        RunStatus.Queued => "is queued",
        RunStatus.Running => "is running",
        RunStatus.Paused => "is paused",
        RunStatus.Finished => "has finished",
        RunStatus.Aborted => "was aborted by its auto-abort rule",
        RunStatus.Stopped => "was stopped",
        RunStatus.Failed => "has failed",
        RunStatus.Interrupted => "was interrupted when the studio stopped",
        _ => $"is {status}",
    };

    private static string Truncate(string text, int maxLength) => text.Length <= maxLength ? text : text[..(maxLength - 1)] + "…";

    private static SavedRun ToSaved(RunRow row, string planName, int seconds) => new(
        row.Id, row.PlanId, planName, row.Strategy, row.Kind, row.Status, row.JobId, row.Seed, row.Speed, row.SpeedFactor,
        RunJson.Read<SimulationSettings>(row.SettingsJson),
        row.ScenarioId, row.ScenarioName,
        row.ScenarioJson is null ? null : Scenario.FromJson(row.ScenarioJson),
        RunJson.Read<SimulationTopology>(row.TopologyJson),
        RunJson.Read<List<Injection>>(row.InjectionsJson),
        row.EventsJson is null ? null : RunJson.Read<List<RunEvent>>(row.EventsJson),
        row.SummaryJson is null ? null : RunJson.Read<RunSummary>(row.SummaryJson),
        row.HistogramJson is null ? null : RunJson.Read<List<HistogramBucket>>(row.HistogramJson),
        seconds, row.Warning, row.Reason, row.CreatedUtc, row.StartedUtc, row.EndedUtc);
}
