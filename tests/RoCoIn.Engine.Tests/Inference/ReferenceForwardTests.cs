using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Tests.Inference;

public class ReferenceForwardTests
{
    private static float[] Range(int count) => Enumerable.Range(0, count).Select(i => (float)i).ToArray();

    [Fact]
    public void ConvReadsZeroOutsideThePaddedMap()
    {
        var architecture = new Architecture("Conv", new TensorShape(1, 3, 3), [new Conv2dLayer(1, 3, 1, 1)]);
        var weights = new Dictionary<string, float[]> { ["0.weight"] = Enumerable.Repeat(1f, 9).ToArray(), ["0.bias"] = [0.5f] };

        var output = ReferenceForward.Run(architecture, weights, Enumerable.Repeat(1f, 9).ToArray());

        // Corners see 4 ones, edges 6, the centre 9.
        output.ShouldBe([4.5f, 6.5f, 4.5f, 6.5f, 9.5f, 6.5f, 4.5f, 6.5f, 4.5f]);
    }

    [Fact]
    public void StridedConvSumsChannelsWithTheirOwnKernels()
    {
        var architecture = new Architecture("Conv", new TensorShape(2, 4, 4), [new Conv2dLayer(1, 2, 2)]);
        // Channel 0 kernel picks the top-left value, channel 1 kernel the bottom-right value of each window.
        var weights = new Dictionary<string, float[]> { ["0.weight"] = [1, 0, 0, 0, 0, 0, 0, 10], ["0.bias"] = [0] };

        var output = ReferenceForward.Run(architecture, weights, Range(32));

        // Window (0,0): channel 0 value 0 and channel 1 value 16 + 5 = 21 → 210.
        output.ShouldBe([0 + 210, 2 + 230, 8 + 290, 10 + 310]);
    }

    [Fact]
    public void MaxPoolDropsThePartialWindow()
    {
        var architecture = new Architecture("Pool", new TensorShape(1, 5, 5), [new MaxPoolLayer(2, 2)]);

        var output = ReferenceForward.Run(architecture, new Dictionary<string, float[]>(), Range(25));

        output.ShouldBe([6f, 8, 16, 18]);
    }

    [Fact]
    public void AdaptivePoolUsesOverlappingWindowsWhenTheSizeDoesNotDivide()
    {
        var architecture = new Architecture("Adaptive", new TensorShape(1, 3, 3), [new AdaptiveAvgPoolLayer(2, 2)]);

        var output = ReferenceForward.Run(architecture, new Dictionary<string, float[]>(), Range(9));

        // Rows and columns {0, 1} and {1, 2}, as PyTorch's adaptive_avg_pool2d.
        output.ShouldBe([2f, 3, 5, 6]);
    }

    [Fact]
    public void GlobalPoolAveragesEachChannel()
    {
        var architecture = new Architecture("Global", new TensorShape(2, 2, 2), [new GlobalAvgPoolLayer()]);

        ReferenceForward.Run(architecture, new Dictionary<string, float[]>(), Range(8)).ShouldBe([1.5f, 5.5f]);
    }

    [Fact]
    public void LinearReadsTheFlattenedMapWithRowMajorWeights()
    {
        var architecture = new Architecture("Linear", new TensorShape(1, 2, 2), [new LinearLayer(2), new ReluLayer()]);
        var weights = new Dictionary<string, float[]> { ["0.weight"] = [1, 1, 1, 1, 0, 0, 0, -1], ["0.bias"] = [0.5f, 0] };

        ReferenceForward.Run(architecture, weights, Range(4)).ShouldBe([6.5f, 0]);
    }

    [Fact]
    public void ImageOfTheWrongLengthIsRejected()
    {
        var error = Should.Throw<ArgumentException>(() =>
            ReferenceForward.Run(InferenceFixtures.TinyConvNet, InferenceFixtures.Weights(InferenceFixtures.TinyConvNet, 1), new float[63]));

        error.Message.ShouldContain("63");
        error.Message.ShouldContain("64");
    }
}
