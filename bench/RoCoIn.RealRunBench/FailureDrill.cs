using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Agents;

namespace RoCoIn.RealRunBench;

/// <summary>One agent's kill and restart during the drill; times are since the load began.</summary>
/// <param name="DeviceId">The device.</param>
/// <param name="DeviceName">Its name.</param>
/// <param name="Partition">Its group.</param>
/// <param name="KilledAt">When KillAsync was called.</param>
/// <param name="KillToDown">From KillAsync to the registry showing the agent disconnected.</param>
/// <param name="RestartAt">When RestartAsync was called.</param>
/// <param name="RestartToConnected">From RestartAsync to the new process's agent registered with the hub (it then measures
/// its throughput and loads its model).</param>
/// <param name="RestartToReady">From RestartAsync to the registry showing the agent ready again; null when it did not
/// come back within the timeout.</param>
/// <param name="Note">Why it was skipped or did not come back, else null.</param>
public sealed record RestartRecord(int DeviceId, string DeviceName, int Partition, TimeSpan KilledAt, TimeSpan? KillToDown,
    TimeSpan RestartAt, TimeSpan? RestartToConnected, TimeSpan? RestartToReady, string? Note);

/// <summary>What the drill measured.</summary>
/// <param name="Plan">The plan of pairs.</param>
/// <param name="Run">The steady load over the whole drill.</param>
/// <param name="Restarts">Each kill and restart, in order.</param>
/// <param name="LoadBefore">/proc/loadavg before.</param>
/// <param name="LoadAfter">/proc/loadavg after.</param>
public sealed record DrillResult(SavedPlan Plan, LoadRun Run, IReadOnlyList<RestartRecord> Restarts, string LoadBefore, string LoadAfter);

/// <summary>
/// Target 3: on a plan where every group has two members (the demo plan's first six devices in pairs, one pair per
/// student of the demo model set, as RealRunTests.SavePlanOfPairsAsync builds it), a steady closed-loop load runs while
/// each agent in turn is killed (SIGKILL), left down for a while, restarted, and waited for until ready — so one
/// member of every group stays live throughout.
/// </summary>
public static class FailureDrill
{
    /// <summary>How long a restarted agent may take to be ready before it counts as not back.</summary>
    public static readonly TimeSpan RestartTimeout = TimeSpan.FromSeconds(60);

    public static async Task<DrillResult> RunAsync(BenchStudio studio, RealRunBenchOptions options, TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(log);
        var plan = await SavePlanOfPairsAsync(studio, cancellationToken);
        var set = studio.DemoModelSet;
        var groups = plan.Document.Result.Plan!.Groups.OrderBy(g => g.Partition).ToList();
        var names = plan.Document.Devices.ToDictionary(d => d.Id, d => d.Name);
        var fleet = studio.Fleet;

        var started = await fleet.StartFleetAsync(plan.Id, set.Id, emulate: false, cancellationToken);
        if (!started.Started)
            throw new InvalidOperationException($"The local fleet did not start: {started.Error}");
        studio.NoteAgentProcesses();
        await studio.WaitAllReadyAsync(groups.SelectMany(g => g.DeviceIds), BenchStudio.ReadyTimeout, cancellationToken);
        using var load = CoordinatorLoad.Create(studio, plan, set);
        var warm = await LatencyBench.WarmUpAsync(studio, load, emulate: false, options.Warmup, cancellationToken);
        log.WriteLine($"pairs fleet: warm-up ({warm.How}) {warm.Served}/{warm.Sent} served");

        using var stop = new CancellationTokenSource();
        var loadBefore = Machine.LoadAverage();
        var origin = Stopwatch.GetTimestamp();
        var running = load.RunAsync(options.FailureConcurrency, null, origin, stop.Token, cancellationToken);
        var restarts = new List<RestartRecord>();
        try
        {
            await Task.Delay(TimeSpan.FromSeconds(options.LeadSeconds), cancellationToken);
            foreach (var group in groups)
            {
                foreach (var device in group.DeviceIds)
                {
                    restarts.Add(await KillAndRestartAsync(studio, group, device, names[device], origin, options, cancellationToken));
                    var last = restarts[^1];
                    log.WriteLine($"  {last.DeviceName}: down after {Ms(last.KillToDown)}, ready {Ms(last.RestartToReady)} after restart{(last.Note is null ? "" : $" ({last.Note})")}");
                    await Task.Delay(TimeSpan.FromSeconds(options.SettleSeconds), cancellationToken);
                }
            }
            await Task.Delay(TimeSpan.FromSeconds(options.LeadSeconds), cancellationToken);
        }
        finally
        {
            await stop.CancelAsync();
        }
        var run = await running;
        studio.NoteAgentProcesses();
        return new DrillResult(plan, run, restarts, loadBefore, Machine.LoadAverage());

        static string Ms(TimeSpan? t) => t is { } v ? $"{v.TotalMilliseconds:0} ms" : "never";
    }

