using System.Diagnostics;
using System.Globalization;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Benchmarks;

/// <summary>
/// The measured simulator harness behind docs/benchmarks.md ("Simulator"): (a) simulated requests per wall-clock
/// second on one thread; (b) memory over a 10-million-request run; (c) simulation against the closed form at
/// closed-loop concurrency 1 and zero jitter; (d) p95 of served requests under Poisson load against the closed form.
/// </summary>
public static class SimHarness
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>DKW level of the CDF check (rocoin-model.md §3).</summary>
    private const double Alpha = 0.001;

    /// <summary>
    /// Runs the parts named in <paramref name="args"/> ("plans", "throughput", "memory", "closed-form", "load"; all
    /// when none is named) and writes Markdown to <paramref name="output"/>.
    /// </summary>
    public static void Run(TextWriter output, string[] args)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(args);
        string[] all = ["plans", "throughput", "memory", "closed-form", "load"];
        var parts = args.Length == 0 ? all : args;
        foreach (var part in parts)
        {
            if (!all.Contains(part))
                throw new ArgumentException($"Unknown part '{part}'; expected any of: {string.Join(", ", all)}.", nameof(args));
        }

        var paper = SimPlans.Paper();
        var clock = Stopwatch.StartNew();
        output.WriteLine("# Simulator harness");
        output.WriteLine();
        output.WriteLine($"Load averages at the start (1, 5, 15 min): {LoadAverages()}; processors: {Environment.ProcessorCount}; server GC: {System.Runtime.GCSettings.IsServerGC}.");
        foreach (var part in parts)
        {
            output.WriteLine();
            switch (part)
            {
                case "plans":
                    Plans(output, paper);
                    break;
                case "throughput":
                    Throughput(output, paper);
                    break;
                case "memory":
                    Memory(output, paper);
                    break;
                case "closed-form":
                    ClosedForm(output, paper);
                    break;
                case "load":
                    Load(output, paper);
                    break;
            }
            output.Flush();
        }
        output.WriteLine();
        output.WriteLine(Text($"Load averages at the end (1, 5, 15 min): {LoadAverages()}; total {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    // ---------------------------------------------------------------- plans

    private static void Plans(TextWriter output, SimulationTopology paper)
    {
        output.WriteLine("## Plans");
        output.WriteLine();
        Describe(output, "paper plan (RoCoIn, N = 8)", paper);
        var large = SimPlans.SortedBlocks(1000, 8);
        Describe(output, "sorted blocks, N = 1000, K = 8, MCU students", large);
    }

    private static void Describe(TextWriter output, string name, SimulationTopology topology)
    {
        var prediction = new Simulator(topology, Poisson(1, 1, null)).Prediction;
        var devices = topology.Devices.ToList();
        output.WriteLine(Text(
            $"**{name}**: K = {topology.Groups.Count}, N = {devices.Count}, τ = {topology.DeadlineSeconds * 1000:0.###} ms, δ = {topology.AggregatorSeconds * 1000:0.###} ms, mode {topology.Mode}; closed form R = {prediction.Reliability:0.0000}, E[T | served] = {Ms(prediction.MeanServedSeconds)}, p95 = {Ms(prediction.P95Seconds)}; capacity (busiest device always busy) {SimPlans.Capacity(topology):0.00} requests/s; shortest request {SimPlans.ShortestRequestSeconds(topology, prediction) * 1000:0.00} ms vs longest compute {devices.Max(d => d.ComputeSeconds) * 1000:0.00} ms (isolated at concurrency 1: {(SimPlans.IsolatedAtConcurrencyOne(topology, prediction) ? "yes" : "no")})."));
        if (devices.Count > 16)
            return;
        output.WriteLine();
        output.WriteLine("| group | width | device | t_nk (ms) | compute c (ms) | p |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|");
        foreach (var group in topology.Groups)
        {
            foreach (var m in group.Members)
                output.WriteLine(Text($"| {group.Partition + 1} | {group.Width} | {m.DeviceId} | {m.IsolatedSeconds * 1000:0.00} | {m.ComputeSeconds * 1000:0.00} | {m.NoReplyProbability:0.000} |"));
        }
        output.WriteLine();
    }

    // ---------------------------------------------------------------- (a) throughput

    private static void Throughput(TextWriter output, SimulationTopology paper)
    {
        output.WriteLine("## (a) Throughput: simulated requests per wall-clock second, one thread, fast mode");
        output.WriteLine();
        output.WriteLine(Text($"Load averages before: {LoadAverages()}."));
        output.WriteLine();
        output.WriteLine("RunToEnd, traceCapacity 0, no subscriber, zero jitter; a fresh simulator per run (its construction is timed too); one warm-up run, then 3 timed runs.");
        output.WriteLine();
        output.WriteLine("| plan | arrivals | requests per run | req/s (median of 3) | min – max | allocated per request | max queue at the end | target | |");
        output.WriteLine("|---|---|---:|---:|---:|---:|---:|---|---|");
        var large = SimPlans.SortedBlocks(1000, 8);
        ThroughputRow(output, "paper, N = 8", paper, SimArrivals.Poisson, 2_000_000, 1_000_000);
        ThroughputRow(output, "paper, N = 8", paper, SimArrivals.ClosedLoop, 2_000_000, 1_000_000);
        ThroughputRow(output, "sorted blocks, N = 1000", large, SimArrivals.Poisson, 50_000, null);
        ThroughputRow(output, "sorted blocks, N = 1000", large, SimArrivals.ClosedLoop, 50_000, null);
        output.WriteLine();
        output.WriteLine(Text($"Load averages after: {LoadAverages()}."));
    }

    private static void ThroughputRow(TextWriter output, string name, SimulationTopology topology, SimArrivals arrivals, long requests,
        double? target)
    {
        var settings = SimPlans.Settings(topology, arrivals, requests);
        RunOnce(topology, settings with { MaxRequests = Math.Max(1, requests / 5) }, out _, out _);
        var rates = new List<double>();
        var allocatedPerRequest = 0.0;
        var maxQueue = 0;
        for (var i = 0; i < 3; i++)
        {
            var sent = RunOnce(topology, settings, out var seconds, out var allocated, out maxQueue);
            rates.Add(sent / seconds);
            allocatedPerRequest = (double)allocated / sent;
        }
        rates.Sort();
        var verdict = target is { } t ? (rates[1] >= t ? "✓" : "✗") : "";
        output.WriteLine(Text(
            $"| {name} | {Describe(arrivals, topology)} | {requests:N0} | {rates[1]:N0} | {rates[0]:N0} – {rates[2]:N0} | {allocatedPerRequest:0.0} B | {maxQueue:N0} | {(target is { } x ? $"≥ {x:N0} req/s" : "—")} | {verdict} |"));
    }

    private static long RunOnce(SimulationTopology topology, SimulationSettings settings, out double seconds, out long allocated) =>
        RunOnce(topology, settings, out seconds, out allocated, out _);

    private static long RunOnce(SimulationTopology topology, SimulationSettings settings, out double seconds, out long allocated, out int maxQueue)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();
        var start = Stopwatch.GetTimestamp();
        var simulator = new Simulator(topology, settings);
        simulator.RunToEnd();
        seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var snapshot = simulator.Snapshot();
        maxQueue = snapshot.Devices.Max(d => d.QueueLength);
        return snapshot.Sent;
    }

    // ---------------------------------------------------------------- (b) memory

    private static void Memory(TextWriter output, SimulationTopology paper)
    {
        const double scale = 1e-3;
        var topology = SimPlans.Scaled(paper, scale);
        var capacity = SimPlans.Capacity(topology);
        output.WriteLine("## (b) Memory over a 10-million-request run");
        output.WriteLine();
        output.WriteLine(Text($"Load averages before: {LoadAverages()}."));
        output.WriteLine();
        output.WriteLine(Text(
            $"The paper plan with every time divided by 1000 (ms become µs: the same queueing at 1000 × the rate, but 10 M requests cover {10_000_000 / (0.5 * capacity):N0} simulated seconds instead of {10_000_000 / (0.5 * capacity) / scale:N0}, more than the one-week limit), Poisson at 50 % of its capacity ({0.5 * capacity:N0} requests/s; capacity {capacity:N0} requests/s, where the busiest device is always busy), so **no device is overloaded and every queue stays bounded**. RunUntil in slices of 1 simulated second, sampled at the first slice end after each mark; live heap = GC.GetTotalMemory(forceFullCollection: true). Committed memory and working set include what earlier parts of this process left behind: run `sim memory` alone for them."));
        output.WriteLine();
        output.WriteLine("| run | requests sent | simulated s | live heap | GC heap size | committed | working set | allocated since start | max device queue |");
        output.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        var samples = MemoryRun(output, "50 % of capacity", topology, 0.5 * capacity, [1_000_000, 5_000_000, 10_000_000]);
        var growth = (samples[^1].Live - samples[0].Live) / (double)(samples[^1].Sent - samples[0].Sent);
        var overloaded = MemoryRun(output, "150 % of capacity (overloaded, for contrast)", topology, 1.5 * capacity, [1_000_000, 2_000_000]);
        var overloadedGrowth = (overloaded[^1].Live - overloaded[0].Live) / (double)(overloaded[^1].Sent - overloaded[0].Sent);
        output.WriteLine();
        output.WriteLine(Text(
            $"Live heap growth from the first to the last sample: {growth:0.000} B per request at 50 % (the per-second aggregates, one record per simulated second, are all that accumulates); {overloadedGrowth:0.0} B per request at 150 %, where the slowest device's FIFO queue grows without bound."));
        output.WriteLine();
        output.WriteLine(Text($"Load averages after: {LoadAverages()}."));
    }

    private static List<(long Sent, long Live)> MemoryRun(TextWriter output, string name, SimulationTopology topology, double rate, long[] marks)
    {
        var settings = new SimulationSettings
        {
            Arrivals = new ArrivalSettings(ArrivalKind.Poisson, rate),
            DurationSeconds = SimulationSettings.MaxDurationSeconds,
            MaxRequests = marks[^1],
            Seed = 11,
        };
        var simulator = new Simulator(topology, settings);
        var samples = new List<(long, long)>();
        var next = 0;
        var slice = 0.0;
        while (next < marks.Length)
        {
            slice += 1;
            simulator.RunUntil(slice);
            var snapshot = simulator.Snapshot();
            if (snapshot.Sent < marks[next] && !simulator.Finished)
                continue;
            var live = GC.GetTotalMemory(forceFullCollection: true);
            var info = GC.GetGCMemoryInfo();
            var workingSet = Environment.WorkingSet;
            var allocated = GC.GetTotalAllocatedBytes(precise: true);
            output.WriteLine(Text(
                $"| {name} | {snapshot.Sent:N0} | {snapshot.NowSeconds:N0} | {Mb(live)} | {Mb(info.HeapSizeBytes)} | {Mb(info.TotalCommittedBytes)} | {Mb(workingSet)} | {Mb(allocated)} | {snapshot.Devices.Max(d => d.QueueLength):N0} |"));
            samples.Add((snapshot.Sent, live));
            while (next < marks.Length && snapshot.Sent >= marks[next])
                next++;
            if (simulator.Finished)
                break;
        }
        return samples;
    }

    // ---------------------------------------------------------------- (c) closed form

    private static void ClosedForm(TextWriter output, SimulationTopology paper)
    {
        const int requests = 200_000;
        output.WriteLine("## (c) Simulation vs closed form at closed-loop concurrency 1, zero jitter");
        output.WriteLine();
        output.WriteLine(Text($"Load averages before: {LoadAverages()}."));
        output.WriteLine();
        output.WriteLine(Text(
            $"{requests:N0} requests per plan (seed 77). R: |R̂ − R| ≤ 4·√(R(1 − R)/n); mean of served: |mean − E[T | served]| ≤ 4·s/√n_served; CDF of all requests (F(τ) = R): sup|F_n − F| ≤ ε = √(ln(2/α)/(2n)), α = {Alpha}. \"isolated\": the shortest request lasts at least as long as every member's compute, so no member still works on the previous request when the next one reaches it."));
        output.WriteLine();
        output.WriteLine("| plan | isolated | R closed form | R simulated | 4σ | | E[T \\| served] | mean simulated | 4σ | | sup\\|F_n − F\\| | DKW ε | | off-step latencies |");
        output.WriteLine("|---|---|---:|---:|---:|---|---:|---:|---:|---|---:|---:|---|---:|");
        foreach (var (name, topology) in ClosedFormPlans())
            ClosedFormRow(output, name, topology, requests);
        ClosedFormRow(output, "paper plan (contrast)", paper, requests);
        output.WriteLine();
        output.WriteLine(Text($"Load averages after: {LoadAverages()}."));
    }

    /// <summary>
    /// Plans with long links (ℓ = 0.25 s each way, 10 ms transfers) and compute of at most 0.25 s: every request takes
    /// at least 0.52 s, so each member has finished the previous request before the next one reaches it. No member
    /// sits exactly on t = τ − δ: there the closed form's sum and the simulator's difference of absolute times round
    /// differently, and either may count the reply.
    /// </summary>
    private static IEnumerable<(string Name, SimulationTopology Topology)> ClosedFormPlans()
    {
        static SimulatedDevice M(double compute, double p) => new(0, "", "bench", 0, 0.25, 0.01, compute, 0.01, p, null, null);
        yield return ("strict, 2 groups, one member never in time", Topology(0.7, 0.02, 0.6, FailureMode.Strict,
            [M(0.03, 0.2), M(0.08, 0.3), M(0.25, 0.1)],
            [M(0.05, 0.15), M(0.12, 0.35)]));
        yield return ("degraded, 3 groups", Topology(0.7, 0.02, 0.6, FailureMode.Degraded,
            [M(0.04, 0.45)],
            [M(0.06, 0.3), M(0.14, 0.25)],
            [M(0.09, 0.5), M(0.15, 0.4)]));
        yield return ("strict, 4 groups", Topology(0.72, 0.015, 0.6, FailureMode.Strict,
            [M(0.02, 0.1), M(0.07, 0.3), M(0.11, 0.2)],
            [M(0.03, 0.35), M(0.09, 0.15)],
            [M(0.05, 0.05)],
            [M(0.04, 0.2), M(0.10, 0.25), M(0.18, 0.3)]));
        yield return ("strict, p = 0 (one outcome)", Topology(0.7, 0.02, 0.6, FailureMode.Strict,
            [M(0.05, 0), M(0.10, 0)],
            [M(0.08, 0)]));
    }

    private static SimulationTopology Topology(double tau, double delta, double objective, FailureMode mode, params SimulatedDevice[][] groups)
    {
        var id = 1;
        var built = groups.Select((members, g) => new SimulatedGroup(g, 4, "s-mcu",
            members.Select(m => m with { DeviceId = id, Name = $"bench-{id++}", Group = g }).ToList())).ToList();
        return new SimulationTopology("bench", built, tau, delta, objective, mode, null, null);
    }

    private static void ClosedFormRow(TextWriter output, string name, SimulationTopology topology, int requests)
    {
        var settings = new SimulationSettings
        {
            Arrivals = new ArrivalSettings(ArrivalKind.ClosedLoop, Concurrency: 1),
            DurationSeconds = SimulationSettings.MaxDurationSeconds,
            MaxRequests = requests,
            Seed = 77,
        };
        var simulator = new Simulator(topology, settings);
        var served = new List<double>(requests);
        var n = 0;
        simulator.RequestCompleted += trace =>
        {
            n++;
            if (trace.Served)
                served.Add(trace.LatencySeconds!.Value);
        };
        simulator.RunToEnd();
        var prediction = simulator.Prediction;
        var isolated = SimPlans.IsolatedAtConcurrencyOne(topology, prediction);

        var r = prediction.Reliability;
        var rate = (double)served.Count / n;
        var rBand = 4 * Math.Sqrt(r * (1 - r) / n);
        var rPass = Math.Abs(rate - r) <= rBand + 1e-12;

        string meanCells;
        if (served.Count > 1 && prediction.MeanServedSeconds is { } expected)
        {
            var mean = served.Average();
            var sd = Math.Sqrt(served.Sum(t => (t - mean) * (t - mean)) / (served.Count - 1));
            var band = 4 * sd / Math.Sqrt(served.Count);
            var pass = Math.Abs(mean - expected) <= band + 1e-9;
            meanCells = Text($"{expected * 1000:0.000} ms | {mean * 1000:0.000} ms | {band * 1000:0.000} ms | {Mark(pass)}");
        }
        else
        {
            meanCells = "— | — | — | ";
        }

        served.Sort();
        var (sup, offStep) = SupDistance(served, n, prediction.Cdf);
        var epsilon = Math.Sqrt(Math.Log(2 / Alpha) / (2.0 * n));
        output.WriteLine(Text(
            $"| {name} | {(isolated ? "yes" : "no")} | {r:0.00000} | {rate:0.00000} | {rBand:0.00000} | {Mark(rPass)} | {meanCells} | {sup:0.00000} | {epsilon:0.00000} | {Mark(sup <= epsilon && offStep == 0)} | {offStep:N0} |"));
    }

    /// <summary>
    /// sup over t of |F_n(t) − F(t)|, where F_n counts served latencies ≤ t over all <paramref name="n"/> requests and
    /// F is the closed form's step function; both are compared at each step and just before it. Also returns how many
    /// served latencies lie on none of the closed form's steps (any such latency is a disagreement in itself).
    /// </summary>
    private static (double Sup, int OffStep) SupDistance(List<double> sorted, int n, IReadOnlyList<CdfPoint> cdf)
    {
        const double eta = 1e-9;
        var offStep = 0;
        var step = 0;
        foreach (var t in sorted)
        {
            while (step < cdf.Count && cdf[step].Seconds < t - eta)
                step++;
            if (step == cdf.Count || Math.Abs(cdf[step].Seconds - t) > eta)
                offStep++;
        }

        var sup = 0.0;
        var previous = 0.0;
        var below = 0;
        foreach (var point in cdf)
        {
            while (below < sorted.Count && sorted[below] < point.Seconds - eta)
                below++;
            sup = Math.Max(sup, Math.Abs(((double)below / n) - previous));
            var atOrBelow = below;
            while (atOrBelow < sorted.Count && sorted[atOrBelow] <= point.Seconds + eta)
                atOrBelow++;
            sup = Math.Max(sup, Math.Abs(((double)atOrBelow / n) - point.Probability));
            previous = point.Probability;
        }
        sup = Math.Max(sup, Math.Abs(((double)sorted.Count / n) - previous));
        return (sup, offStep);
    }

    // ---------------------------------------------------------------- (d) load

    private static void Load(TextWriter output, SimulationTopology paper)
    {
        const int requests = 200_000;
        var capacity = SimPlans.Capacity(paper);
        var prediction = new Simulator(paper, Poisson(1, 1, null)).Prediction;
        output.WriteLine("## (d) p95 of served requests under Poisson load, paper plan");
        output.WriteLine();
        output.WriteLine(Text($"Load averages before: {LoadAverages()}."));
        output.WriteLine();
        output.WriteLine(Text(
            $"Capacity {capacity:0.00} requests/s: every member serves every request, so the slowest group's slowest member (the busiest device, λ·(1 − p)·c) sets it. {requests:N0} requests per level (seed 5), zero jitter. Closed form (one isolated request): R = {prediction.Reliability:0.0000}, p95 = {Ms(prediction.P95Seconds)}. Simulated percentiles come from the run's latency histogram (at most 1 % above the exact value)."));
        output.WriteLine();
        output.WriteLine("| load | λ (requests/s) | success rate | mean | p50 | p95 simulated | p95 closed form | ratio | p99 | busiest device utilisation |");
        output.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        foreach (var load in new[] { 0.1, 0.3, 0.5, 0.7, 0.9 })
        {
            var rate = load * capacity;
            var simulator = new Simulator(paper, Poisson(rate, requests / rate * 2, requests) with { Seed = 5 });
            simulator.RunToEnd();
            var summary = simulator.Result().Summary;
            var ratio = summary.P95Seconds / prediction.P95Seconds;
            output.WriteLine(Text(
                $"| {load * 100:0} % | {rate:0.00} | {summary.SuccessRate:0.0000} | {Ms(summary.MeanLatencySeconds)} | {Ms(summary.P50Seconds)} | {Ms(summary.P95Seconds)} | {Ms(prediction.P95Seconds)} | {ratio:0.000} | {Ms(summary.P99Seconds)} | {summary.Devices.Max(d => d.Utilisation) * 100:0.0} % |"));
        }
        output.WriteLine();
        output.WriteLine(Text($"Load averages after: {LoadAverages()}."));
    }

    // ---------------------------------------------------------------- helpers

    private static string Describe(SimArrivals arrivals, SimulationTopology topology) => arrivals == SimArrivals.Poisson
        ? Text($"Poisson, {0.5 * SimPlans.Capacity(topology):0.00}/s (50 % of capacity)")
        : "closed loop, concurrency 1";

    private static SimulationSettings Poisson(double rate, double duration, long? requests) => new()
    {
        Arrivals = new ArrivalSettings(ArrivalKind.Poisson, rate),
        DurationSeconds = Math.Min(duration, SimulationSettings.MaxDurationSeconds),
        MaxRequests = requests,
    };

    private static string LoadAverages()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{fields[0]}, {fields[1]}, {fields[2]}";
        }
        catch (IOException)
        {
            return "unavailable";
        }
    }

    private static string Mark(bool pass) => pass ? "✓" : "✗";

    private static string Ms(double? seconds) => seconds is { } s ? Text($"{s * 1000:0.000} ms") : "—";

    private static string Mb(long bytes) => Text($"{bytes / 1048576.0:0.0} MB");

    private static string Text(FormattableString text) => text.ToString(Invariant);
}
