using System.Diagnostics;
using System.Globalization;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Benchmarks;

/// <summary>
/// The measured harness behind docs/benchmarks.md: (a) the heuristic's optimality gap against the exhaustive grid
/// search on small random fleets; (b) J of RoCoIn and every baseline on the paper setting as every device's
/// p(no reply) rises.
/// </summary>
public static class GapHarness
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Runs both parts and writes Markdown to <paramref name="output"/>. Optional argument: the number of fleets (default 200).</summary>
    public static void Run(TextWriter output, string[] args)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(args);
        var fleets = args.Length > 0 ? int.Parse(args[0], Invariant) : 200;
        Gap(output, fleets);
        output.WriteLine();
        PaperSetting(output);
    }

    private static void Gap(TextWriter output, int fleets)
    {
        var clock = Stopwatch.StartNew();
        var random = new SeededRandom(20_240_614);
        var gaps = new List<double>();
        var rows = new List<string>();
        var exactSeconds = 0.0;
        var heuristicSeconds = 0.0;
        var infeasible = 0;
        for (var i = 0; i < fleets; i++)
        {
            var n = 3 + (int)(random.NextUInt64() % 6);
            var seed = 1000 + i;
            var request = BenchFleets.Request(BenchFleets.Paper(n, seed), new PlanSettings { Seed = seed });
            var t0 = Stopwatch.GetTimestamp();
            var exact = ExactPlanner.Plan(request);
            var t1 = Stopwatch.GetTimestamp();
            var heuristic = RoCoInPlanner.Plan(request).Plan;
            var t2 = Stopwatch.GetTimestamp();
            exactSeconds += Stopwatch.GetElapsedTime(t0, t1).TotalSeconds;
            heuristicSeconds += Stopwatch.GetElapsedTime(t1, t2).TotalSeconds;
            if (exact is null || heuristic is null)
            {
                infeasible++;
                rows.Add(string.Create(Invariant, $"| {seed} | {n} | {(exact is null ? "none" : "plan")} | {(heuristic is null ? "none" : "plan")} | | |"));
                continue;
            }
            var gap = (heuristic.Metrics.ObjectiveJ / exact.Metrics.ObjectiveJ) - 1;
            gaps.Add(gap);
            if (gap > 0.01)
                rows.Add(string.Create(Invariant, $"| {seed} | {n} | {exact.Metrics.ObjectiveJ * 1000:0.000} ms | {heuristic.Metrics.ObjectiveJ * 1000:0.000} ms | {gap * 100:0.00} % | K {exact.Groups.Count} vs {heuristic.Groups.Count} |"));
        }
        gaps.Sort();
        output.WriteLine("## Optimality gap (J_heuristic / J_exact − 1; exact search on widths of grid F/16)");
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"Fleets: {fleets} (N uniform in 3..8, paper ranges, 2 MB memory, default settings, seeds 1000..{1000 + fleets - 1}); compared: {gaps.Count}; either side infeasible: {infeasible}."));
        if (gaps.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| statistic | value |");
            output.WriteLine("|---|---|");
            output.WriteLine(string.Create(Invariant, $"| median | {Quantile(gaps, 0.5) * 100:0.000} % |"));
            output.WriteLine(string.Create(Invariant, $"| 90th percentile | {Quantile(gaps, 0.9) * 100:0.000} % |"));
            output.WriteLine(string.Create(Invariant, $"| max | {gaps[^1] * 100:0.000} % |"));
            output.WriteLine(string.Create(Invariant, $"| min (negative: the heuristic beat the grid) | {gaps[0] * 100:0.000} % |"));
            output.WriteLine(string.Create(Invariant, $"| fleets over 1 % | {gaps.Count(g => g > 0.01)} |"));
            output.WriteLine(string.Create(Invariant, $"| fleets over 5 % | {gaps.Count(g => g > 0.05)} |"));
        }
        if (rows.Count > 0)
        {
            output.WriteLine();
            output.WriteLine("| seed | N | J exact | J heuristic | gap | groups |");
            output.WriteLine("|---|---|---|---|---|---|");
            foreach (var row in rows)
                output.WriteLine(row);
        }
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"Time: exact {exactSeconds:0.0} s, heuristic {heuristicSeconds:0.00} s, total {clock.Elapsed.TotalSeconds:0.0} s."));
    }

    private static void PaperSetting(TextWriter output)
    {
        var probabilities = new[] { 0.0, 0.1, 0.2, 0.3 };
        var devices = BenchFleets.Paper(8);
        var request = BenchFleets.Request(devices);
        var context = new PlanningContext(request);
        var result = RoCoInPlanner.Plan(request);
        var strategies = Strategies(result);

        output.WriteLine(string.Create(Invariant, $"## Paper setting: FleetGenerator defaults (N = 8, seed {BenchFleets.PaperSeed}), default PlanSettings"));
        output.WriteLine();
        var exact = ExactPlanner.Plan(request);
        output.WriteLine(string.Create(Invariant,
            $"RoCoIn: J = {result.Plan?.Metrics.ObjectiveJ * 1000:0.000} ms, K = {result.Plan?.Groups.Count}, R = {result.Plan?.Metrics.Reliability:0.0000}; exact search on the grid: J = {exact?.Metrics.ObjectiveJ * 1000:0.000} ms, K = {exact?.Groups.Count}."));
        output.WriteLine();
        output.WriteLine("RoCoIn plan: " + Describe(result.Plan));
        output.WriteLine();
        output.WriteLine("### J (ms) of one planning run, every device's p set to the column's value (FailureSweep.Run)");
        output.WriteLine();
        WriteHeader(output, probabilities);
        var swept = strategies.Select(s => (s.Strategy, J: FailureSweep.Run(context, s, probabilities).Select(x => x.ObjectiveJ).ToArray())).ToList();
        WriteTable(output, probabilities, swept);

        output.WriteLine();
        output.WriteLine("### J (ms) of a fresh plan made at each p (every device's p set, then planned; R_min = 0.9)");
        output.WriteLine();
        var fresh = new Dictionary<string, double[]>();
        var order = new List<string>();
        for (var i = 0; i < probabilities.Length; i++)
        {
            var at = devices.Select(d => d with { NoReplyProbability = probabilities[i] }).ToList();
            var planned = RoCoInPlanner.Plan(BenchFleets.Request(at));
            if (planned.Plan is null)
                output.WriteLine(string.Create(Invariant, $"p = {probabilities[i]}: no RoCoIn plan ({planned.Problem?.Explanation})."));
            foreach (var plan in Strategies(planned))
            {
                if (!fresh.TryGetValue(plan.Strategy, out var js))
                {
                    fresh[plan.Strategy] = js = Enumerable.Repeat(double.NaN, probabilities.Length).ToArray();
                    order.Add(plan.Strategy);
                }
                js[i] = plan.Metrics.ObjectiveJ;
            }
        }
        WriteHeader(output, probabilities);
        WriteTable(output, probabilities, order.Select(s => (s, fresh[s])).ToList());
    }

    private static string Describe(DeploymentPlan? plan) => plan is null ? "none" :
        string.Join("; ", plan.Groups.Select(g => string.Create(Invariant, $"devices {string.Join(", ", g.DeviceIds)} at d = {g.Width} ({g.StudentKey})")));

    private static List<DeploymentPlan> Strategies(PlanningResult result) =>
        (result.Plan is null ? result.Baselines : [result.Plan, .. result.Baselines]).ToList();

    private static void WriteHeader(TextWriter output, double[] probabilities)
    {
        output.WriteLine("| strategy | " + string.Join(" | ", probabilities.Select(p => string.Create(Invariant, $"p = {p}"))) + " |");
        output.WriteLine("|---|" + string.Concat(probabilities.Select(_ => "---|")));
    }

    // Each cell in ms; the best of its column in bold, and RoCoIn marked ✗ where another strategy is lower.
    private static void WriteTable(TextWriter output, double[] probabilities, List<(string Strategy, double[] J)> rows)
    {
        var best = Enumerable.Range(0, probabilities.Length)
            .Select(i => rows.Select(r => r.J[i]).Where(double.IsFinite).DefaultIfEmpty(double.NaN).Min()).ToArray();
        foreach (var (strategy, js) in rows)
        {
            var cells = js.Select((j, i) =>
            {
                if (double.IsNaN(j))
                    return "—";
                var text = string.Create(Invariant, $"{j * 1000:0.00}");
                if (j == best[i])
                    return $"**{text}**";
                return strategy == RoCoInPlanner.Strategy ? text + " ✗" : text;
            });
            output.WriteLine($"| {strategy} | {string.Join(" | ", cells)} |");
        }
    }

    private static double Quantile(List<double> sorted, double q)
    {
        // Lower-inverse rule, as the evaluator's percentiles: the smallest value with at least q of the sample at or below it.
        var index = Math.Max(0, (int)Math.Ceiling(q * sorted.Count) - 1);
        return sorted[index];
    }

}
