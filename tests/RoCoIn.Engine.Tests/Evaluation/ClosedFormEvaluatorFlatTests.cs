using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Evaluation;

public class ClosedFormEvaluatorFlatTests
{
    private static EvaluationSettings Settings(FailureMode mode, double delta = 0.05) => new(1, delta, 0.5, mode);

    private static (double[] Seconds, double[] P, int[] Group) Flatten(IReadOnlyList<GroupTiming> groups)
    {
        var members = groups.SelectMany((g, k) => g.Members.Select(m => (m, k))).ToList();
        return (members.Select(x => x.m.Seconds).ToArray(), members.Select(x => x.m.NoReplyProbability).ToArray(), members.Select(x => x.k).ToArray());
    }

    [Theory]
    [InlineData(FailureMode.Strict)]
    [InlineData(FailureMode.Degraded)]
    public void GroupByGroupArraysGiveTheListOverloadsExactValues(FailureMode mode)
    {
        var random = new SeededRandom(31);
        for (var i = 0; i < 500; i++)
        {
            var groups = TimingBuilder.Random(random, maxMembers: i % 2 == 0 ? 12 : 300, maxGroups: i % 3 == 0 ? 70 : 8, deadline: 1);
            var (seconds, p, group) = Flatten(groups);
            var settings = Settings(mode);

            ClosedFormEvaluator.ObjectiveJ(seconds, p, group, groups.Count, settings).ShouldBe(ClosedFormEvaluator.ObjectiveJ(groups, settings));
            ClosedFormEvaluator.Reliability(seconds, p, group, groups.Count, settings).ShouldBe(ClosedFormEvaluator.Reliability(groups, settings));
        }
    }

    [Fact]
    public void AnyMemberOrderGivesTheSameValuesUpToRounding()
    {
        var random = new SeededRandom(32);
        for (var i = 0; i < 300; i++)
        {
            var groups = TimingBuilder.Random(random, maxMembers: 40, maxGroups: 8, deadline: 1);
            var (seconds, p, group) = Flatten(groups);
            var order = Enumerable.Range(0, seconds.Length).OrderBy(_ => random.NextUInt64()).ToArray();
            var settings = Settings(FailureMode.Strict);

            var j = ClosedFormEvaluator.ObjectiveJ(order.Select(x => seconds[x]).ToArray(), order.Select(x => p[x]).ToArray(),
                order.Select(x => group[x]).ToArray(), groups.Count, settings);
            var r = ClosedFormEvaluator.Reliability(order.Select(x => seconds[x]).ToArray(), order.Select(x => p[x]).ToArray(),
                order.Select(x => group[x]).ToArray(), groups.Count, settings);

            j.ShouldBe(ClosedFormEvaluator.ObjectiveJ(groups, settings), 1e-12);
            r.ShouldBe(ClosedFormEvaluator.Reliability(groups, settings), 1e-12);
        }
    }

    [Fact]
    public void NegativeGroupsAreLeftOut()
    {
        var groups = TimingBuilder.Groups([(0.1, 0.1), (0.3, 0.2)], [(0.2, 0.05)]);
        var settings = Settings(FailureMode.Strict);

        var j = ClosedFormEvaluator.ObjectiveJ([0.1, 0.01, 0.3, 0.2, 0.0], [0.1, 0.0, 0.2, 0.05, 0.0], [0, -1, 0, 1, -1], 2, settings);
        var r = ClosedFormEvaluator.Reliability([0.1, 0.01, 0.3, 0.2, 0.0], [0.1, 0.0, 0.2, 0.05, 0.0], [0, -1, 0, 1, -1], 2, settings);

        j.ShouldBe(ClosedFormEvaluator.ObjectiveJ(groups, settings), 1e-15);
        r.ShouldBe(ClosedFormEvaluator.Reliability(groups, settings), 1e-15);
    }

    [Fact]
    public void NoGroupsOrAnEmptyGroupServeNothing()
    {
        var settings = Settings(FailureMode.Strict);

        ClosedFormEvaluator.ObjectiveJ([], [], [], 0, settings).ShouldBe(1);
        ClosedFormEvaluator.Reliability([], [], [], 0, settings).ShouldBe(0);
        ClosedFormEvaluator.ObjectiveJ([0.1], [0.1], [0], 2, settings).ShouldBe(1);
        ClosedFormEvaluator.Reliability([0.1], [0.1], [0], 2, settings).ShouldBe(0);
    }

    [Fact]
    public void InvalidArraysAreRejectedWithTheirName()
    {
        var settings = Settings(FailureMode.Strict);

        Should.Throw<ArgumentException>(() => ClosedFormEvaluator.ObjectiveJ([0.1, 0.2], [0.1], [0, 0], 1, settings)).Message.ShouldContain("same length");
        Should.Throw<ArgumentException>(() => ClosedFormEvaluator.ObjectiveJ([0.1], [0.1], [1], 1, settings)).Message.ShouldContain("groupOf[0]");
        Should.Throw<ArgumentException>(() => ClosedFormEvaluator.Reliability([double.NaN], [0.1], [0], 1, settings)).Message.ShouldContain("seconds[0]");
        Should.Throw<ArgumentException>(() => ClosedFormEvaluator.Reliability([0.1], [1.5], [0], 1, settings)).Message.ShouldContain("noReplyProbabilities[0]");
        Should.Throw<ArgumentException>(() => ClosedFormEvaluator.ObjectiveJ([0.1], [0.1], [0], 1, settings with { DeadlineSeconds = 0 }));
    }
}
