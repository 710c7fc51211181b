using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// The RoCoIn heuristic of rocoin-model.md §7: for every group count K, a greedy grouping (A), widths by
/// bisection on the bottleneck group time (B), students by memory then by objective (C), then a local search
/// of moves, swaps, drops, width shifts and student changes in which every grouping move may rebalance the widths
/// of the two groups it touches (D). Deterministic for a seed: the search stops after a fixed number of
/// evaluations, never after a wall-clock time.
/// </summary>
public static class RoCoInPlanner
{
    /// <summary>Name of the RoCoIn plan in results.</summary>
    public const string Strategy = "RoCoIn";

    /// <summary>Plans <paramref name="request"/>: the RoCoIn plan (or why there is none) and the baselines.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled during the search.</exception>
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
        var search = new Search(context, ct);
        var perK = SearchBudget(n) / maxK;
        var carried = 0L;
        Candidate? best = null;
        var bestScore = double.PositiveInfinity;
        for (var k = 1; k <= maxK; k++)
        {
            ct.ThrowIfCancellationRequested();
            progress?.Report(new JobProgress(0.9 * (k - 1) / maxK, $"Trying {k} group{(k == 1 ? "" : "s")}"));
            var candidate = Greedy(context, search, k);
            if (candidate is null)
                continue;
            // A K whose search converges early leaves its unspent evaluations to the next K.
            var allowance = perK + carried;
            var before = search.Spent;
            var score = search.Improve(candidate, allowance, fixedStudents: false);
            carried = Math.Max(0, allowance - (search.Spent - before));
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
        new Search(context, ct).Improve(candidate, SearchBudget(context.Devices.Count), fixedStudents: true);
        return candidate;
    }

    /// <summary>
    /// Evaluations the whole search may spend: generous for small fleets (where it converges long before), bounded
    /// for large ones so N = 1000 plans well within a second (an evaluation costs O(N log N)).
    /// </summary>
    internal static long SearchBudget(int devices) => Math.Clamp(5_000_000 / Math.Max(1, devices), 2_000, 60_000);

