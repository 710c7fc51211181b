using RoCoIn.Engine.Jobs;

namespace RoCoIn.Engine.Tests.Jobs;

public class RemainingTimeTests
{
    [Fact]
    public void ExtrapolatesThePaceSoFar()
    {
        // A quarter done after 60 s: three more quarters at the same pace take 180 s.
        RemainingTime.Estimate(0.25, TimeSpan.FromSeconds(60)).ShouldBe(TimeSpan.FromSeconds(180));
    }

    [Theory]
    [InlineData(0.0, 60)]
    [InlineData(0.005, 60)]
    [InlineData(0.5, 1)]
    [InlineData(double.NaN, 60)]
    public void SaysNothingWhileTooLittleIsKnown(double fraction, int seconds)
    {
        RemainingTime.Estimate(fraction, TimeSpan.FromSeconds(seconds)).ShouldBeNull();
    }

    [Fact]
    public void IsZeroWhenDone()
    {
        RemainingTime.Estimate(1, TimeSpan.FromSeconds(90)).ShouldBe(TimeSpan.Zero);
    }

    [Theory]
    [InlineData(45, "about 45 s left")]
    [InlineData(200, "about 3 min 20 s left")]
    [InlineData(3900, "about 1 h 5 min left")]
    public void DescribesInWholeUnits(int seconds, string expected)
    {
        RemainingTime.Describe(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);
    }

    [Fact]
    public void DescribesUnknownAsEstimating()
    {
        RemainingTime.Describe(null).ShouldBe("estimating time left…");
    }
}
