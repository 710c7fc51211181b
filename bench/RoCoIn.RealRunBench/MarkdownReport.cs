using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Evaluation;

namespace RoCoIn.RealRunBench;

/// <summary>Everything measured, and the command that measured it.</summary>
public sealed record BenchResults(
    string Command,
    IReadOnlyList<string> MachineLines,
    string LoadAtStart,
    string LoadAtEnd,
    TimeSpan Elapsed,
    string AgentProgram,
    double AgentBenchmarkSeconds,
    int AgentThreads,
    string DatasetFolder,
    TimeSpan Deadline,
    TimeSpan CoordinatorAggregation,
    ClosedFormPrediction Prediction,
    IReadOnlyList<FleetResult> Fleets,
    DrillResult? Drill,
    int AgentProcesses,
    IReadOnlyList<int> Survivors);

/// <summary>Writes the results as Markdown tables with a verdict per target.</summary>
public static class MarkdownReport
{
    /// <summary>Target 2: p50 of the coordinator's overhead at concurrency 1, emulation off.</summary>
    public const double OverheadTargetSeconds = 0.001;

    /// <summary>Target 3: restart to ready.</summary>
    public const double RestartTargetSeconds = 5;

    public static void Write(TextWriter output, BenchResults results)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(results);
        var w = output;
        w.WriteLine("## Real runs (local agents): harness output");
        w.WriteLine();
        w.WriteLine($"Command: `{results.Command}`; {results.Elapsed.TotalSeconds:0} s in all. Load average (1, 5, 15 min) {results.LoadAtStart} at the start, {results.LoadAtEnd} at the end.");
        w.WriteLine();
        foreach (var line in results.MachineLines)
            w.WriteLine($"- {line}");
        w.WriteLine($"- agents: `{results.AgentProgram}`, throughput benchmark {results.AgentBenchmarkSeconds} s at start, {results.AgentThreads} ONNX Runtime thread(s) each");
        w.WriteLine($"- inputs: the test split in `{results.DatasetFolder}`, cycled; strict mode, τ = {results.Deadline.TotalMilliseconds:0} ms, coordinator δ = {results.CoordinatorAggregation.TotalMilliseconds:0.000} ms (closed form δ = {results.Prediction.Topology.AggregatorSeconds * 1000:0.000} ms)");
        w.WriteLine($"- agent processes started: {results.AgentProcesses}; still running after the end: {(results.Survivors.Count == 0 ? "none" : string.Join(", ", results.Survivors))}");
        w.WriteLine();

