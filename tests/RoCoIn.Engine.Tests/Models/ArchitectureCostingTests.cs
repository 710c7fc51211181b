using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Tests.Models;

public class ArchitectureCostingTests
{
    private static ArchitectureCost CostOf(TensorShape input, params Layer[] layers) =>
        new Architecture("test", input, layers).Cost();

    [Fact]
    public void TinyNetMatchesHandCountedCosts()
    {
        var cost = CostOf(new TensorShape(1, 5, 5),
            new Conv2dLayer(2, 3), new ReluLayer(), new MaxPoolLayer(2, 1), new FlattenLayer(), new LinearLayer(3));

        // conv 3×3, 1 → 2 channels: 5×5 → 3×3; params 2·1·3·3 + 2; FLOPs 2·2·3·3·1·3·3.
        cost.Layers[0].Output.ShouldBe(new TensorShape(2, 3, 3));
        cost.Layers[0].Parameters.ShouldBe(20);
        cost.Layers[0].Flops.ShouldBe(324);
        // ReLU: one FLOP per output element (2·3·3).
        cost.Layers[1].Output.ShouldBe(new TensorShape(2, 3, 3));
        cost.Layers[1].Flops.ShouldBe(18);
        // MaxPool 2, stride 1: 3×3 → 2×2.
        cost.Layers[2].Output.ShouldBe(new TensorShape(2, 2, 2));
        cost.Layers[2].Flops.ShouldBe(8);
        // Flatten: 8×1×1, free.
        cost.Layers[3].Output.ShouldBe(new TensorShape(8, 1, 1));
        cost.Layers[3].Flops.ShouldBe(0);
        // Linear 8 → 3: params 8·3 + 3; FLOPs 2·8·3.
        cost.Layers[4].Output.ShouldBe(new TensorShape(3, 1, 1));
        cost.Layers[4].Parameters.ShouldBe(27);
        cost.Layers[4].Flops.ShouldBe(48);

        cost.Parameters.ShouldBe(47);
        cost.Flops.ShouldBe(324 + 18 + 8 + 48);
        // 4·47 parameters + the largest layer, the conv: 4·(25 input + 18 output).
        cost.MemoryBytes.ShouldBe(4 * 47 + 4 * (25 + 18));
    }

    [Fact]
    public void LayerCostsRecordInputShapesInOrder()
    {
        var cost = CostOf(new TensorShape(1, 5, 5), new Conv2dLayer(2, 3), new ReluLayer(), new GlobalAvgPoolLayer());

        cost.Layers.Select(l => l.Input).ShouldBe([new TensorShape(1, 5, 5), new TensorShape(2, 3, 3), new TensorShape(2, 3, 3)]);
        new Architecture("test", new TensorShape(1, 5, 5), [new Conv2dLayer(2, 3), new GlobalAvgPoolLayer()])
            .OutputShape.ShouldBe(new TensorShape(2, 1, 1));
    }

    [Fact]
    public void MemoryTakesTheLargestSingleLayerNotTheFirstOrLast()
    {
        // Layer 1 (1×1 conv to 16 channels) holds 4·4·4 in + 16·4·4 out = 320 values, more than any other layer.
        var cost = CostOf(new TensorShape(4, 4, 4), new ReluLayer(), new Conv2dLayer(16, 1), new GlobalAvgPoolLayer());

        cost.Parameters.ShouldBe(16 * 4 + 16);
        cost.MemoryBytes.ShouldBe((4 * 80) + (4 * (64 + 256)));
    }

    [Fact]
    public void EmptyArchitectureCostsNothing()
    {
        var architecture = new Architecture("empty", new TensorShape(3, 2, 2), []);

        var cost = architecture.Cost();

        (cost.Parameters, cost.Flops, cost.MemoryBytes, cost.Layers.Count).ShouldBe((0L, 0L, 0L, 0));
        architecture.OutputShape.ShouldBe(new TensorShape(3, 2, 2));
    }