    // Steps A–C for one K: equal widths to start, greedy grouping, then widths and students refined.
    private static Candidate? Greedy(PlanningContext context, Search search, int k)
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
            if (!search.BalanceWidths(candidate))
                return null;
        }
        ChooseLargestStudents(context, candidate);
        PreferFasterStudents(search, candidate);
        // The widths were balanced for the largest students; rebalance for the ones chosen if that scores better.
        var widths = (int[])candidate.Width.Clone();
        var score = search.Score(candidate);
        if (!search.BalanceWidths(candidate) || !(search.Score(candidate) < score))
            widths.CopyTo(candidate.Width, 0);
        else
            score = search.Score(candidate);
        // When the largest students are so slow that no smaller one alone changes anything (every request misses τ),
        // the 1 % rule above never fires: start from the fastest students instead if they score better.
        var fastest = candidate.Clone();
        Array.Fill(fastest.Student, 0);
        if (search.BalanceWidths(fastest) && search.Score(fastest) < score)
            return fastest;
        return candidate;
    }

    /// <summary>
    /// Step A: devices fastest first (on the smallest student at the widest group's width), each into the group
    /// whose expected first-reply time is currently the worst, empty groups first. Devices that cannot hold the
    /// smallest student or answer with it within τ − δ even at width 1 stay unused, as do devices that fit no group.
    /// </summary>
    internal static void AssignGreedily(PlanningContext context, Candidate candidate)
    {
        var k = candidate.K;
        var referenceWidth = candidate.Width.Max();
        var smallest = candidate.Student.Min();
        var order = Enumerable.Range(0, context.Devices.Count)
            .Where(d => context.Fits(d, smallest, 1) && context.Time(d, smallest, 1) <= context.UsableSeconds)
            .OrderBy(d => context.Time(d, smallest, referenceWidth)).ThenBy(d => context.Devices[d].Id).ToList();
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
            if (t <= context.UsableSeconds)
            {
                expected[target] += t * (1 - context.NoReply[d]) * allMissed[target];
                allMissed[target] *= context.NoReply[d];
            }
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
    private static void PreferFasterStudents(Search search, Candidate candidate)
    {
        var current = search.Score(candidate);
        var original = (int[])candidate.Student.Clone();
        for (var level = original.Max() - 1; level >= 0; level--)
        {
            var before = (int[])candidate.Student.Clone();
            for (var g = 0; g < candidate.K; g++)
                candidate.Student[g] = Math.Min(original[g], level);
            var score = search.Score(candidate);
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
                var score = search.Score(candidate);
                if (score < current * 0.99)
                {
                    current = score;
                    chosen = s;
                }
            }
            candidate.Student[g] = chosen;
        }
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

    /// <summary>One run's search state: reusable buffers, the seeded order of moves, and the evaluations spent.</summary>
    private sealed class Search
    {
        // Devices up to this count get every pair tried as a swap in each pass; larger fleets get a seeded sample.
        private const int AllSwapsUpTo = 24;

        private readonly PlanningContext _context;
        private readonly CancellationToken _ct;
        private readonly SeededRandom _random;
        private readonly double[] _seconds;
        private readonly double[] _noReply;
        private readonly double[] _times;
        private readonly double[] _probabilities;

        public Search(PlanningContext context, CancellationToken ct)
        {
            _context = context;
            _ct = ct;
            _random = new SeededRandom(context.Settings.Seed);
            var n = context.Devices.Count;
            _seconds = new double[n];
            _noReply = new double[n];
            _times = new double[n];
            _probabilities = new double[n];
        }

        public long Spent { get; private set; }

        public double Score(Candidate candidate)
        {
            Spent++;
            return _context.ScoreFlat(candidate, _seconds, _noReply);
        }

        /// <summary>
        /// Step D: first-improvement local search. Each pass rebalances every pair of groups' widths, then moves
        /// each device (seeded order) to another group or out, swaps devices, and tries every other student per
        /// group; a grouping or student change that does not pay at once gets the widths of the groups it touches
        /// rebalanced before it is judged. Stops when a pass finds nothing or <paramref name="budget"/> evaluations
        /// are spent. Returns the final score.
        /// </summary>
        public double Improve(Candidate candidate, long budget, bool fixedStudents)
        {
            var limit = Spent + budget;
            var current = Score(candidate);
            var k = candidate.K;
            var n = candidate.GroupOf.Length;
            var sizes = new int[k];
            foreach (var g in candidate.GroupOf)
            {
                if (g >= 0)
                    sizes[g]++;
            }
            var savedWidths = new int[k];
            var order = Enumerable.Range(0, n).ToArray();
            bool Better(double score) => score < current - (1e-12 * Math.Abs(current));

            var improved = true;
            while (improved && Spent < limit)
            {
                _ct.ThrowIfCancellationRequested();
                improved = false;

                if (!fixedStudents)
                {
                    for (var a = 0; a < k && Spent < limit; a++)
                    {
                        for (var b = a + 1; b < k && Spent < limit; b++)
                        {
                            var score = Rebalance(candidate, a, b, current, limit);
                            if (Better(score))
                            {
                                current = score;
                                improved = true;
                            }
                        }
                    }
                }

                // Moves, in a seeded order so ties do not depend on storage order.
                Shuffle(order);
                foreach (var d in order)
                {
                    if (Spent >= limit)
                        break;
                    var from = candidate.GroupOf[d];
                    if (from >= 0 && sizes[from] == 1)
                        continue;
                    for (var to = -1; to < k && Spent < limit; to++)
                    {
                        if (to == from || (to >= 0 && !_context.Fits(d, candidate.Student[to], candidate.Width[to])))
                            continue;
                        candidate.Width.CopyTo(savedWidths, 0);
                        Move(candidate, sizes, d, to);
                        var score = Score(candidate);
                        if (!Better(score) && !fixedStudents && from >= 0 && to >= 0)
                            score = Rebalance(candidate, from, to, score, limit);
                        if (Better(score))
                        {
                            current = score;
                            improved = true;
                            break;
                        }
                        Move(candidate, sizes, d, from);
                        savedWidths.CopyTo(candidate.Width, 0);
                    }
                }

                // Swaps of two devices in different groups, or of a used device with an unused one.
                var pairs = n <= AllSwapsUpTo ? n * (n - 1) / 2 : 4 * n;
                for (var i = 0; i < pairs && Spent < limit; i++)
                {
                    var (a, b) = n <= AllSwapsUpTo ? Pair(order, i) : (order[Next(n)], order[Next(n)]);
                    var (ga, gb) = (candidate.GroupOf[a], candidate.GroupOf[b]);
                    if (ga == gb
                        || (gb >= 0 && !_context.Fits(a, candidate.Student[gb], candidate.Width[gb]))
                        || (ga >= 0 && !_context.Fits(b, candidate.Student[ga], candidate.Width[ga])))
                        continue;
                    candidate.Width.CopyTo(savedWidths, 0);
                    candidate.GroupOf[a] = gb;
                    candidate.GroupOf[b] = ga;
                    var score = Score(candidate);
                    if (!Better(score) && !fixedStudents && ga >= 0 && gb >= 0)
                        score = Rebalance(candidate, ga, gb, score, limit);
                    if (Better(score))
                    {
                        current = score;
                        improved = true;
                        continue;
                    }
                    candidate.GroupOf[a] = ga;
                    candidate.GroupOf[b] = gb;
                    savedWidths.CopyTo(candidate.Width, 0);
                }

                if (fixedStudents)
                    continue;
                // Students: any other choice per group that every member holds, widths rebalanced if needed.
                for (var g = 0; g < k && Spent < limit; g++)
                {
                    var before = candidate.Student[g];
                    for (var s = 0; s < _context.Students.Count && Spent < limit; s++)
                    {
                        if (s == candidate.Student[g] || !AllFit(candidate, g, s, candidate.Width[g]))
                            continue;
                        candidate.Width.CopyTo(savedWidths, 0);
                        candidate.Student[g] = s;
                        var score = Score(candidate);
                        for (var other = 0; other < k && !Better(score) && Spent < limit; other++)
                        {
                            if (other != g)
                                score = Rebalance(candidate, g, other, score, limit);
                        }
                        if (Better(score))
                        {
                            current = score;
                            improved = true;
                            before = s;
                            continue;
                        }
                        candidate.Student[g] = before;
                        savedWidths.CopyTo(candidate.Width, 0);
                    }
                }
            }
            return current;
        }

        /// <summary>
        /// Pattern search on the split of d_a + d_b between groups a and b: shift F/16 channels either way while the
        /// score falls, then halve the step down to one channel. Leaves the best widths found; returns their score.
        /// </summary>
        private double Rebalance(Candidate candidate, int a, int b, double score, long limit)
        {
            var step = Math.Max(1, _context.F / 16);
            while (step >= 1 && Spent < limit)
            {
                var moved = false;
                for (var direction = 0; direction < 2 && !moved && Spent < limit; direction++)
                {
                    var (from, to) = direction == 0 ? (a, b) : (b, a);
                    if (candidate.Width[from] - step < 1)
                        continue;
                    candidate.Width[from] -= step;
                    candidate.Width[to] += step;
                    var shifted = Score(candidate);
                    if (shifted < score - (1e-12 * Math.Abs(score)))
                    {
                        score = shifted;
                        moved = true;
                    }
                    else
                    {
                        candidate.Width[from] += step;
                        candidate.Width[to] -= step;
                    }
                }
                if (!moved)
                    step /= 2;
            }
            return score;
        }

        /// <summary>
        /// Step B: the smallest bottleneck L such that the widest width each group can take while its expected
        /// first-reply time stays ≤ L (and its student fits) adds up to F; then trim the slowest groups to Σ d_k = F.
        /// False when memory caps the widths below F.
        /// </summary>
        public bool BalanceWidths(Candidate candidate)
        {
            var k = candidate.K;
            var f = _context.F;
            var members = Enumerable.Range(0, k).Select(g => candidate.Members(g).ToArray()).ToArray();
            var score = new double[k][];
            for (var g = 0; g < k; g++)
            {
                score[g] = new double[f + 1];
                for (var w = 1; w <= f; w++)
                {
                    score[g][w] = AllFit(candidate, g, candidate.Student[g], w)
                        ? GroupScore(members[g], candidate.Student[g], w)
                        : double.PositiveInfinity;
                }
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
            int Total(double limit)
            {
                var total = 0;
                for (var g = 0; g < k; g++)
                    total += WidestWithin(g, limit);
                return total;
            }
            var low = double.PositiveInfinity;
            var high = 0.0;
            for (var g = 0; g < k; g++)
            {
                low = Math.Min(low, score[g][1]);
                for (var w = 1; w <= f; w++)
                {
                    if (double.IsFinite(score[g][w]))
                        high = Math.Max(high, score[g][w]);
                }
            }
            if (Total(high) < f)
                return false;   // memory caps the widths below F
            for (var i = 0; i < 60 && high - low > 1e-12 * Math.Max(1, high); i++)
            {
                var mid = 0.5 * (low + high);
                if (Total(mid) >= f)
                    high = mid;
                else
                    low = mid;
            }
            var widths = new int[k];
            for (var g = 0; g < k; g++)
                widths[g] = Math.Max(1, WidestWithin(g, high));
            while (widths.Sum() > f)
            {
                var slowest = -1;
                for (var g = 0; g < k; g++)
                {
                    if (widths[g] > 1 && (slowest < 0 || score[g][widths[g]] > score[slowest][widths[slowest]]))
                        slowest = g;
                }
                widths[slowest]--;
            }
            while (widths.Sum() < f)
            {
                var fastest = -1;
                for (var g = 0; g < k; g++)
                {
                    if (widths[g] < f && double.IsFinite(score[g][widths[g] + 1])
                        && (fastest < 0 || score[g][widths[g] + 1] < score[fastest][widths[fastest] + 1]))
                        fastest = g;
                }
                if (fastest < 0)
                    return false;
                widths[fastest]++;
            }
            widths.CopyTo(candidate.Width, 0);
            return true;
        }

        /// <summary>Expected time of a group's first usable reply, counting a miss as τ (the per-group proxy of step B).</summary>
        private double GroupScore(int[] members, int student, int width)
        {
            var count = 0;
            foreach (var d in members)
            {
                var t = _context.Time(d, student, width);
                if (t <= _context.UsableSeconds)
                {
                    _times[count] = t;
                    _probabilities[count] = _context.NoReply[d];
                    count++;
                }
            }
            Array.Sort(_times, _probabilities, 0, count);
            double expected = 0, allMissed = 1;
            for (var i = 0; i < count; i++)
            {
                expected += _times[i] * (1 - _probabilities[i]) * allMissed;
                allMissed *= _probabilities[i];
            }
            return expected + (allMissed * _context.Settings.DeadlineSeconds);
        }

        private bool AllFit(Candidate candidate, int group, int student, int width)
        {
            for (var d = 0; d < candidate.GroupOf.Length; d++)
            {
                if (candidate.GroupOf[d] == group && !_context.Fits(d, student, width))
                    return false;
            }
            return true;
        }

        private static void Move(Candidate candidate, int[] sizes, int device, int to)
        {
            var from = candidate.GroupOf[device];
            if (from >= 0)
                sizes[from]--;
            if (to >= 0)
                sizes[to]++;
            candidate.GroupOf[device] = to;
        }

        // The i-th pair (a < b by position) of the current order.
        private static (int A, int B) Pair(int[] order, int i)
        {
            var first = 0;
            var remaining = order.Length - 1;
            while (i >= remaining)
            {
                i -= remaining;
                first++;
                remaining--;
            }
            return (order[first], order[first + 1 + i]);
        }

        private int Next(int bound) => (int)(_random.NextUInt64() % (ulong)bound);

        private void Shuffle(int[] order)
        {
            for (var i = order.Length - 1; i > 0; i--)
            {
                var j = Next(i + 1);
                (order[i], order[j]) = (order[j], order[i]);
            }
        }
    }
}