        WritePlan(w, results);
        if (results.Fleets.Count > 0)
        {
            WriteLatency(w, results);
            WriteOverhead(w, results);
        }
        if (results.Drill is { } drill)
            WriteDrill(w, drill);
        if (results.Fleets.FirstOrDefault(f => f.Emulate) is { } emulated)
            WriteEmulation(w, results, emulated);
        WriteVerdicts(w, results);
    }

    private static void WritePlan(TextWriter w, BenchResults results)
    {
        w.WriteLine("### The demo plan (closed-form member times)");
        w.WriteLine();
        w.WriteLine("| group | width | device | class | t_nk = 2ℓ + transfers + compute | of which compute | p_n |");
        w.WriteLine("|---:|---:|---|---|---:|---:|---:|");
        foreach (var group in results.Prediction.Topology.Groups)
        {
            foreach (var m in group.Members)
                w.WriteLine($"| {group.Partition + 1} | {group.Width} | {m.Name} | {m.HardwareClass} | {m.IsolatedSeconds * 1000:0.00} ms | {m.ComputeSeconds * 1000:0.00} ms | {m.NoReplyProbability:0.000} |");
        }
        w.WriteLine();
        foreach (var fleet in results.Fleets)
        {
            w.WriteLine($"Fleet of 8 agents, emulation {OnOff(fleet.Emulate)}: start to all ready {fleet.StartToReady.TotalSeconds:0.00} s; warm-up ({fleet.Warmup.How}) {fleet.Warmup.Served}/{fleet.Warmup.Sent} served, accuracy {fleet.Warmup.Accuracy:0.000}; "
                + $"a 5 ms Task.Delay in the harness then woke up late by p50 {Ms(fleet.TimerOvershoot.P50, 3)}, p95 {Ms(fleet.TimerOvershoot.P95, 3)}.");
            w.WriteLine();
        }
        w.WriteLine();
    }

    private static void WriteLatency(TextWriter w, BenchResults results)
    {
        w.WriteLine("### 1. Latency and throughput, 8 agents, closed loop");
        w.WriteLine();
        w.WriteLine("| emulation | concurrency | sent | served | p50 | p95 | p99 | mean | throughput | studio + coordinator CPU | agents CPU | load before → after |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|");
        foreach (var level in results.Fleets.SelectMany(f => f.Levels))
        {
            var run = level.Run;
            var l = run.Latency;
            w.WriteLine($"| {OnOff(level.Emulate)} | {run.Concurrency} | {run.Sent} | {run.Served} | {Ms(l.P50)} | {Ms(l.P95)} | {Ms(l.P99)} | {Ms(l.Mean)} | {run.Throughput:0.0} /s | {level.HarnessCpuSeconds:0.00} s | {level.AgentCpuSeconds:0.00} s | {level.LoadBefore} → {level.LoadAfter} |");
        }
        w.WriteLine();
        w.WriteLine("Throughput is served requests over the wall time from the first request's start to the last one's end. CPU is process time (user + system) over the same load: this process (studio and coordinator) and the 8 agents together.");
        w.WriteLine();
    }

    private static void WriteOverhead(TextWriter w, BenchResults results)
    {
        w.WriteLine("### 2. Coordinator overhead: latency − slowest needed reply");
        w.WriteLine();
        w.WriteLine("| emulation | concurrency | served | p50 | p95 | p99 | max |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|---:|");
        foreach (var level in results.Fleets.SelectMany(f => f.Levels))
        {
            var o = level.Run.Overhead;
            w.WriteLine($"| {OnOff(level.Emulate)} | {level.Run.Concurrency} | {o.Count} | {Ms(o.P50, 3)} | {Ms(o.P95, 3)} | {Ms(o.P99, 3)} | {Ms(o.Max, 3)} |");
        }
        w.WriteLine();
    }

    private static void WriteDrill(TextWriter w, DrillResult drill)
    {
        var run = drill.Run;
        var groups = drill.Plan.Document.Result.Plan!.Groups.OrderBy(g => g.Partition);
        var names = drill.Plan.Document.Devices.ToDictionary(d => d.Id, d => d.Name);
        w.WriteLine("### 3. Failures: one agent killed at a time, plan of pairs");
        w.WriteLine();
        w.WriteLine($"Plan: {string.Join("; ", groups.Select(g => $"group {g.Partition + 1} (width {g.Width}) = {string.Join(" + ", g.DeviceIds.Select(d => names[d]))}"))}; emulation off; closed loop at concurrency {run.Concurrency}.");
        w.WriteLine();
        var l = run.Latency;
        var members = run.MemberOutcomes;
        w.WriteLine($"Load over the drill: {run.Sent} sent, {run.Served} served, **{run.Sent - run.Served} lost**, {run.Throughput:0.0} served/s over {run.Wall.TotalSeconds:0.0} s; latency p50 {Ms(l.P50)}, p95 {Ms(l.P95)}, p99 {Ms(l.P99)}, max {Ms(l.Max)}; member shares: {string.Join(", ", members.Select(m => $"{m.Key.ToString().ToLowerInvariant()} {m.Value}"))}. Load {drill.LoadBefore} → {drill.LoadAfter}.");
        w.WriteLine();
        w.WriteLine("| # | device | group | killed at | kill → registry down | restart → registered | restart → registry ready | served while it was away | |");
        w.WriteLine("|---:|---|---:|---:|---:|---:|---:|---:|---|");
        var i = 0;
        foreach (var r in drill.Restarts)
        {
            i++;
            var back = r.RestartAt + (r.RestartToReady ?? TimeSpan.Zero);
            var during = run.Outcomes.Where(o => o.Started >= r.KilledAt && o.Ended <= back).ToList();
            var verdict = r.RestartToReady is { } t ? (t.TotalSeconds <= RestartTargetSeconds ? "✓" : "✗") : "✗ not back";
            w.WriteLine($"| {i} | {r.DeviceName} | {r.Partition + 1} | {r.KilledAt.TotalSeconds:0.00} s | {(r.KillToDown is { } d ? $"{d.TotalMilliseconds:0} ms" : "—")} | {(r.RestartToConnected is { } c ? $"{c.TotalSeconds:0.00} s" : "—")} | {(r.RestartToReady is { } rr ? $"{rr.TotalSeconds:0.00} s" : "never")} | {during.Count(o => o.Outcome.Served)}/{during.Count} | {verdict}{(r.Note is null ? "" : $" {r.Note}")} |");
        }
        w.WriteLine();
        var lost = run.Outcomes.Where(o => !o.Outcome.Served).ToList();
        if (lost.Count > 0)
        {
            w.WriteLine("Lost requests:");
            w.WriteLine();
            foreach (var o in lost.Take(20))
            {
                var shares = string.Join(", ", o.Outcome.Members.Select(m => $"{names.GetValueOrDefault(m.DeviceId, m.DeviceId.ToString(System.Globalization.CultureInfo.InvariantCulture))} {m.Outcome.ToString().ToLowerInvariant()}{(m.Error is null ? "" : $" ({m.Error})")}"));
                w.WriteLine($"- request {o.Index}, {o.Started.TotalSeconds:0.000}–{o.Ended.TotalSeconds:0.000} s: {shares}");
            }
            w.WriteLine();
        }
    }

    private static void WriteEmulation(TextWriter w, BenchResults results, FleetResult emulated)
    {
        var prediction = results.Prediction;
        var c1 = emulated.Levels.FirstOrDefault(l => l.Run.Concurrency == 1) ?? emulated.Levels[0];
        var l = c1.Run.Latency;
        w.WriteLine($"### 4. Emulation vs the closed form (concurrency {c1.Run.Concurrency})");
        w.WriteLine();
        w.WriteLine("| | R (served share) | p50 | p95 | p99 | mean of served |");
        w.WriteLine("|---|---:|---:|---:|---:|---:|");
        w.WriteLine($"| measured, emulation on | {(double)c1.Run.Served / c1.Run.Sent:0.0000} | {Ms(l.P50)} | {Ms(l.P95)} | {Ms(l.P99)} | {Ms(l.Mean)} |");
        Row("closed form, every p_n = 0 (what emulation reproduces)", prediction.WithoutFailures);
        Row("closed form, the plan's PlanMetrics (with p_n)", prediction.Plan);
        w.WriteLine();
        var p50 = prediction.WithoutFailures.P50Seconds ?? double.NaN;
        w.WriteLine($"Measured p50 − predicted p50 (p_n = 0) = {(l.P50 - p50) * 1000:+0.00;−0.00} ms ({(l.P50 / p50) - 1:+0.0%;−0.0%}); the prediction includes δ = {prediction.Topology.AggregatorSeconds * 1000:0.000} ms for the aggregator, the measurement the aggregator's real run. "
            + $"Each emulated member waits three times per request; a 5 ms Task.Delay woke up late by p50 {Ms(emulated.TimerOvershoot.P50, 3)} just before.");
        w.WriteLine();

        // Who answered for each group, and how long their replies took beside their t_nk.
        var wins = c1.Run.Outcomes.SelectMany(o => o.Outcome.Members).Where(m => m.Outcome == MemberOutcome.Won && m.Elapsed is not null)
            .GroupBy(m => m.DeviceId).ToDictionary(g => g.Key, g => Summary.Of(g.Select(m => m.Elapsed!.Value.TotalSeconds)));
        w.WriteLine("| group | device | t_nk closed form | replies used | their median | median − t_nk |");
        w.WriteLine("|---:|---|---:|---:|---:|---:|");
        foreach (var group in prediction.Topology.Groups)
        {
            foreach (var m in group.Members)
            {
                if (wins.TryGetValue(m.DeviceId, out var s))
                    w.WriteLine($"| {group.Partition + 1} | {m.Name} | {m.IsolatedSeconds * 1000:0.00} ms | {s.Count} | {Ms(s.P50)} | {(s.P50 - m.IsolatedSeconds) * 1000:+0.00;−0.00} ms |");
                else
                    w.WriteLine($"| {group.Partition + 1} | {m.Name} | {m.IsolatedSeconds * 1000:0.00} ms | 0 | — | — |");
            }
        }
        w.WriteLine();

        void Row(string label, PlanMetrics metrics) =>
            w.WriteLine($"| {label} | {metrics.Reliability:0.0000} | {Ms(metrics.P50Seconds)} | {Ms(metrics.P95Seconds)} | {Ms(metrics.P99Seconds)} | {Ms(metrics.MeanServedSeconds)} |");
    }

    private static void WriteVerdicts(TextWriter w, BenchResults results)
    {
        w.WriteLine("### Verdicts");
        w.WriteLine();
        w.WriteLine("| target | measured | |");
        w.WriteLine("|---|---|---|");
        var levels = results.Fleets.SelectMany(f => f.Levels).ToList();
        if (levels.Count > 0)
        {
            var served = levels.Sum(l => l.Run.Served);
            var sent = levels.Sum(l => l.Run.Sent);
            w.WriteLine($"| 1. p50/p95/p99 and throughput at concurrency {string.Join(", ", levels.Select(l => l.Run.Concurrency).Distinct())}, emulation off and on | {served}/{sent} served over {levels.Count} loads | {(results.Fleets.Count == 2 ? "measured" : "partly measured")} |");
            var off1 = levels.FirstOrDefault(l => !l.Emulate && l.Run.Concurrency == 1);
            if (off1 is not null)
            {
                var o = off1.Run.Overhead;
                w.WriteLine($"| 2. coordinator overhead p50 ≤ 1 ms at concurrency 1, emulation off | p50 {Ms(o.P50, 3)}, p95 {Ms(o.P95, 3)}, p99 {Ms(o.P99, 3)} | {(o.P50 <= OverheadTargetSeconds ? "✓ met" : "✗ not met")} |");
            }
        }
        if (results.Drill is { } drill)
        {
            var lost = drill.Run.Sent - drill.Run.Served;
            w.WriteLine($"| 3a. no request lost while one agent at a time is killed | {lost} of {drill.Run.Sent} lost | {(lost == 0 ? "✓ met" : "✗ not met")} |");
            var times = drill.Restarts.Select(r => r.RestartToReady).ToList();
            var worst = times.All(t => t is not null) ? times.Max()!.Value.TotalSeconds : double.PositiveInfinity;
            w.WriteLine($"| 3b. restart to serving ≤ 5 s | {string.Join(", ", times.Select(t => t is { } v ? $"{v.TotalSeconds:0.00}" : "never"))} s (worst {(double.IsInfinity(worst) ? "never" : $"{worst:0.00} s")}) | {(worst <= RestartTargetSeconds ? "✓ met" : "✗ not met")} |");
        }
        if (results.Fleets.FirstOrDefault(f => f.Emulate) is { } emulated && emulated.Levels.FirstOrDefault(l => l.Run.Concurrency == 1) is { } c1)
        {
            var predicted = results.Prediction.WithoutFailures.P50Seconds ?? double.NaN;
            w.WriteLine($"| 4. emulation p50 beside the closed form | {Ms(c1.Run.Latency.P50)} vs {Ms(predicted)} ({(c1.Run.Latency.P50 / predicted) - 1:+0.0%;−0.0%}) | shown |");
        }
        w.WriteLine();
    }

    private static string OnOff(bool on) => on ? "on" : "off";

    private static string Ms(double? seconds, int decimals = 2) => seconds is { } s && double.IsFinite(s)
        ? (s * 1000).ToString(decimals == 3 ? "0.000" : "0.00", System.Globalization.CultureInfo.InvariantCulture) + " ms"
        : "—";
}
