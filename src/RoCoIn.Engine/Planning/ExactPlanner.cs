using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// Exhaustive search for small fleets (N ≤ 8), used to measure the heuristic's optimality gap: every set partition
/// of the devices plus an "unused" block (Bell(N + 1) of them), widths on a grid of F/<see cref="GridDivisions"/>,
/// and every student choice — or, for J and 1 − R with no accuracy floor, the fastest student that fits each group,
/// which is optimal because every member's time grows with the student's FLOPs, so J only rises and R only falls.
/// </summary>
public static class ExactPlanner
{
    /// <summary>Largest fleet the exact search accepts.</summary>
    public const int MaxDevices = 8;

    /// <summary>Widths are multiples of F / GridDivisions (the last group takes any remainder).</summary>
    public const int GridDivisions = 16;

    /// <summary>The best plan on the grid, or null when no candidate meets the constraints.</summary>
    /// <remarks>
    /// For the default objective J every candidate is scored from flat, reused arrays through the array overloads of
    /// <see cref="ClosedFormEvaluator"/>, members laid out group by group as <see cref="PlanningContext.Timings"/>
    /// does, so every score — and hence the plan chosen, ties included — is bit for bit the one
    /// <see cref="PlanningContext.Score"/> gives, while a run allocates per set partition only (N = 8: 9.2 million
    /// candidates in a few seconds instead of ~20 s). Other objectives go through <see cref="PlanningContext.Score"/>.
    /// </remarks>
    /// <exception cref="ArgumentException">More than <see cref="MaxDevices"/> devices.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DeploymentPlan? Plan(PlanRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Devices.Count > MaxDevices)
            throw new ArgumentException($"The exact search handles at most {MaxDevices} devices (got {request.Devices.Count}).", nameof(request));
        var context = new PlanningContext(request);
        if (FeasibilityAnalyzer.CheckInputs(context) is not null)
            return null;

