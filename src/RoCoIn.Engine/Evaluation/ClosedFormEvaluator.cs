using System.Buffers;
using System.Numerics;

namespace RoCoIn.Engine.Evaluation;

/// <summary>
/// Exact metrics of a plan for one isolated request (rocoin-model.md §3): F_T is a step function over the member
/// completion times t_nk + δ, so one sort and one sweep give R, E[T | served], percentiles and J in O(N log N).
/// </summary>
/// <remarks>
/// <para>A member counts only if t_nk + δ ≤ τ (its reply can still finish the request by the deadline); every rule
/// here tests exactly that expression, as does <see cref="MonteCarloEvaluator"/>, so the two agree to the last bit on
/// which members count and on completion times.</para>
/// <para>Strict mode: F_T(t) = Π_k [1 − Π_{n∈G_k, t_nk + δ ≤ t} p_n] for t ≤ τ; with no groups or an empty group
/// R = 0.</para>
/// <para>Degraded mode: T = max_k T_k + δ when every group answered, τ + δ when only some did, and the request fails
/// when none did. Its CDF has the strict steps up to τ plus one final step at τ + δ up to
/// R_deg = 1 − Π_k q_k(τ) (merged into the last strict step when δ = 0 and that step is at τ). An empty group just
/// never answers.</para>
/// <para>J = E[min(T, τ)] = ∫_0^τ (1 − F_T(t)) dt: a failed request costs τ and so does a degraded partial answer
/// (it completes at τ + δ). J is therefore the same number in both modes; in strict mode it also equals
/// R·E[T | served] + (1 − R)·τ, in degraded mode that expression exceeds J by δ·(R_deg − R_strict).</para>
/// <para>Numerics: no division in the sweep. Each group keeps the count of its zero-probability members and the
/// product of the others, and F_T is the root of a product tree over the groups' factors, so an update costs
/// O(log K) and F_T never accumulates division error.</para>
/// </remarks>
public static class ClosedFormEvaluator
{
    /// <summary>Relative tolerance of the percentile rule against floating-point error in F_T.</summary>
    public const double PercentileTolerance = 1e-12;

    private const int StackEvents = 256;
    private const int StackTreeLeaves = 64;

    /// <summary>Every metric of the plan, with the CDF as its steps.</summary>
    /// <param name="groups">The groups and their members' t_nk and p_n.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode.</param>
    /// <exception cref="ArgumentException">A setting, time or probability is invalid; the message names it.</exception>
    public static PlanMetrics Evaluate(IReadOnlyList<GroupTiming> groups, EvaluationSettings settings)
    {
        EvaluationGuard.CheckSettings(settings);
        ArgumentNullException.ThrowIfNull(groups);
        var tau = settings.DeadlineSeconds;
        var failure = new double[groups.Count];
        var cdf = new List<CdfPoint>();
        var (objective, reliability) = Sweep(groups, settings, failure, cdf);

        if (settings.Mode == FailureMode.Degraded && groups.Count > 0)
        {
            var noneAnswered = 1.0;
            foreach (var q in failure)
                noneAnswered *= q;
            var degraded = 1 - noneAnswered;
            if (degraded > reliability)
            {
                var final = tau + settings.AggregatorSeconds;
                if (cdf.Count > 0 && cdf[^1].Seconds == final)
                    cdf[^1] = new CdfPoint(final, degraded);
                else
                    cdf.Add(new CdfPoint(final, degraded));
                reliability = degraded;
            }
        }

        double? mean = null;
        if (reliability > 0)
        {
            var sum = 0.0;
            var previous = 0.0;
            foreach (var point in cdf)
            {
                sum += point.Seconds * (point.Probability - previous);
                previous = point.Probability;
            }
            mean = sum / reliability;
        }

        var metrics = new PlanMetrics(reliability, mean, null, null, null, objective,
            reliability > 0 ? CumulativeProbability(cdf, settings.ObjectiveSeconds) / reliability : 0,
            failure, cdf);
        return metrics with
        {
            P50Seconds = Percentile(metrics, 0.50),
            P95Seconds = Percentile(metrics, 0.95),
            P99Seconds = Percentile(metrics, 0.99),
        };
    }

