using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Evaluation;

/// <summary>
/// Monte-Carlo check of <see cref="ClosedFormEvaluator"/>: isolated requests (concurrency 1, no jitter) drawn under
/// exactly the closed form's rules, so the two agree in distribution.
/// </summary>
/// <remarks>
/// <para>Per request, every member independently gives no reply with probability p_n. A group's time T_k is the
/// smallest t_nk over replying members with t_nk + δ ≤ τ. Strict: served when every group has a T_k, with
/// T = max_k T_k + δ. Degraded: the same when every group answered, T = τ + δ when only some did, failed when none
/// did. No groups: nothing is served.</para>
/// <para>Draw order, part of the seed contract: for each request, for each group in list order, for each member in
/// list order, one <see cref="SeededRandom.NextDouble"/> u — including members too slow to count, so the stream does
/// not depend on τ or δ; the member gives no reply when u &lt; p_n. Nothing else is drawn.</para>
/// </remarks>
public static class MonteCarloEvaluator
{
    /// <summary>Simulates <paramref name="requests"/> isolated requests.</summary>
    /// <param name="groups">The groups and their members' t_nk and p_n.</param>
    /// <param name="settings">τ, δ, L_obj and the failure mode.</param>
    /// <param name="requests">n ≥ 1.</param>
    /// <param name="seed">Seed of the <see cref="SeededRandom"/> stream; same inputs and seed, same result.</param>
    /// <exception cref="ArgumentException">A setting, time or probability is invalid; the message names it.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requests"/> is below 1.</exception>
    public static MonteCarloResult Run(IReadOnlyList<GroupTiming> groups, EvaluationSettings settings, int requests, long seed)
    {
        EvaluationGuard.CheckSettings(settings);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentOutOfRangeException.ThrowIfLessThan(requests, 1);
        var tau = settings.DeadlineSeconds;
        var delta = settings.AggregatorSeconds;
        var degraded = settings.Mode == FailureMode.Degraded;

        var groupCount = groups.Count;
        var starts = new int[groupCount + 1];
        for (var g = 0; g < groupCount; g++)
            starts[g + 1] = starts[g] + EvaluationGuard.Members(groups, g).Count;
        var seconds = new double[starts[groupCount]];
        var noReply = new double[seconds.Length];
        var counts = new bool[seconds.Length];
        for (var g = 0; g < groupCount; g++)
        {
            var members = groups[g].Members;
            for (var i = 0; i < members.Count; i++)
            {
                var member = members[i];
                EvaluationGuard.CheckMember(member, g, i, nameof(groups));
                var j = starts[g] + i;
                seconds[j] = member.Seconds;
                noReply[j] = member.NoReplyProbability;
                counts[j] = member.Seconds + delta <= tau;
            }
        }

        var random = new SeededRandom(seed);
        var latencies = new double[requests];
        var served = 0;
        for (var r = 0; r < requests; r++)
        {
            var answered = 0;
            var slowest = 0.0;
            for (var g = 0; g < groupCount; g++)
            {
                var fastest = double.PositiveInfinity;
                for (var j = starts[g]; j < starts[g + 1]; j++)
                {
                    var u = random.NextDouble();
                    if (u >= noReply[j] && counts[j] && seconds[j] < fastest)
                        fastest = seconds[j];
                }
                if (fastest != double.PositiveInfinity)
                {
                    answered++;
                    slowest = Math.Max(slowest, fastest);
                }
            }

            if (groupCount > 0 && answered == groupCount)
                latencies[served++] = slowest + delta;
            else if (degraded && answered > 0)
                latencies[served++] = tau + delta;
        }

        Array.Resize(ref latencies, served);
        Array.Sort(latencies);

        double? meanServed = null;
        double? stdServed = null;
        if (served > 0)
        {
            var sum = 0.0;
            foreach (var t in latencies)
                sum += t;
            var mean = sum / served;
            var squares = 0.0;
            foreach (var t in latencies)
                squares += (t - mean) * (t - mean);
            meanServed = mean;
            stdServed = served > 1 ? Math.Sqrt(squares / (served - 1)) : 0;
        }

        var failed = requests - served;
        var cappedSum = failed * tau;
        foreach (var t in latencies)
            cappedSum += Math.Min(t, tau);
        var meanCapped = cappedSum / requests;
        var cappedSquares = failed * (tau - meanCapped) * (tau - meanCapped);
        foreach (var t in latencies)
        {
            var c = Math.Min(t, tau) - meanCapped;
            cappedSquares += c * c;
        }
        var stdCapped = requests > 1 ? Math.Sqrt(cappedSquares / (requests - 1)) : 0;

        return new MonteCarloResult(requests, served, (double)served / requests, meanServed, stdServed,
            meanCapped, stdCapped, Array.AsReadOnly(latencies));
    }
}
