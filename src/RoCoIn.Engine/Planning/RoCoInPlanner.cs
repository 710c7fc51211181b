using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// The RoCoIn heuristic of rocoin-model.md §7: for every group count K, a greedy grouping (A), widths by
/// bisection on the bottleneck group time (B), students by memory then by objective (C), then a local search
/// of moves, drops and width shifts (D). Deterministic for a seed: the search stops after a fixed number of
/// evaluations, never after a wall-clock time.
/// </summary>
public static class RoCoInPlanner
{
    /// <summary>Name of the RoCoIn plan in results.</summary>
    public const string Strategy = "RoCoIn";

    /// <summary>Plans <paramref name="request"/>: the RoCoIn plan (or why there is none) and the baselines.</summary>
    public static PlanningResult Plan(PlanRequest request, IProgress<JobProgress>? progress = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var context = new PlanningContext(request);
        var problem = FeasibilityAnalyzer.CheckInputs(context);
        if (problem is not null)
            return new PlanningResult(null, [], problem, 0);

        var best = request.FixedStudents is { } fixedStudents
            ? PlanFixed(context, fixedStudents, progress, cancellationToken)
            : PlanFree(context, progress, cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        progress?.Report(new JobProgress(0.95, "Building the baselines"));

        var plan = best is null ? null : context.ToPlan(Strategy, best, Describe(context, best));
        var baselines = Baselines.Build(context, best);
        if (plan is null || !plan.MeetsConstraints)
        {
            var reason = FeasibilityAnalyzer.Explain(context, plan);
            progress?.Report(new JobProgress(1, "No plan meets the constraints"));
            return new PlanningResult(null, baselines, reason, context.Evaluations);
        }
        progress?.Report(new JobProgress(1, "Done"));
        return new PlanningResult(plan, baselines, null, context.Evaluations);
    }

    private static Candidate? PlanFree(PlanningContext context, IProgress<JobProgress>? progress, CancellationToken ct)
    {
        var n = context.Devices.Count;
        var maxK = Math.Min(Math.Min(n, context.F), Math.Max(1, context.Settings.MaxGroups));
        var budgetPerK = SearchBudget(n) / maxK;
        Candidate? best = null;
        var bestScore = double.PositiveInfinity;
        for (var k = 1; k <= maxK; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new JobProgress(0.9 * (k - 1) / maxK, $"Trying {k} group{(k == 1 ? "" : "s")}"));
            var candidate = Greedy(context, k);
            if (candidate is null)
                continue;
            var score = LocalSearch(context, candidate, budgetPerK, fixedStudents: false, ct);
            if (score < bestScore)
            {
                best = candidate;
                bestScore = score;
            }
        }
        return best;
    }