    /// <summary>
    /// J = E[min(T, τ)] = ∫_0^τ (1 − F_T(t)) dt in seconds, the planner's objective, without building the CDF.
    /// </summary>
    /// <remarks>
    /// One sort of the counting members' (t_nk + δ, group, p) events and one sweep: O(N log N + N log K) time. Buffers
    /// live on the stack for up to 256 counting members and 64 groups and come from <see cref="ArrayPool{T}"/> beyond,
    /// so a call allocates nothing. Same arithmetic as <see cref="Evaluate"/>, hence the same value.
    /// </remarks>
    /// <param name="groups">The groups and their members' t_nk and p_n.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode (J does not depend on the mode).</param>
    /// <exception cref="ArgumentException">A setting, time or probability is invalid; the message names it.</exception>
    public static double ObjectiveJ(IReadOnlyList<GroupTiming> groups, EvaluationSettings settings)
    {
        EvaluationGuard.CheckSettings(settings);
        ArgumentNullException.ThrowIfNull(groups);
        return Sweep(groups, settings, [], null).Objective;
    }

    /// <summary>
    /// R: strict Π_k (1 − q_k(τ)), degraded 1 − Π_k q_k(τ). O(N), no sort, no allocation.
    /// </summary>
    /// <param name="groups">The groups and their members' t_nk and p_n.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode.</param>
    /// <exception cref="ArgumentException">A setting, time or probability is invalid; the message names it.</exception>
    public static double Reliability(IReadOnlyList<GroupTiming> groups, EvaluationSettings settings)
    {
        EvaluationGuard.CheckSettings(settings);
        ArgumentNullException.ThrowIfNull(groups);
        var tau = settings.DeadlineSeconds;
        var delta = settings.AggregatorSeconds;
        var strict = 1.0;
        var noneAnswered = 1.0;
        for (var g = 0; g < groups.Count; g++)
        {
            var members = EvaluationGuard.Members(groups, g);
            var q = 1.0;
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                EvaluationGuard.CheckMember(member, g, i, nameof(groups));
                if (member.Seconds + delta <= tau)
                    q *= member.NoReplyProbability;
            }
            strict *= 1 - q;
            noneAnswered *= q;
        }
        if (groups.Count == 0)
            return 0;
        return settings.Mode == FailureMode.Strict ? strict : Math.Max(strict, 1 - noneAnswered);
    }

    /// <summary>
    /// The x-quantile of served requests by the lower-inverse rule p_x = min{t : F_T(t) ≥ x·R}, with a relative
    /// tolerance of <see cref="PercentileTolerance"/> on x·R; null when R = 0.
    /// </summary>
    /// <param name="metrics">Metrics from <see cref="Evaluate"/>.</param>
    /// <param name="x">The fraction, in (0, 1] (0.95 for p95).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is outside (0, 1].</exception>
    public static double? Percentile(PlanMetrics metrics, double x)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        if (!(x > 0 && x <= 1))
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in (0, 1].");
        var cdf = metrics.Cdf;
        if (!(metrics.Reliability > 0) || cdf.Count == 0)
            return null;

        var threshold = x * metrics.Reliability * (1 - PercentileTolerance);
        int low = 0, high = cdf.Count - 1;
        if (cdf[high].Probability < threshold)
            return cdf[high].Seconds;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cdf[mid].Probability >= threshold)
                high = mid;
            else
                low = mid + 1;
        }
        return cdf[low].Seconds;
    }

    /// <summary>F_T(t) = P(T ≤ t) of all requests, read off <paramref name="metrics"/>' CDF steps.</summary>
    /// <param name="metrics">Metrics from <see cref="Evaluate"/>.</param>
    /// <param name="seconds">t.</param>
    public static double CumulativeProbability(PlanMetrics metrics, double seconds)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return CumulativeProbability(metrics.Cdf, seconds);
    }

    private static double CumulativeProbability(IReadOnlyList<CdfPoint> cdf, double seconds)
    {
        // Last step at or before t; steps are ascending in time.
        int low = 0, high = cdf.Count;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (cdf[mid].Seconds <= seconds)
                low = mid + 1;
            else
                high = mid;
        }
        return low == 0 ? 0 : cdf[low - 1].Probability;
    }

    /// <summary>
    /// J from flat arrays, for search loops that must not allocate: member i has time <paramref name="seconds"/>[i]
    /// (t_nk), probability <paramref name="noReplyProbabilities"/>[i] (p_n) and group <paramref name="groupOf"/>[i]
    /// in 0..<paramref name="groupCount"/> − 1; a negative group means the device is unused and is skipped.
    /// </summary>
    /// <remarks>
    /// The same arithmetic as <see cref="ObjectiveJ(IReadOnlyList{GroupTiming}, EvaluationSettings)"/>: members listed
    /// group by group, in the groups' member order, give the identical value; any other order gives the same value up
    /// to rounding when completion times tie. A group with no member counts as never answering (R = 0).
    /// </remarks>
    /// <param name="seconds">t_nk per member, seconds.</param>
    /// <param name="noReplyProbabilities">p_n per member.</param>
    /// <param name="groupOf">Group index per member; negative for a device left out.</param>
    /// <param name="groupCount">K.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode (J does not depend on the mode).</param>
    /// <exception cref="ArgumentException">A setting, time, probability or group index is invalid, or the arrays differ in length.</exception>
    public static double ObjectiveJ(ReadOnlySpan<double> seconds, ReadOnlySpan<double> noReplyProbabilities,
        ReadOnlySpan<int> groupOf, int groupCount, EvaluationSettings settings)
    {
        EvaluationGuard.CheckSettings(settings);
        CheckArrays(seconds, noReplyProbabilities, groupOf, groupCount);
        var tau = settings.DeadlineSeconds;
        var delta = settings.AggregatorSeconds;
        var total = seconds.Length;
        double[]? rentedTimes = null;
        MemberEvent[]? rentedEvents = null;
        try
        {
            var times = total <= StackEvents
                ? stackalloc double[total]
                : (rentedTimes = ArrayPool<double>.Shared.Rent(total));
            var events = total <= StackEvents
                ? stackalloc MemberEvent[total]
                : (rentedEvents = ArrayPool<MemberEvent>.Shared.Rent(total));
            var count = 0;
            for (var i = 0; i < total; i++)
            {
                var g = groupOf[i];
                if (g < 0)
                    continue;
                var completion = seconds[i] + delta;
                if (completion <= tau && noReplyProbabilities[i] < 1)
                {
                    times[count] = completion;
                    events[count] = new MemberEvent(g, noReplyProbabilities[i]);
                    count++;
                }
            }
            if (groupCount == 0)
                return tau;
            return SweepEvents(times[..count], events[..count], groupCount, tau, [], null).Objective;
        }
        finally
        {
            if (rentedTimes is not null)
                ArrayPool<double>.Shared.Return(rentedTimes);
            if (rentedEvents is not null)
                ArrayPool<MemberEvent>.Shared.Return(rentedEvents);
        }
    }

    /// <summary>
    /// R from flat arrays (see <see cref="ObjectiveJ(ReadOnlySpan{double}, ReadOnlySpan{double}, ReadOnlySpan{int}, int, EvaluationSettings)"/>
    /// for the layout): strict Π_k (1 − q_k(τ)), degraded 1 − Π_k q_k(τ). O(N + K), no allocation for K ≤ 64.
    /// </summary>
    /// <remarks>Identical to <see cref="Reliability(IReadOnlyList{GroupTiming}, EvaluationSettings)"/> whenever each
    /// group's members appear in the same relative order.</remarks>
    /// <param name="seconds">t_nk per member, seconds.</param>
    /// <param name="noReplyProbabilities">p_n per member.</param>
    /// <param name="groupOf">Group index per member; negative for a device left out.</param>
    /// <param name="groupCount">K.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode.</param>
    /// <exception cref="ArgumentException">A setting, time, probability or group index is invalid, or the arrays differ in length.</exception>
    public static double Reliability(ReadOnlySpan<double> seconds, ReadOnlySpan<double> noReplyProbabilities,
        ReadOnlySpan<int> groupOf, int groupCount, EvaluationSettings settings)
    {
        EvaluationGuard.CheckSettings(settings);
        CheckArrays(seconds, noReplyProbabilities, groupOf, groupCount);
        if (groupCount == 0)
            return 0;
        var tau = settings.DeadlineSeconds;
        var delta = settings.AggregatorSeconds;
        double[]? rented = null;
        try
        {
            var q = groupCount <= StackTreeLeaves
                ? stackalloc double[groupCount]
                : (rented = ArrayPool<double>.Shared.Rent(groupCount));
            q[..groupCount].Fill(1);
            for (var i = 0; i < seconds.Length; i++)
            {
                var g = groupOf[i];
                if (g >= 0 && seconds[i] + delta <= tau)
                    q[g] *= noReplyProbabilities[i];
            }
            var strict = 1.0;
            var noneAnswered = 1.0;
            for (var g = 0; g < groupCount; g++)
            {
                strict *= 1 - q[g];
                noneAnswered *= q[g];
            }
            return settings.Mode == FailureMode.Strict ? strict : Math.Max(strict, 1 - noneAnswered);
        }
        finally
        {
            if (rented is not null)
                ArrayPool<double>.Shared.Return(rented);
        }
    }

    private static void CheckArrays(ReadOnlySpan<double> seconds, ReadOnlySpan<double> noReply, ReadOnlySpan<int> groupOf, int groupCount)
    {
        if (noReply.Length != seconds.Length || groupOf.Length != seconds.Length)
            throw new ArgumentException(
                $"seconds, noReplyProbabilities and groupOf must have the same length (got {seconds.Length}, {noReply.Length}, {groupOf.Length}).",
                nameof(groupOf));
        ArgumentOutOfRangeException.ThrowIfNegative(groupCount);
        for (var i = 0; i < seconds.Length; i++)
        {
            var g = groupOf[i];
            if (g >= groupCount)
                throw new ArgumentException($"groupOf[{i}] is {g}; it must be below groupCount = {groupCount}.", nameof(groupOf));
            if (g < 0)
                continue;
            if (!(double.IsFinite(seconds[i]) && seconds[i] >= 0))
                throw new ArgumentException(EvaluationGuard.Invalid($"seconds[{i}]", seconds[i], "must be finite and ≥ 0"), nameof(seconds));
            if (!(noReply[i] is >= 0 and <= 1))
                throw new ArgumentException(EvaluationGuard.Invalid($"noReplyProbabilities[{i}]", noReply[i], "must lie in [0, 1]"), nameof(noReply));
        }
    }

    private readonly record struct MemberEvent(int Group, double NoReplyProbability);

    /// <summary>
    /// The strict sweep: J and R_strict, q_k(τ) into <paramref name="groupFailure"/> when it has room, and the CDF's
    /// steps (times where F_T rises) into <paramref name="cdf"/> when given.
    /// </summary>
    private static (double Objective, double Reliability) Sweep(
        IReadOnlyList<GroupTiming> groups, EvaluationSettings settings, Span<double> groupFailure, List<CdfPoint>? cdf)
    {
        var tau = settings.DeadlineSeconds;
        var delta = settings.AggregatorSeconds;
        var groupCount = groups.Count;

        var total = 0;
        for (var g = 0; g < groupCount; g++)
            total += EvaluationGuard.Members(groups, g).Count;

        double[]? rentedTimes = null;
        MemberEvent[]? rentedEvents = null;
        try
        {
            var times = total <= StackEvents
                ? stackalloc double[total]
                : (rentedTimes = ArrayPool<double>.Shared.Rent(total));
            var events = total <= StackEvents
                ? stackalloc MemberEvent[total]
                : (rentedEvents = ArrayPool<MemberEvent>.Shared.Rent(total));

            // Validate every member; keep those that can count and can change F_T (p < 1).
            var count = 0;
            for (var g = 0; g < groupCount; g++)
            {
                var members = groups[g].Members;
                for (var i = 0; i < members.Count; i++)
                {
                    var member = members[i];
                    EvaluationGuard.CheckMember(member, g, i, nameof(groups));
                    var completion = member.Seconds + delta;
                    if (completion <= tau && member.NoReplyProbability < 1)
                    {
                        times[count] = completion;
                        events[count] = new MemberEvent(g, member.NoReplyProbability);
                        count++;
                    }
                }
            }
            if (groupCount == 0)
                return (tau, 0);
            return SweepEvents(times[..count], events[..count], groupCount, tau, groupFailure, cdf);
        }
        finally
        {
            if (rentedTimes is not null)
                ArrayPool<double>.Shared.Return(rentedTimes);
            if (rentedEvents is not null)
                ArrayPool<MemberEvent>.Shared.Return(rentedEvents);
        }
    }

    /// <summary>Sorts the counting members' events by completion time and sweeps them (groupCount ≥ 1).</summary>
    private static (double Objective, double Reliability) SweepEvents(
        Span<double> times, Span<MemberEvent> events, int groupCount, double tau, Span<double> groupFailure, List<CdfPoint>? cdf)
    {
        var count = times.Length;
        double[]? rentedTree = null;
        double[]? rentedProducts = null;
        int[]? rentedZeros = null;
        try
        {
            times.Sort(events);

            // Leaves of the product tree hold the groups' factors 1 − Π p (0 until a member counts); padding leaves 1.
            var leaves = (int)BitOperations.RoundUpToPowerOf2((uint)groupCount);
            var tree = leaves <= StackTreeLeaves
                ? stackalloc double[2 * leaves]
                : (rentedTree = ArrayPool<double>.Shared.Rent(2 * leaves));
            var products = leaves <= StackTreeLeaves
                ? stackalloc double[leaves]
                : (rentedProducts = ArrayPool<double>.Shared.Rent(groupCount));
            var zeros = leaves <= StackTreeLeaves
                ? stackalloc int[leaves]
                : (rentedZeros = ArrayPool<int>.Shared.Rent(groupCount));
            tree = tree[..(2 * leaves)];
            tree[leaves..].Fill(1);
            tree.Slice(leaves, groupCount).Clear();
            for (var node = leaves - 1; node >= 1; node--)
                tree[node] = tree[2 * node] * tree[(2 * node) + 1];
            products[..groupCount].Fill(1);
            zeros[..groupCount].Clear();

            var objective = 0.0;
            var reached = 0.0;
            var reachedAt = 0.0;
            var e = 0;
            while (e < count)
            {
                var time = times[e];
                do
                {
                    var (g, p) = events[e];
                    if (p == 0)
                        zeros[g]++;
                    else
                        products[g] *= p;
                    var node = leaves + g;
                    tree[node] = 1 - (zeros[g] > 0 ? 0 : products[g]);
                    for (node >>= 1; node >= 1; node >>= 1)
                        tree[node] = tree[2 * node] * tree[(2 * node) + 1];
                    e++;
                }
                while (e < count && times[e] == time);

                var value = tree[1];
                if (value != reached)
                {
                    objective += (1 - reached) * (time - reachedAt);
                    reached = value;
                    reachedAt = time;
                    cdf?.Add(new CdfPoint(time, value));
                }
            }
            objective += (1 - reached) * (tau - reachedAt);

            if (groupFailure.Length >= groupCount)
            {
                for (var g = 0; g < groupCount; g++)
                    groupFailure[g] = zeros[g] > 0 ? 0 : products[g];
            }
            return (objective, reached);
        }
        finally
        {
            if (rentedTree is not null)
                ArrayPool<double>.Shared.Return(rentedTree);
            if (rentedProducts is not null)
                ArrayPool<double>.Shared.Return(rentedProducts);
            if (rentedZeros is not null)
                ArrayPool<int>.Shared.Return(rentedZeros);
        }
    }
}
