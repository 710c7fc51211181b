using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Evaluation;

public class LatencyModelTests
{
    [Fact]
    public void MemberSecondsAddsLinkLatencyInputComputeAndFeatures()
    {
        var device = DeviceBuilder.Valid() with
        {
            LinkLatencySeconds = 0.001,
            DownlinkBitsPerSecond = 1e6,
            UplinkBitsPerSecond = 2e6,
            ComputeFlopsPerSecond = 1e7,
        };
        var costs = RequestCosts.FashionMnist(aggregatorFlops: 1290, requesterFlopsPerSecond: 1e9);

        var seconds = LatencyModel.MemberSeconds(device, studentFlops: 2e6, width: 8, costs);

        // 2·1 ms + 6272 bit / 1 Mbit/s + 2 MFLOP / 10 MFLOP/s + 32·8 bit / 2 Mbit/s.
        seconds.ShouldBe(0.002 + 0.006272 + 0.2 + 0.000128, 1e-15);
    }

    [Fact]
    public void FashionMnistCostsSendUint8PixelsAndFp32Features()
    {
        var costs = RequestCosts.FashionMnist(aggregatorFlops: 1290, requesterFlopsPerSecond: 1e9);

        costs.InputBits.ShouldBe(28 * 28 * 8);
        costs.BitsPerFeature.ShouldBe(32);
        costs.AggregatorSeconds.ShouldBe(1.29e-6, 1e-18);
    }

    [Fact]
    public void MemberSecondsRejectsAZeroWidthAndANonPositiveRate()
    {
        var costs = RequestCosts.FashionMnist(1290, 1e9);

        Should.Throw<ArgumentOutOfRangeException>(() => LatencyModel.MemberSeconds(DeviceBuilder.Valid(), 1e6, 0, costs));
        Should.Throw<ArgumentException>(() =>
                LatencyModel.MemberSeconds(DeviceBuilder.Valid() with { UplinkBitsPerSecond = 0 }, 1e6, 4, costs))
            .Message.ShouldContain("device.UplinkBitsPerSecond is 0");
        Should.Throw<ArgumentException>(() => LatencyModel.MemberSeconds(DeviceBuilder.Valid(), -1, 4, costs))
            .Message.ShouldContain("studentFlops is -1");
    }

    [Fact]
    public void EffectiveNoReplyProbabilityAddsTheShareOfTimeSpentDown()
    {
        var device = DeviceBuilder.Valid() with { NoReplyProbability = 0.01, MtbfSeconds = 86_400, MttrSeconds = 600 };

        var p = LatencyModel.EffectiveNoReplyProbability(device);

        p.ShouldBe(1 - (0.99 * 86_400 / 87_000), 1e-15);
        p.ShouldBeGreaterThan(0.01 + (600.0 / 87_000) - 1e-3);
    }

    [Fact]
    public void EffectiveNoReplyProbabilityIsPWithoutCrashModel()
    {
        var plain = DeviceBuilder.Valid() with { NoReplyProbability = 0.02 };
        var half = plain with { MtbfSeconds = 1000 };

        LatencyModel.EffectiveNoReplyProbability(plain).ShouldBe(0.02);
        LatencyModel.EffectiveNoReplyProbability(half).ShouldBe(0.02);
    }
}