    private static Candidate? PlanFixed(PlanningContext context, IReadOnlyList<FixedPartition> partitions,
        IProgress<JobProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new JobProgress(0.1, $"Grouping for {partitions.Count} distilled students"));
        var k = partitions.Count;
        var candidate = new Candidate(context.Devices.Count, k);
        for (var g = 0; g < k; g++)
        {
            candidate.Width[g] = partitions[g].Width;
            candidate.Student[g] = context.StudentIndex(partitions[g].StudentKey);
        }
        AssignGreedily(context, candidate);
        if (Enumerable.Range(0, k).Any(g => candidate.Size(g) == 0))
            return null;
        LocalSearch(context, candidate, SearchBudget(context.Devices.Count), fixedStudents: true, ct);
        return candidate;
    }

    /// <summary>Evaluations the whole search may spend: generous for small fleets, bounded for large ones.</summary>
    internal static int SearchBudget(int devices) => Math.Clamp(200_000 / Math.Max(1, devices), 400, 6_000);

    // Steps A–C for one K: equal widths to start, greedy grouping, then widths and students refined twice.
    private static Candidate? Greedy(PlanningContext context, int k)
    {
        var candidate = new Candidate(context.Devices.Count, k);
        var equal = EqualWidths(context.F, k);
        for (var g = 0; g < k; g++)
        {
            candidate.Width[g] = equal[g];
            candidate.Student[g] = 0;
        }
        AssignGreedily(context, candidate);
        if (Enumerable.Range(0, k).Any(g => candidate.Size(g) == 0))
            return null;
        for (var round = 0; round < 2; round++)
        {
            ChooseLargestStudents(context, candidate);
            if (!BalanceWidths(context, candidate))
                return null;
        }
        ChooseLargestStudents(context, candidate);
        PreferFasterStudents(context, candidate);
        return candidate;
    }

    /// <summary>
    /// Step A: devices fastest first (on the smallest student at each group's width), each into the group whose
    /// expected first-reply time is currently the worst, empty groups first. Devices that cannot run even the
    /// smallest student in time, or hold it, stay unused.
    /// </summary>
    internal static void AssignGreedily(PlanningContext context, Candidate candidate)
    {
        var k = candidate.K;
        var referenceWidth = candidate.Width.Max();
        var order = Enumerable.Range(0, context.Devices.Count)
            .Where(d => context.Fits(d, candidate.Student.Min(), referenceWidth)
                        && context.Time(d, candidate.Student.Min(), referenceWidth) <= context.UsableSeconds)
            .OrderBy(d => context.Time(d, 0, referenceWidth)).ThenBy(d => context.Devices[d].Id).ToList();
        Array.Fill(candidate.GroupOf, -1);
        var expected = new double[k];
        var allMissed = new double[k];
        var size = new int[k];
        Array.Fill(allMissed, 1.0);
        foreach (var d in order)
        {
            var target = -1;
            var worst = double.NegativeInfinity;
            for (var g = 0; g < k; g++)
            {
                if (!context.Fits(d, candidate.Student[g], candidate.Width[g]))
                    continue;
                var score = size[g] == 0 ? double.PositiveInfinity : expected[g] + (allMissed[g] * context.Settings.DeadlineSeconds);
                if (score > worst)
                {
                    worst = score;
                    target = g;
                }
            }
            if (target < 0)
                continue;
            var t = context.Time(d, candidate.Student[target], candidate.Width[target]);
            expected[target] += t * (1 - context.NoReply[d]) * allMissed[target];
            allMissed[target] *= context.NoReply[d];
            size[target]++;
            candidate.GroupOf[d] = target;
        }
    }

    /// <summary>Step C, first half: every group gets the largest student that all its members can hold.</summary>
    private static void ChooseLargestStudents(PlanningContext context, Candidate candidate)
    {
        for (var g = 0; g < candidate.K; g++)
        {
            var s = context.LargestFitting(candidate.Members(g), candidate.Width[g]);
            candidate.Student[g] = Math.Max(0, s);
        }
    }

    /// <summary>
    /// Step C, second half: a smaller student replaces a larger one when it lowers the score by more than 1 %.
    /// Tried for all groups at once first: the slowest group bounds every request, so changing one group
    /// alone rarely helps while the others stay slow.
    /// </summary>
    private static void PreferFasterStudents(PlanningContext context, Candidate candidate)
    {
        var current = context.Score(candidate);
        var original = (int[])candidate.Student.Clone();
        for (var level = original.Max() - 1; level >= 0; level--)
        {
            var before = (int[])candidate.Student.Clone();
            for (var g = 0; g < candidate.K; g++)
                candidate.Student[g] = Math.Min(original[g], level);
            var score = context.Score(candidate);
            if (score < current * 0.99)
                current = score;
            else
                before.CopyTo(candidate.Student, 0);
        }
        for (var g = 0; g < candidate.K; g++)
        {
            var chosen = candidate.Student[g];
            for (var s = chosen - 1; s >= 0; s--)
            {
                candidate.Student[g] = s;
                var score = context.Score(candidate);
                if (score < current * 0.99)
                {
                    current = score;
                    chosen = s;
                }
            }
            candidate.Student[g] = chosen;
        }
    }

    /// <summary>
    /// Step B: the smallest bottleneck L such that the widest width each group can take while its expected
    /// first-reply time stays ≤ L (and its student fits) adds up to F; then trim the slowest groups to Σ d_k = F.
    /// </summary>
    private static bool BalanceWidths(PlanningContext context, Candidate candidate)
    {
        var k = candidate.K;
        var f = context.F;
        var members = Enumerable.Range(0, k).Select(g => candidate.Members(g).ToArray()).ToArray();
        var score = new double[k][];
        for (var g = 0; g < k; g++)
        {
            score[g] = new double[f + 1];
            for (var w = 1; w <= f; w++)
                score[g][w] = members[g].All(d => context.Fits(d, candidate.Student[g], w))
                    ? context.GroupScore(members[g], candidate.Student[g], w)
                    : double.PositiveInfinity;
        }
        int WidestWithin(int g, double limit)
        {
            var widest = 0;
            for (var w = 1; w <= f; w++)
            {
                if (score[g][w] <= limit)
                    widest = w;
            }
            return widest;
        }
        var low = Enumerable.Range(0, k).Min(g => score[g][1]);
        var high = Enumerable.Range(0, k).Select(g => Enumerable.Range(1, f).Select(w => score[g][w]).Where(double.IsFinite).DefaultIfEmpty(0).Max()).Max();
        if (Enumerable.Range(0, k).Sum(g => WidestWithin(g, high)) < f)
            return false;   // memory caps the widths below F
        for (var i = 0; i < 60 && high - low > 1e-12 * Math.Max(1, high); i++)
        {
            var mid = 0.5 * (low + high);
            if (Enumerable.Range(0, k).Sum(g => WidestWithin(g, mid)) >= f)
                high = mid;
            else
                low = mid;
        }
        var widths = Enumerable.Range(0, k).Select(g => Math.Max(1, WidestWithin(g, high))).ToArray();
        while (widths.Sum() > f)
        {
            var slowest = Enumerable.Range(0, k).Where(g => widths[g] > 1).OrderByDescending(g => score[g][widths[g]]).First();
            widths[slowest]--;
        }
        while (widths.Sum() < f)
        {
            var fastest = Enumerable.Range(0, k).Where(g => widths[g] < f && double.IsFinite(score[g][widths[g] + 1]))
                .OrderBy(g => score[g][widths[g] + 1]).DefaultIfEmpty(-1).First();
            if (fastest < 0)
                return false;
            widths[fastest]++;
        }
        widths.CopyTo(candidate.Width, 0);
        return true;
    }

    /// <summary>
    /// Step D: first-improvement local search over moving a device to another group or out, bringing an unused
    /// device in, and shifting width between groups; students re-chosen after each accepted move unless fixed.
    /// Stops when a full pass finds nothing or the evaluation budget is spent.
    /// </summary>
    private static double LocalSearch(PlanningContext context, Candidate candidate, int budget, bool fixedStudents, CancellationToken ct)
    {
        var random = new SeededRandom(context.Settings.Seed);
        var current = context.Score(candidate);
        var spent = 0;
        bool Try(Action apply, Action undo)
        {
            apply();
            spent++;
            var score = context.Score(candidate);
            if (score < current - (1e-12 * Math.Abs(current)))
            {
                current = score;
                return true;
            }
            undo();
            return false;
        }

        var improved = true;
        while (improved && spent < budget)
        {
            ct.ThrowIfCancellationRequested();
            improved = false;
            // Devices in a seeded order so ties do not depend on storage order.
            var devices = Enumerable.Range(0, candidate.GroupOf.Length).OrderBy(_ => random.NextUInt64()).ToList();
            foreach (var d in devices)
            {
                if (spent >= budget)
                    break;
                var from = candidate.GroupOf[d];
                if (from >= 0 && candidate.Size(from) == 1)
                    continue;
                for (var to = -1; to < candidate.K && spent < budget; to++)
                {
                    if (to == from || (to >= 0 && !context.Fits(d, candidate.Student[to], candidate.Width[to])))
                        continue;
                    var target = to;
                    if (Try(() => candidate.GroupOf[d] = target, () => candidate.GroupOf[d] = from))
                    {
                        improved = true;
                        break;
                    }
                }
            }
            // Swaps of two devices in different groups (sampled when the fleet is large).
            var swaps = Math.Min(budget - spent, devices.Count * 4);
            for (var i = 0; i < swaps && spent < budget; i++)
            {
                var a = devices[(int)(random.NextUInt64() % (ulong)devices.Count)];
                var b = devices[(int)(random.NextUInt64() % (ulong)devices.Count)];
                var (ga, gb) = (candidate.GroupOf[a], candidate.GroupOf[b]);
                if (ga == gb || ga < 0 || gb < 0
                    || !context.Fits(a, candidate.Student[gb], candidate.Width[gb]) || !context.Fits(b, candidate.Student[ga], candidate.Width[ga]))
                    continue;
                if (Try(() => { candidate.GroupOf[a] = gb; candidate.GroupOf[b] = ga; }, () => { candidate.GroupOf[a] = ga; candidate.GroupOf[b] = gb; }))
                    improved = true;
            }
            if (!fixedStudents)
            {
                // Width shifts from the slowest group to each other group, in steps of 1 and F/16.
                foreach (var step in new[] { Math.Max(1, context.F / 16), 1 }.Distinct())
                {
                    for (var from = 0; from < candidate.K && spent < budget; from++)
                    {
                        for (var to = 0; to < candidate.K && spent < budget; to++)
                        {
                            if (from == to || candidate.Width[from] - step < 1)
                                continue;
                            var (f, t, s) = (from, to, step);
                            var studentFrom = candidate.Student[f];
                            var studentTo = candidate.Student[t];
                            if (Try(() => { candidate.Width[f] -= s; candidate.Width[t] += s; },
                                    () => { candidate.Width[f] += s; candidate.Width[t] -= s; candidate.Student[f] = studentFrom; candidate.Student[t] = studentTo; }))
                                improved = true;
                        }
                    }
                }
                // Students: any other choice per group that scores better.
                for (var g = 0; g < candidate.K && spent < budget; g++)
                {
                    for (var s = 0; s < context.Students.Count && spent < budget; s++)
                    {
                        if (s == candidate.Student[g])
                            continue;
                        var (group, student, before) = (g, s, candidate.Student[g]);
                        if (Try(() => candidate.Student[group] = student, () => candidate.Student[group] = before))
                            improved = true;
                    }
                }
            }
        }
        return current;
    }

    /// <summary>F split into <paramref name="k"/> near-equal widths, the remainder to the first groups.</summary>
    public static int[] EqualWidths(int f, int k) =>
        Enumerable.Range(0, k).Select(g => (f / k) + (g < f % k ? 1 : 0)).ToArray();

    private static string Describe(PlanningContext context, Candidate candidate)
    {
        var unused = candidate.GroupOf.Count(g => g < 0);
        return $"{candidate.K} group{(candidate.K == 1 ? "" : "s")} over {candidate.GroupOf.Length - unused} devices" +
               (unused > 0 ? $"; {unused} left unused (too slow, too small, or no gain)" : "") +
               $"; {context.Evaluations} candidate plans evaluated.";
    }
}