    private static async Task<RestartRecord> KillAndRestartAsync(BenchStudio studio, PlanGroup group, int device, string name, long origin,
        RealRunBenchOptions options, CancellationToken cancellationToken)
    {
        var registry = studio.Registry;
        var fleet = studio.Fleet;
        var partners = group.DeviceIds.Where(d => d != device).ToList();
        var killedAt = Stopwatch.GetElapsedTime(origin);
        if (registry.Live(partners).Count == 0)
            return new RestartRecord(device, name, group.Partition, killedAt, null, killedAt, null, null, "skipped: no other member of its group was ready");

        studio.NoteAgentProcesses();
        await fleet.KillAsync(device, cancellationToken);
        TimeSpan? killToDown;
        using (var down = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            down.CancelAfter(TimeSpan.FromSeconds(10));
            try
            {
                await registry.WaitForAsync(device, s => s is null || !s.IsConnected, down.Token);
                killToDown = Stopwatch.GetElapsedTime(origin) - killedAt;
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                killToDown = null;
            }
        }
        await Task.Delay(TimeSpan.FromSeconds(options.DownSeconds), cancellationToken);

        var restartAt = Stopwatch.GetElapsedTime(origin);
        var restarted = Stopwatch.GetTimestamp();
        await fleet.RestartAsync(device, cancellationToken);
        using var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        ready.CancelAfter(RestartTimeout);
        TimeSpan? toConnected = null;
        try
        {
            await registry.WaitForAsync(device, s => s is { IsConnected: true }, ready.Token);
            toConnected = Stopwatch.GetElapsedTime(restarted);
            await registry.WaitForAsync(device, s => s?.State == AgentState.Ready, ready.Token);
            var toReady = Stopwatch.GetElapsedTime(restarted);
            studio.NoteAgentProcesses();
            return new RestartRecord(device, name, group.Partition, killedAt, killToDown, restartAt, toConnected, toReady,
                killToDown is null ? "the registry did not show it down within 10 s" : null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            var now = registry.Find(device);
            return new RestartRecord(device, name, group.Partition, killedAt, killToDown, restartAt, toConnected, null,
                $"not ready within {RestartTimeout.TotalSeconds} s: {now?.State.ToString() ?? "unknown"} ({now?.Reason}); log: "
                + string.Join(" | ", fleet.Find(device)?.RecentLog.TakeLast(3) ?? []));
        }
    }

    /// <summary>The demo plan re-grouped: one group per student of the demo model set, of two of its devices each.</summary>
    private static async Task<SavedPlan> SavePlanOfPairsAsync(BenchStudio studio, CancellationToken cancellationToken)
    {
        var demo = studio.DemoPlan;
        var devices = demo.Document.Devices.Select(d => d.Id).ToList();
        var students = studio.DemoModelSet.Result.Students.OrderBy(s => s.Partition).ToList();
        if (devices.Count < 2 * students.Count)
            throw new InvalidOperationException($"The demo plan has {devices.Count} devices; pairs for {students.Count} groups need {2 * students.Count}.");
        var groups = students.Select((s, i) => new PlanGroup(s.Partition, [devices[2 * i], devices[(2 * i) + 1]], s.Width, s.StudentKey)).ToList();
        var document = demo.Document with { Result = demo.Document.Result with { Plan = demo.Document.Result.Plan! with { Groups = groups } } };
        var store = studio.Services.GetRequiredService<PlanStore>();
        var id = await store.SaveAsync($"Real-run bench: {groups.Count} × 2", demo.FleetId, demo.FleetName, document, null,
            studio.DemoModelSet.Id, cancellationToken);
        return await store.GetAsync(id, cancellationToken) ?? throw new InvalidOperationException("The plan of pairs was not saved.");
    }
}
