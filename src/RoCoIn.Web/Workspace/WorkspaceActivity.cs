using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using RoCoIn.Data;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Jobs;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Workspace;

/// <summary>
/// What is using the workspace now: jobs queued or running, live runs and the local fleet. The run host and the local
/// fleet are looked up when asked, so a studio without them (component tests) simply has none.
/// </summary>
public sealed class WorkspaceActivity(IDbContextFactory<RoCoInDbContext> contexts, IServiceProvider services)
{
    private static readonly JobStatus[] Unfinished = [JobStatus.Queued, JobStatus.Running];
    private static readonly RunStatus[] Live = [RunStatus.Queued, RunStatus.Running, RunStatus.Paused];

    private LocalFleetInfo? Fleet => services.GetService<LocalFleet>()?.Current;

    /// <summary>Why the workspace cannot be replaced now, one sentence each; empty when nothing uses it.</summary>
    public async Task<IReadOnlyList<string>> BusyAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var runs = await db.Runs.AsNoTracking().Where(r => Live.Contains(r.Status)).Select(r => new { r.Id, r.JobId })
            .ToListAsync(cancellationToken);
        var hosted = services.GetService<RunHost>()?.LiveRunIds ?? [];
        var liveRuns = runs.Select(r => r.Id).Union(hosted).Order().ToList();
        // A live run's own job would say the same thing again.
        var runJobs = runs.Select(r => r.JobId).OfType<int>().ToHashSet();
        var jobs = await db.Jobs.AsNoTracking().Where(j => Unfinished.Contains(j.Status)).OrderBy(j => j.Id)
            .Select(j => new { j.Id, j.Title, j.Status }).ToListAsync(cancellationToken);

        var reasons = jobs.Where(j => !runJobs.Contains(j.Id))
            .Select(j => Text($"Job {j.Id} ({j.Title}) is {(j.Status == JobStatus.Queued ? "queued" : "running")}."))
            .Concat(liveRuns.Select(id => Text($"Run {id} is live.")))
            .ToList();
        if (Fleet is { } fleet)
            reasons.Add($"The local fleet runs plan '{fleet.PlanName}'.");
        return reasons;
    }

    /// <summary>Why model set <paramref name="modelSetId"/> cannot be deleted now (something running uses it), or null.</summary>
    public async Task<string?> ModelSetInUseAsync(int modelSetId, CancellationToken cancellationToken = default)
    {
        var fleet = Fleet;
        if (fleet?.ModelSetId == modelSetId)
            return Text($"The local fleet runs model set {modelSetId} for plan '{fleet.PlanName}'; stop it on the Agents page first.");
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // A real run loads its students into the local fleet; until that fleet is up, which set it takes is not known here.
        var realRun = await db.Runs.AsNoTracking().Where(r => r.Kind == RunInputAssembler.RealKind && Live.Contains(r.Status))
            .OrderBy(r => r.Id).Select(r => (int?)r.Id).FirstOrDefaultAsync(cancellationToken);
        if (realRun is { } runId && fleet?.ModelSetId is null)
            return Text($"Real run {runId} is live and its agents are still coming up; wait until they serve, or stop the run.");
        var planning = await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKind.Planning && Unfinished.Contains(j.Status))
            .OrderBy(j => j.Id).Select(j => new { j.Id, j.ParametersJson }).ToListAsync(cancellationToken);
        foreach (var job in planning)
        {
            if (ReplansWith(job.ParametersJson) == modelSetId)
                return Text($"Planning job {job.Id} re-plans with model set {modelSetId}; wait until it ends, or cancel it.");
        }
        return null;
    }

    /// <summary>Ids of the distillation jobs queued or running: until they store their model set, their files are referenced by nothing.</summary>
    public async Task<IReadOnlyList<int>> DistillationJobsAsync(CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Jobs.AsNoTracking().Where(j => j.Kind == JobKind.Distillation && Unfinished.Contains(j.Status))
            .OrderBy(j => j.Id).Select(j => j.Id).ToListAsync(cancellationToken);
    }

    private static int? ReplansWith(string parametersJson)
    {
        try
        {
            return JsonSerializer.Deserialize<PlanJobParameters>(parametersJson, JobService.ParameterJsonOptions)?.ModelSetId;
        }
        catch (JsonException)
        {
            return null;   // the planning job refuses such parameters itself
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
