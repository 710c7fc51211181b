using RoCoIn.Distillation.Training;
using RoCoIn.Engine.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Tests.Training;

public class ScheduleAndAugmentationTests
{
    [Theory]
    [InlineData(0, 0.01)]
    [InlineData(50, 0.005)]
    [InlineData(100, 0.0)]
    [InlineData(150, 0.0)]
    public void CosineRateFallsFromTheInitialRateToZero(long step, double expected)
    {
        CosineSchedule.RateAt(0.01, step, totalSteps: 100).ShouldBe(expected, 1e-12);
    }

    [Fact]
    public void ScheduleSetsTheOptimiserRateEveryStep()
    {
        using var layer = nn.Linear(2, 1);
        using var optimizer = optim.Adam(layer.parameters(), 0.01);
        var schedule = new CosineSchedule(optimizer, 0.01, totalSteps: 4);

        var rates = new List<double>();
        for (var i = 0; i < 4; i++)
        {
            schedule.Step();
            rates.Add(optimizer.ParamGroups.Single().LearningRate);
        }

        rates[1].ShouldBe(0.005, 1e-12);
        rates[^1].ShouldBe(0, 1e-12);
        rates.ShouldBe(rates.OrderByDescending(r => r).ToList());
    }

    [Fact]
    public void FlipHalfMirrorsAboutHalfTheImagesAndLeavesTheRestAlone()
    {
        const int count = 400;
        using var images = arange(count * 4, dtype: ScalarType.Float32).reshape(count, 1, 2, 2);
        using var flipped = TeacherTrainer.FlipHalf(new SeededRandom(5), images);

        var mirrored = 0;
        for (var i = 0; i < count; i++)
        {
            using var original = images[i];
            using var result = flipped[i];
            using var mirror = original.flip(2);
            var same = result.eq(original).all().item<bool>();
            var isMirror = result.eq(mirror).all().item<bool>();
            (same || isMirror).ShouldBeTrue($"image {i} must be itself or its mirror");
            mirrored += isMirror ? 1 : 0;
        }
        mirrored.ShouldBeInRange(160, 240);
    }

    [Fact]
    public void FlipHalfIsSeeded()
    {
        using var images = arange(64 * 4, dtype: ScalarType.Float32).reshape(64, 1, 2, 2);
        using var a = TeacherTrainer.FlipHalf(new SeededRandom(9), images);
        using var b = TeacherTrainer.FlipHalf(new SeededRandom(9), images);

        a.eq(b).all().item<bool>().ShouldBeTrue();
    }
}
