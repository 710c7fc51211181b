using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Tests.Builders;

/// <summary>Group timings for evaluator tests: hand-written ones and seeded random plans.</summary>
public static class TimingBuilder
{
    /// <summary>One group per argument; each member given as (t_nk, p_n), device ids numbered from 1.</summary>
    public static IReadOnlyList<GroupTiming> Groups(params (double Seconds, double P)[][] groups)
    {
        var id = 1;
        return groups.Select(g => new GroupTiming(g.Select(m => new MemberTiming(id++, m.Seconds, m.P)).ToList())).ToList();
    }

    /// <summary>
    /// A random plan: 1..<paramref name="maxGroups"/> groups, up to <paramref name="maxMembers"/> members spread over
    /// them (every group gets one), times in [0, 1.2·<paramref name="deadline"/>] — about a third on a coarse grid so
    /// times tie — and p in [0, <paramref name="maxP"/>], with 10 % exact 0 and 5 % exact 1 when
    /// <paramref name="certainties"/> is set, else in [0.02, <paramref name="maxP"/>].
    /// </summary>
    public static IReadOnlyList<GroupTiming> Random(
        SeededRandom random, int maxMembers, int maxGroups, double deadline, double maxP = 0.6, bool certainties = true)
    {
        var groupCount = 1 + (int)(random.NextDouble() * maxGroups);
        var memberCount = groupCount + (int)(random.NextDouble() * (Math.Max(maxMembers, groupCount) - groupCount + 1));
        var members = Enumerable.Range(0, groupCount).Select(_ => new List<MemberTiming>()).ToList();
        for (var n = 0; n < memberCount; n++)
        {
            var group = n < groupCount ? n : (int)(random.NextDouble() * groupCount);
            var seconds = random.NextUniform(0, 1.2 * deadline);
            if (random.NextDouble() < 1.0 / 3)
                seconds = Math.Round(seconds / deadline * 20) * deadline / 20;
            var kind = random.NextDouble();
            var p = !certainties ? random.NextUniform(0.02, maxP) : kind < 0.1 ? 0 : kind < 0.15 ? 1 : random.NextUniform(0, maxP);
            members[group].Add(new MemberTiming(n + 1, seconds, p));
        }
        return members.Select(m => new GroupTiming(m)).ToList();
    }
}