    [Theory]
    [InlineData(28, 28, 3, 2, 1, 14, 14)]   // floor((28 + 2 − 3)/2) + 1
    [InlineData(28, 28, 3, 1, 1, 28, 28)]   // "same" padding
    [InlineData(10, 7, 5, 3, 0, 2, 1)]      // floor((10 − 5)/3) + 1, floor((7 − 5)/3) + 1
    [InlineData(5, 5, 7, 1, 1, 1, 1)]       // kernel equal to the padded input
    [InlineData(6, 6, 1, 2, 0, 3, 3)]       // 1×1 with stride
    public void ConvOutputSizeFollowsPaddingAndStride(int height, int width, int kernel, int stride, int padding,
        int expectedHeight, int expectedWidth)
    {
        var cost = CostOf(new TensorShape(3, height, width), new Conv2dLayer(8, kernel, stride, padding));

        var output = cost.Layers[0].Output;
        output.ShouldBe(new TensorShape(8, expectedHeight, expectedWidth));
        cost.Parameters.ShouldBe((8L * 3 * kernel * kernel) + 8);
        cost.Flops.ShouldBe(2L * 8 * expectedHeight * expectedWidth * 3 * kernel * kernel);
    }

    [Fact]
    public void ReluKeepsTheShapeAndCostsOnePerElement()
    {
        var layer = CostOf(new TensorShape(3, 4, 5), new ReluLayer()).Layers[0];

        layer.Output.ShouldBe(new TensorShape(3, 4, 5));
        (layer.Parameters, layer.Flops).ShouldBe((0L, 60L));
    }

    [Fact]
    public void MaxPoolRoundsDownAndCostsOnePerOutputElement()
    {
        var layer = CostOf(new TensorShape(4, 7, 7), new MaxPoolLayer(3, 2)).Layers[0];

        layer.Output.ShouldBe(new TensorShape(4, 3, 3));
        (layer.Parameters, layer.Flops).ShouldBe((0L, 36L));
    }

    [Fact]
    public void AdaptiveAvgPoolResizesToItsTarget()
    {
        var layer = CostOf(new TensorShape(5, 4, 6), new AdaptiveAvgPoolLayer(2, 3)).Layers[0];

        layer.Output.ShouldBe(new TensorShape(5, 2, 3));
        (layer.Parameters, layer.Flops).ShouldBe((0L, 30L));
    }

    [Fact]
    public void AdaptiveAvgPoolToTheSameSizeIsAllowed()
    {
        var layer = CostOf(new TensorShape(5, 7, 7), new AdaptiveAvgPoolLayer(7, 7)).Layers[0];

        layer.Output.ShouldBe(new TensorShape(5, 7, 7));
        layer.Flops.ShouldBe(245);
    }

    [Fact]
    public void GlobalAvgPoolCostsOnePerChannel()
    {
        var layer = CostOf(new TensorShape(6, 4, 4), new GlobalAvgPoolLayer()).Layers[0];

        layer.Output.ShouldBe(new TensorShape(6, 1, 1));
        (layer.Parameters, layer.Flops).ShouldBe((0L, 6L));
    }

    [Fact]
    public void FlattenIsFree()
    {
        var layer = CostOf(new TensorShape(3, 2, 2), new FlattenLayer()).Layers[0];

        layer.Output.ShouldBe(new TensorShape(12, 1, 1));
        (layer.Parameters, layer.Flops).ShouldBe((0L, 0L));
    }

    [Fact]
    public void LinearReadsAnUnflattenedInputAsAllItsValues()
    {
        var layer = CostOf(new TensorShape(2, 2, 2), new LinearLayer(4)).Layers[0];

        layer.Output.ShouldBe(new TensorShape(4, 1, 1));
        layer.Parameters.ShouldBe((8 * 4) + 4);
        layer.Flops.ShouldBe(2 * 8 * 4);
    }

