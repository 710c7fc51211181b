using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class BlastRadiusTests
{
    [Theory]
    [InlineData(25, 4, 1)]
    [InlineData(25, 5, 2)]
    [InlineData(25, 8, 2)]
    [InlineData(30, 8, 3)]
    [InlineData(50, 3, 2)]
    [InlineData(100, 7, 7)]
    [InlineData(0.1, 3, 1)]
    [InlineData(7, 100, 7)]
    [InlineData(33.3, 10, 4)]
    [InlineData(10, 10, 1)]
    [InlineData(99.9, 1000, 999)]
    public void PercentHitsTheCeilingOfItsShare(double percent, int matching, int expected)
    {
        BlastRadius.Percentage(percent).DeviceCount(matching).ShouldBe(expected);
    }

    [Fact]
    public void PercentNeverHitsMoreThanMatchOrFewerThanOne()
    {
        double[] percents = [1e-6, 0.5, 1, 12.5, 33.333, 50, 66.7, 99.999, 100];
        foreach (var percent in percents)
        {
            for (var n = 1; n <= 200; n++)
            {
                var count = BlastRadius.Percentage(percent).DeviceCount(n);

                count.ShouldBeInRange(1, n, $"{percent} % of {n}");
                count.ShouldBe((int)Math.Ceiling(Math.Round(percent * n / 100, 9)), $"{percent} % of {n}");
            }
        }
    }

    [Fact]
    public void CountIsTakenAsGiven()
    {
        BlastRadius.Devices(3).DeviceCount(10).ShouldBe(3);
        BlastRadius.Devices(3).DeviceCount(2).ShouldBe(3);
    }
}
