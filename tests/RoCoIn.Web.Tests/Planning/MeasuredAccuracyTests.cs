using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Tests.Planning;

/// <summary>Matching a plan's groups to a model set's partitions, and the expected accuracy from its table.</summary>
public class MeasuredAccuracyTests
{
    private static readonly Dictionary<int, double> Table = new() { [1] = 0.6, [2] = 0.5, [3] = 0.9 };

    private static DeploymentPlan Plan(params (int Width, string StudentKey)[] groups)
    {
        double[] q = [0.1, 0.2, 0.05];
        var metrics = new PlanMetrics(0.9, 0.1, 0.1, 0.2, 0.3, 0.2, 0.9, q.Take(groups.Length).ToList(), []);
        return new DeploymentPlan("RoCoIn", groups.Select((g, k) => new PlanGroup(k, [k + 1], g.Width, g.StudentKey)).ToList(), [],
            metrics, 1000, 0.8, true, "");
    }

    private static SavedModelSet Set(params (int Width, string StudentKey)[] partitions) =>
        new(7, "distilled", 1, null, DateTimeOffset.UnixEpoch, ModelSetBuilder.Result(partitions, subset => Table.GetValueOrDefault(subset, 0.5)));

    [Fact]
    public void SamePartitionsInOrderMatch()
    {
        var plan = Plan((40, "s-small"), (24, "s-mcu"));

        MeasuredAccuracy.Matches(plan, Set((40, "s-small"), (24, "s-mcu")).Result).ShouldBeTrue();
    }

    [Theory]
    [InlineData(24, "s-mcu", 40, "s-small")]   // same partitions, other order
    [InlineData(40, "s-mcu", 24, "s-mcu")]     // another student
    [InlineData(39, "s-small", 25, "s-mcu")]   // other widths
    public void DifferentPartitionsDoNotMatch(int width0, string student0, int width1, string student1)
    {
        var plan = Plan((40, "s-small"), (24, "s-mcu"));

        var set = Set((width0, student0), (width1, student1));

        MeasuredAccuracy.Matches(plan, set.Result).ShouldBeFalse();
        MeasuredAccuracy.For(plan, new PlanSettings(), set).ShouldBeNull();
    }

    [Fact]
    public void AnotherGroupCountDoesNotMatch()
    {
        var plan = Plan((40, "s-small"), (24, "s-mcu"));

        MeasuredAccuracy.Matches(plan, Set((64, "s-small")).Result).ShouldBeFalse();
        MeasuredAccuracy.Matches(plan, Set((20, "s-small"), (20, "s-mcu"), (24, "s-mcu")).Result).ShouldBeFalse();
    }

    [Fact]
    public void StrictUsesTheAccuracyOfAllGroups()
    {
        var plan = Plan((40, "s-small"), (24, "s-mcu"));

        var measured = MeasuredAccuracy.For(plan, new PlanSettings { Mode = FailureMode.Strict }, Set((40, "s-small"), (24, "s-mcu")));

        measured.ShouldNotBeNull();
        measured.ModelSetId.ShouldBe(7);
        measured.ExpectedAccuracy!.Value.ShouldBe(0.9, 1e-12);
    }

    [Fact]
    public void DegradedWeighsEverySubsetByItsProbability()
    {
        var plan = Plan((40, "s-small"), (24, "s-mcu"));
        // q = (0.1, 0.2): only group 0 answers 0.9·0.2, only group 1 0.1·0.8, both 0.9·0.8; normalised by 1 − 0.1·0.2.
        var expected = (0.18 * 0.6 + 0.08 * 0.5 + 0.72 * 0.9) / 0.98;

        var measured = MeasuredAccuracy.For(plan, new PlanSettings { Mode = FailureMode.Degraded }, Set((40, "s-small"), (24, "s-mcu")));

        measured!.ExpectedAccuracy!.Value.ShouldBe(expected, 1e-12);
        expected.ShouldBe(0.8122448979591837, 1e-12);
    }
}
