using System.Diagnostics;
using RoCoIn.Web.Coordination;

namespace RoCoIn.RealRunBench;

/// <summary>One concurrency level of one fleet: the load, and what it cost the machine.</summary>
/// <param name="Emulate">Whether the agents emulated their profiles.</param>
/// <param name="Run">The load.</param>
/// <param name="HarnessCpuSeconds">CPU time of this process (studio, coordinator, load) during the load.</param>
/// <param name="AgentCpuSeconds">CPU time of every agent process during the load.</param>
/// <param name="LoadBefore">/proc/loadavg before.</param>
/// <param name="LoadAfter">/proc/loadavg after.</param>
public sealed record LevelResult(bool Emulate, LoadRun Run, double HarnessCpuSeconds, double AgentCpuSeconds, string LoadBefore, string LoadAfter);

/// <summary>A fleet of the demo plan, emulating or not: how long it took to come up, its warm-up real run, its levels.</summary>
/// <param name="Emulate">Whether the agents emulated their profiles.</param>
/// <param name="StartToReady">From StartFleetAsync to every agent ready.</param>
/// <param name="Warmup">The warm-up run.</param>
/// <param name="Levels">One per concurrency level.</param>
/// <param name="TimerOvershoot">How late a 5 ms Task.Delay in this process woke up, measured just before the levels.</param>
public sealed record FleetResult(bool Emulate, TimeSpan StartToReady, WarmupResult Warmup, IReadOnlyList<LevelResult> Levels, Summary TimerOvershoot);

/// <summary>A warm-up run: which path ran it, requests sent and served, accuracy of the served.</summary>
public sealed record WarmupResult(string How, int Sent, int Served, double? Accuracy);

/// <summary>Target 1 (and 2, 4): the demo plan on 8 local agents, closed loops at each concurrency level.</summary>
public static class LatencyBench
{
    /// <summary>The wait of the timer probe.</summary>
    public static readonly TimeSpan TimerProbeDelay = TimeSpan.FromMilliseconds(5);

    public static async Task<FleetResult> RunAsync(BenchStudio studio, bool emulate, int requests, IReadOnlyList<int> levels, int warmup,
        TextWriter log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(levels);
        ArgumentNullException.ThrowIfNull(log);
        var plan = studio.DemoPlan;
        var set = studio.DemoModelSet;
        var devices = plan.Document.Result.Plan!.Groups.SelectMany(g => g.DeviceIds).ToList();

        var clock = Stopwatch.StartNew();
        var started = await studio.Fleet.StartFleetAsync(plan.Id, set.Id, emulate, cancellationToken);
        if (!started.Started)
            throw new InvalidOperationException($"The local fleet did not start: {started.Error}");
        studio.NoteAgentProcesses();
        await studio.WaitAllReadyAsync(devices, BenchStudio.ReadyTimeout, cancellationToken);
        var startToReady = clock.Elapsed;
        log.WriteLine($"fleet of {started.Agents} agents (emulation {(emulate ? "on" : "off")}) ready in {startToReady.TotalSeconds:0.00} s");

        using var load = CoordinatorLoad.Create(studio, plan, set);
        var warm = await WarmUpAsync(studio, load, emulate, warmup, cancellationToken);
        log.WriteLine($"warm-up ({warm.How}): {warm.Served}/{warm.Sent} served, accuracy {warm.Accuracy:0.000}");

        var overshoot = await Machine.TimerOvershootAsync(200, TimerProbeDelay, cancellationToken);
        log.WriteLine($"Task.Delay(5 ms) overshoot: p50 {overshoot.P50 * 1000:0.00} ms, p95 {overshoot.P95 * 1000:0.00} ms");

        var results = new List<LevelResult>();
        foreach (var concurrency in levels)
        {
            var pids = studio.Fleet.Agents.Select(a => a.ProcessId).OfType<int>().ToList();
            var loadBefore = Machine.LoadAverage();
            var ownBefore = Machine.OwnCpuSeconds();
            var agentsBefore = pids.Sum(p => Machine.CpuSeconds(p) ?? 0);
            var run = await load.RunAsync(concurrency, requests, null, CancellationToken.None, cancellationToken);
            var agentsAfter = pids.Sum(p => Machine.CpuSeconds(p) ?? 0);
            var ownAfter = Machine.OwnCpuSeconds();
            var loadAfter = Machine.LoadAverage();
            results.Add(new LevelResult(emulate, run, ownAfter - ownBefore, agentsAfter - agentsBefore, loadBefore, loadAfter));
            log.WriteLine($"  concurrency {concurrency}: {run.Served}/{run.Sent} served in {run.Wall.TotalSeconds:0.00} s, "
                + $"{run.Throughput:0.0}/s, p50 {run.Latency.P50 * 1000:0.00} ms, load {loadAfter}");
        }
        studio.NoteAgentProcesses();
        return new FleetResult(emulate, startToReady, warm, results, overshoot);
    }

    /// <summary>
    /// Warms the agents, their ONNX sessions and the coordinator's code up. Without emulation through the product's
    /// path, a blocking real run (RealRunService) that must reuse this fleet; with emulation through the harness's own
    /// coordinator, since a real run starts its fleet without emulation.
    /// </summary>
    public static async Task<WarmupResult> WarmUpAsync(BenchStudio studio, CoordinatorLoad load, bool emulate, int requests,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(load);
        if (emulate)
        {
            var run = await load.RunAsync(4, requests, null, CancellationToken.None, cancellationToken);
            return new WarmupResult("the harness's coordinator", run.Sent, run.Served, run.Served == 0 ? null : (double)run.Correct / run.Served);
        }
        var plan = load.Plan;
        var warm = await studio.RealRuns.RunAsync(new RealRunRequest(plan.Id, requests, Concurrency: 4, Mode: "strict", ModelSetId: load.ModelSet.Id),
            cancellationToken: cancellationToken);
        var summary = warm.Summary ?? throw new InvalidOperationException($"The warm-up real run failed: {warm.Error}");
        if (!summary.FleetReused)
            throw new InvalidOperationException("The warm-up real run restarted the fleet instead of reusing it.");
        return new WarmupResult("RealRunService, fleet reused", summary.Sent, summary.Served, summary.Accuracy);
    }
}