        var search = new Search(context);
        var n = context.Devices.Count;
        var block = new int[n + 1];
        // Restricted growth strings over n + 1 elements; element n is the "unused" marker.
        foreach (var _ in SetPartitions(block, 1, 0))
        {
            cancellationToken.ThrowIfCancellationRequested();
            search.Visit(block);
        }
        if (search.Best is null)
            return null;
        var plan = context.ToPlan("Exact (grid F/" + search.Divisions + ")", search.Best,
            $"Exhaustive search; {search.Evaluated} candidates evaluated.");
        return plan.MeetsConstraints ? plan : null;
    }

    /// <summary>The search state: buffers reused across every candidate, and the best candidate so far.</summary>
    private sealed class Search
    {
        private readonly PlanningContext _context;
        private readonly int _n;
        private readonly int _maxK;
        private readonly int _step;
        private readonly bool _fastestStudentOnly;
        private readonly bool _flatScore;
        private readonly Candidate[] _candidates;     // one per K, reused
        private readonly int[] _order;                // devices group by group, device order within a group
        private readonly int[] _groupStart;           // group g's members are _order[_groupStart[g] .. _groupStart[g + 1])
        private readonly long[] _minMemory;           // smallest M_n per group
        private readonly int[] _parts;
        private readonly int[][] _fitting;            // per group: fitting students, ascending index
        private readonly int[] _fittingCount;
        private readonly int[] _choice;
        private readonly double[] _seconds;
        private readonly double[] _noReply;
        private readonly int[] _groupOfMember;
        private double _bestScore = double.PositiveInfinity;

        public Search(PlanningContext context)
        {
            _context = context;
            _n = context.Devices.Count;
            _maxK = Math.Min(Math.Min(_n, context.F), Math.Max(1, context.Settings.MaxGroups));
            Divisions = Math.Min(GridDivisions, context.F);
            _step = context.F / Divisions;
            // The fastest fitting student is optimal when the score only grows with member times: J and 1 − R both
            // do (every t_nk grows with the student's FLOPs, so F_T falls pointwise and R with it), and so does the
            // reliability penalty. E[T | served] and p99 need not (a slower student can drop a slow member and its
            // late replies), and an accuracy floor can need a larger student: then every student is tried.
            var objective = context.Settings.Objective;
            var monotone = objective is PlanObjective.ExpectedCappedLatency or PlanObjective.Unreliability;
            _fastestStudentOnly = monotone && context.Settings.AccuracyFloor is null;
            _flatScore = objective == PlanObjective.ExpectedCappedLatency;
            _candidates = new Candidate[_maxK + 1];
            for (var k = 1; k <= _maxK; k++)
                _candidates[k] = new Candidate(_n, k);
            _order = new int[_n];
            _groupStart = new int[_maxK + 1];
            _minMemory = new long[_maxK];
            _parts = new int[_maxK];
            _fitting = new int[_maxK][];
            for (var g = 0; g < _maxK; g++)
                _fitting[g] = new int[context.Students.Count];
            _fittingCount = new int[_maxK];
            _choice = new int[_maxK];
            _seconds = new double[_n];
            _noReply = new double[_n];
            _groupOfMember = new int[_n];
        }

        /// <summary>Width grid: F / Divisions channels per step.</summary>
        public int Divisions { get; }

        public Candidate? Best { get; private set; }

        public long Evaluated { get; private set; }

        /// <summary>Every width vector and student choice for the grouping <paramref name="block"/> describes.</summary>
        public void Visit(int[] block)
        {
            var blocks = 0;
            foreach (var b in block)
                blocks = Math.Max(blocks, b + 1);
            var unusedBlock = block[_n];
            var k = blocks - 1;
            if (k < 1 || k > _maxK)
                return;
            var candidate = _candidates[k];
            var position = 0;
            for (var g = 0; g < k; g++)
            {
                // Blocks other than the unused one become groups 0..k−1 in block order.
                var b = g < unusedBlock ? g : g + 1;
                _groupStart[g] = position;
                _minMemory[g] = long.MaxValue;
                for (var d = 0; d < _n; d++)
                {
                    if (block[d] != b)
                        continue;
                    _order[position++] = d;
                    _minMemory[g] = Math.Min(_minMemory[g], _context.Devices[d].MemoryBytes);
                }
            }
            _groupStart[k] = position;
            for (var d = 0; d < _n; d++)
                candidate.GroupOf[d] = block[d] == unusedBlock ? -1 : block[d] < unusedBlock ? block[d] : block[d] - 1;

            // Compositions of Divisions into k positive parts, in lexicographic order (as Compositions yields them).
            var parts = _parts;
            for (var g = 0; g < k - 1; g++)
                parts[g] = 1;
            parts[k - 1] = Divisions - (k - 1);
            if (parts[k - 1] < 1)
                return;
            while (true)
            {
                for (var g = 0; g < k; g++)
                    candidate.Width[g] = parts[g] * _step;
                candidate.Width[k - 1] += _context.F - (Divisions * _step);
                TryStudents(candidate);

                // Next composition: the rightmost part before the last that can grow takes one from the tail.
                var i = k - 2;
                while (i >= 0)
                {
                    var tail = 0;
                    for (var j = i + 1; j < k; j++)
                        tail += parts[j];
                    if (tail - 1 >= k - 1 - i)
                    {
                        parts[i]++;
                        for (var j = i + 1; j < k - 1; j++)
                            parts[j] = 1;
                        parts[k - 1] = tail - 1 - (k - 2 - i);
                        break;
                    }
                    i--;
                }
                if (i < 0)
                    return;
            }
        }

        private void TryStudents(Candidate candidate)
        {
            var k = candidate.K;
            var students = _context.Students.Count;
            for (var g = 0; g < k; g++)
            {
                var width = candidate.Width[g];
                var count = 0;
                for (var s = 0; s < students; s++)
                {
                    if (_context.Memory(s, width) <= _minMemory[g])
                        _fitting[g][count++] = s;
                }
                if (count == 0)
                    return;
                _fittingCount[g] = count;
            }
            if (_fastestStudentOnly)
            {
                for (var g = 0; g < k; g++)
                {
                    var width = candidate.Width[g];
                    var fastest = _fitting[g][0];
                    for (var i = 1; i < _fittingCount[g]; i++)
                    {
                        if (_context.Flops(_fitting[g][i], width) < _context.Flops(fastest, width))
                            fastest = _fitting[g][i];
                    }
                    candidate.Student[g] = fastest;
                }
                Consider(candidate);
                return;
            }
            Array.Clear(_choice, 0, k);
            while (true)
            {
                for (var g = 0; g < k; g++)
                    candidate.Student[g] = _fitting[g][_choice[g]];
                Consider(candidate);
                var pos = 0;
                while (pos < k && ++_choice[pos] == _fittingCount[pos])
                    _choice[pos++] = 0;
                if (pos == k)
                    return;
            }
        }

        private void Consider(Candidate candidate)
        {
            Evaluated++;
            double score;
            if (_flatScore)
            {
                // Members group by group in device order: the layout PlanningContext.Timings builds, so the
                // evaluator sees the same sequence and returns the same bits.
                var k = candidate.K;
                for (var g = 0; g < k; g++)
                {
                    var student = candidate.Student[g];
                    var width = candidate.Width[g];
                    for (var i = _groupStart[g]; i < _groupStart[g + 1]; i++)
                    {
                        var d = _order[i];
                        _seconds[i] = _context.Time(d, student, width);
                        _noReply[i] = _context.NoReply[d];
                        _groupOfMember[i] = g;
                    }
                }
                var used = _groupStart[k];
                var seconds = _seconds.AsSpan(0, used);
                var noReply = _noReply.AsSpan(0, used);
                var groupOf = _groupOfMember.AsSpan(0, used);
                var settings = _context.EvaluationSettings;
                var reliability = ClosedFormEvaluator.Reliability(seconds, noReply, groupOf, k, settings);
                var objective = ClosedFormEvaluator.ObjectiveJ(seconds, noReply, groupOf, k, settings);
                score = _context.Penalised(objective, reliability, memoryFits: true,
                    _context.Settings.AccuracyFloor is null ? double.NaN : _context.AccuracyPrior(candidate));
            }
            else
            {
                score = _context.Score(candidate);
            }
            if (score < _bestScore)
            {
                _bestScore = score;
                Best = candidate.Clone();
            }
        }
    }

    // Enumerates set partitions in place as restricted growth strings: block[i] ≤ 1 + max(block[0..i-1]).
    private static IEnumerable<int> SetPartitions(int[] block, int index, int maxSoFar)
    {
        if (index == block.Length)
        {
            yield return 0;
            yield break;
        }
        for (var b = 0; b <= maxSoFar + 1; b++)
        {
            block[index] = b;
            foreach (var x in SetPartitions(block, index + 1, Math.Max(maxSoFar, b)))
                yield return x;
        }
    }

    /// <summary>Ordered ways to write <paramref name="total"/> as <paramref name="parts"/> positive integers.</summary>
    public static IEnumerable<int[]> Compositions(int total, int parts)
    {
        var current = new int[parts];
        return Fill(0, total);

        IEnumerable<int[]> Fill(int index, int remaining)
        {
            if (index == parts - 1)
            {
                if (remaining >= 1)
                {
                    current[index] = remaining;
                    yield return current;
                }
                yield break;
            }
            for (var v = 1; v <= remaining - (parts - index - 1); v++)
            {
                current[index] = v;
                foreach (var c in Fill(index + 1, remaining - v))
                    yield return c;
            }
        }
    }
}