    [Fact]
    public void KernelLargerThanThePaddedInputThrowsNamingLayerAndShape()
    {
        var architecture = new Architecture("bad", new TensorShape(1, 5, 5),
            [new Conv2dLayer(2, 3, 1, 1), new ReluLayer(), new Conv2dLayer(4, 9)]);

        var error = Should.Throw<InvalidOperationException>(architecture.Cost);

        error.Message.ShouldContain("Layer 2");
        error.Message.ShouldContain("Conv 9×9");
        error.Message.ShouldContain("2×5×5");
        error.Message.ShouldContain("kernel 9 is larger than the padded input 5×5");
    }

    public static TheoryData<Layer, string> MisfittingLayers => new()
    {
        { new Conv2dLayer(4, 3, 0, 0), "stride" },
        { new Conv2dLayer(0, 3), "output channels" },
        { new Conv2dLayer(4, 0), "kernel" },
        { new Conv2dLayer(4, 3, 1, -1), "padding" },
        { new Conv2dLayer(4, 6), "larger than the padded input" },
        { new MaxPoolLayer(6, 1), "larger than the input" },
        { new MaxPoolLayer(2, 0), "stride" },
        { new AdaptiveAvgPoolLayer(6, 1), "larger than the input" },
        { new AdaptiveAvgPoolLayer(0, 1), "at least 1×1" },
        { new LinearLayer(0), "output features" },
    };

    [Theory]
    [MemberData(nameof(MisfittingLayers))]
    public void LayersThatDoNotFitThrowWithTheirIndexAndInputShape(Layer layer, string reason)
    {
        var architecture = new Architecture("bad", new TensorShape(2, 5, 5), [new ReluLayer(), layer]);

        var error = Should.Throw<InvalidOperationException>(architecture.Cost);

        error.Message.ShouldContain("Layer 1");
        error.Message.ShouldContain(LayerText.Describe(layer));
        error.Message.ShouldContain("2×5×5");
        error.Message.ShouldContain(reason);
    }

    [Fact]
    public void NonPositiveInputShapeThrows()
    {
        var architecture = new Architecture("bad", new TensorShape(1, 0, 28), [new ReluLayer()]);

        Should.Throw<InvalidOperationException>(architecture.Cost).Message.ShouldContain("1×0×28");
    }

    [Fact]
    public void ArchitectureCostDelegatesToTheCostingRule()
    {
        var architecture = new Architecture("tiny", new TensorShape(1, 5, 5), [new Conv2dLayer(2, 3)]);

        var direct = ArchitectureCosting.Cost(architecture);
        var viaRecord = architecture.Cost();

        (direct.Parameters, direct.Flops, direct.MemoryBytes).ShouldBe((viaRecord.Parameters, viaRecord.Flops, viaRecord.MemoryBytes));
    }

    [Theory]
    [InlineData(typeof(ReluLayer), "ReLU")]
    [InlineData(typeof(FlattenLayer), "Flatten")]
    [InlineData(typeof(GlobalAvgPoolLayer), "GlobalAvgPool")]
    public void ParameterlessLayersHaveShortNames(Type type, string expected)
    {
        LayerText.Describe((Layer)Activator.CreateInstance(type)!).ShouldBe(expected);
    }

    [Fact]
    public void LayerTextNamesSizes()
    {
        LayerText.Describe(new Conv2dLayer(32, 3, 1, 1)).ShouldBe("Conv 3×3 → 32, stride 1, pad 1");
        LayerText.Describe(new MaxPoolLayer(2, 2)).ShouldBe("MaxPool 2×2, stride 2");
        LayerText.Describe(new AdaptiveAvgPoolLayer(7, 7)).ShouldBe("AdaptiveAvgPool → 7×7");
        LayerText.Describe(new LinearLayer(10)).ShouldBe("Linear → 10");
    }
}
