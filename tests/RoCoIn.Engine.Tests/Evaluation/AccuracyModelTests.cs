using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Tests.Evaluation;

public class AccuracyModelTests
{
    // Bit k set = group k answered: 1 = {0}, 2 = {1}, 3 = both.
    private static readonly Dictionary<int, double> TwoGroups = new() { [1] = 0.6, [2] = 0.7, [3] = 0.9 };

    [Fact]
    public void StrictModeUsesTheAllGroupsAccuracy()
    {
        AccuracyModel.ExpectedServedAccuracy(TwoGroups, [0.1, 0.2], FailureMode.Strict).ShouldBe(0.9);
    }

    [Fact]
    public void DegradedModeWeighsEachSubsetByItsProbabilityGivenServed()
    {
        // P({0}) = 0.9·0.2, P({1}) = 0.1·0.8, P(both) = 0.9·0.8; served = 1 − 0.1·0.2.
        var expected = ((0.18 * 0.6) + (0.08 * 0.7) + (0.72 * 0.9)) / 0.98;

        var accuracy = AccuracyModel.ExpectedServedAccuracy(TwoGroups, [0.1, 0.2], FailureMode.Degraded);

        accuracy!.Value.ShouldBe(expected, 1e-15);
    }

    [Fact]
    public void MissingAllGroupsEntryGivesNoStrictAccuracy()
    {
        var table = new Dictionary<int, double> { [1] = 0.6, [2] = 0.7 };

        AccuracyModel.ExpectedServedAccuracy(table, [0.1, 0.2], FailureMode.Strict).ShouldBeNull();
    }

    [Fact]
    public void MissingSubsetThatCanHappenGivesNoDegradedAccuracy()
    {
        var table = new Dictionary<int, double> { [1] = 0.6, [3] = 0.9 };

        AccuracyModel.ExpectedServedAccuracy(table, [0.1, 0.2], FailureMode.Degraded).ShouldBeNull();
    }

    [Fact]
    public void MissingSubsetThatCannotHappenIsNotNeeded()
    {
        // Group 0 always answers (q = 0), so {1} alone never happens.
        var table = new Dictionary<int, double> { [1] = 0.6, [3] = 0.9 };

        var accuracy = AccuracyModel.ExpectedServedAccuracy(table, [0, 0.25], FailureMode.Degraded);

        accuracy!.Value.ShouldBe((0.25 * 0.6) + (0.75 * 0.9), 1e-15);
    }

    [Fact]
    public void NoGroupThatCanAnswerGivesNoDegradedAccuracy()
    {
        AccuracyModel.ExpectedServedAccuracy(TwoGroups, [1, 1], FailureMode.Degraded).ShouldBeNull();
        AccuracyModel.ExpectedServedAccuracy(TwoGroups, [], FailureMode.Degraded).ShouldBeNull();
        AccuracyModel.ExpectedServedAccuracy(TwoGroups, [], FailureMode.Strict).ShouldBeNull();
    }

    [Fact]
    public void InvalidProbabilitiesAndAccuraciesAreRejectedWithTheBadValueNamed()
    {
        Should.Throw<ArgumentException>(() => AccuracyModel.ExpectedServedAccuracy(TwoGroups, [0.1, 1.2], FailureMode.Strict))
            .Message.ShouldContain("groupFailureProbabilities[1] is 1.2");
        Should.Throw<ArgumentException>(() =>
                AccuracyModel.ExpectedServedAccuracy(new Dictionary<int, double> { [1] = 91.5 }, [0.1], FailureMode.Strict))
            .Message.ShouldContain("accuracyBySubset[1] is 91.5");
    }
}
