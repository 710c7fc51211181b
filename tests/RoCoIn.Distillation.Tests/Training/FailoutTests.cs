using RoCoIn.Distillation.Training;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Distillation.Tests.Training;

public class FailoutTests
{
    [Fact]
    public void NeverDropsEveryGroupOfAnImage()
    {
        var mask = Failout.GroupMask(new SeededRandom(1), batch: 2000, groups: 3, dropProbability: 0.9);

        for (var b = 0; b < 2000; b++)
            Enumerable.Range(0, 3).Any(k => mask[b, k]).ShouldBeTrue($"image {b}");
    }

    [Fact]
    public void DropsGroupsAtAboutTheRequestedRate()
    {
        const int batch = 20000, groups = 4;
        var mask = Failout.GroupMask(new SeededRandom(2), batch, groups, dropProbability: 0.1);

        var dropped = 0;
        for (var b = 0; b < batch; b++)
        {
            for (var k = 0; k < groups; k++)
                dropped += mask[b, k] ? 0 : 1;
        }

        // Redrawing the 1e-4 of all-dropped patterns lowers the rate a little below p_drop.
        ((double)dropped / (batch * groups)).ShouldBe(0.1, 0.01);
    }

    [Theory]
    [InlineData(1, 0.5)]
    [InlineData(3, 0.0)]
    public void KeepsEveryGroupWithOneGroupOrNoDropProbability(int groups, double dropProbability)
    {
        var mask = Failout.GroupMask(new SeededRandom(3), batch: 100, groups, dropProbability);

        mask.Cast<bool>().ShouldAllBe(keep => keep);
    }

    [Fact]
    public void FeatureMaskSpreadsEachGroupOverItsWidth()
    {
        var groups = new bool[,] { { true, false }, { false, true } };

        var mask = Failout.FeatureMask(groups, [2, 1]);

        mask.ShouldBe([1f, 1f, 0f, 0f, 0f, 1f]);
    }

    [Fact]
    public void SameSeedGivesTheSameMask()
    {
        var a = Failout.GroupMask(new SeededRandom(9), 50, 3, 0.3);
        var b = Failout.GroupMask(new SeededRandom(9), 50, 3, 0.3);

        a.Cast<bool>().ShouldBe(b.Cast<bool>());
    }
}
