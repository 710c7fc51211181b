namespace RoCoIn.Engine.Models;

/// <summary>
/// Walks an architecture's layers from its input shape and counts parameters, FLOPs and memory by the one
/// counting convention of rocoin-model.md §2.
/// </summary>
/// <remarks>
/// FLOPs: 2·MACs for Conv2d and Linear, one per output element for ReLU and every pooling, none for Flatten; batch 1.
/// Memory: 4·parameters + the largest 4·(input + output elements) of any single layer (fp32); an architecture with
/// no layers has no activation term. Convolution and pooling output sizes round down (floor), as in PyTorch and ONNX.
/// </remarks>
public static class ArchitectureCosting
{
    private const long BytesPerValue = 4;

    /// <summary>Shapes, parameters, FLOPs and memory of <paramref name="architecture"/>.</summary>
    /// <exception cref="InvalidOperationException">
    /// The input shape is not positive, or a layer does not fit its input (a kernel larger than the padded map, a
    /// stride or size below one, a pooling target larger than the map); the message names the layer's index, the
    /// layer and the shape it received.
    /// </exception>
    public static ArchitectureCost Cost(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var input = architecture.Input;
        if (input.Channels < 1 || input.Height < 1 || input.Width < 1)
            throw new InvalidOperationException($"Architecture '{architecture.Name}' has input shape {input}; every dimension must be at least 1.");

        var layers = new List<LayerCost>(architecture.Layers.Count);
        long parameters = 0, flops = 0, largestActivation = 0;
        var shape = input;
        for (var i = 0; i < architecture.Layers.Count; i++)
        {
            var cost = CostOf(i, architecture.Layers[i], shape);
            layers.Add(cost);
            parameters = checked(parameters + cost.Parameters);
            flops = checked(flops + cost.Flops);
            largestActivation = Math.Max(largestActivation, checked(cost.Input.Elements + cost.Output.Elements));
            shape = cost.Output;
        }
        var memory = checked(BytesPerValue * parameters + BytesPerValue * largestActivation);
        return new ArchitectureCost(parameters, flops, memory, layers);
    }

    private static LayerCost CostOf(int index, Layer layer, TensorShape input) => layer switch
    {
        Conv2dLayer conv => Conv(index, conv, input),
        LinearLayer linear => Linear(index, linear, input),
        ReluLayer => Elementwise(layer, input, input),
        MaxPoolLayer pool => MaxPool(index, pool, input),
        AdaptiveAvgPoolLayer pool => AdaptiveAvgPool(index, pool, input),
        GlobalAvgPoolLayer => Elementwise(layer, input, new TensorShape(input.Channels, 1, 1)),
        FlattenLayer => new LayerCost(layer, input, new TensorShape(checked((int)input.Elements), 1, 1), 0, 0),
        null => throw new InvalidOperationException($"Layer {index} is null (input {input})."),
        _ => throw Misfit(index, layer, input, $"{layer.GetType().Name} has no cost rule"),
    };

    private static LayerCost Conv(int index, Conv2dLayer conv, TensorShape input)
    {
        if (conv.OutChannels < 1)
            throw Misfit(index, conv, input, "output channels must be at least 1");
        if (conv.Kernel < 1)
            throw Misfit(index, conv, input, "kernel must be at least 1");
        if (conv.Stride < 1)
            throw Misfit(index, conv, input, "stride must be at least 1");
        if (conv.Padding < 0)
            throw Misfit(index, conv, input, "padding must not be negative");
        var paddedHeight = input.Height + 2 * conv.Padding;
        var paddedWidth = input.Width + 2 * conv.Padding;
        if (conv.Kernel > paddedHeight || conv.Kernel > paddedWidth)
            throw Misfit(index, conv, input, $"kernel {conv.Kernel} is larger than the padded input {paddedHeight}×{paddedWidth}");

        var output = new TensorShape(conv.OutChannels,
            (paddedHeight - conv.Kernel) / conv.Stride + 1,
            (paddedWidth - conv.Kernel) / conv.Stride + 1);
        long weightsPerOutput = checked((long)input.Channels * conv.Kernel * conv.Kernel);
        var parameters = checked(conv.OutChannels * weightsPerOutput + conv.OutChannels);
        var flops = checked(2 * output.Elements * weightsPerOutput);
        return new LayerCost(conv, input, output, parameters, flops);
    }

    private static LayerCost Linear(int index, LinearLayer linear, TensorShape input)
    {
        if (linear.OutFeatures < 1)
            throw Misfit(index, linear, input, "output features must be at least 1");
        // A C×H×W input is read as its C·H·W values (an implicit flatten), as ONNX Gemm after Flatten does.
        var inFeatures = input.Elements;
        var parameters = checked(linear.OutFeatures * inFeatures + linear.OutFeatures);
        var flops = checked(2 * inFeatures * linear.OutFeatures);
        return new LayerCost(linear, input, new TensorShape(linear.OutFeatures, 1, 1), parameters, flops);
    }

    private static LayerCost MaxPool(int index, MaxPoolLayer pool, TensorShape input)
    {
        if (pool.Kernel < 1)
            throw Misfit(index, pool, input, "kernel must be at least 1");
        if (pool.Stride < 1)
            throw Misfit(index, pool, input, "stride must be at least 1");
        if (pool.Kernel > input.Height || pool.Kernel > input.Width)
            throw Misfit(index, pool, input, $"kernel {pool.Kernel} is larger than the input {input.Height}×{input.Width}");
        var output = new TensorShape(input.Channels,
            (input.Height - pool.Kernel) / pool.Stride + 1,
            (input.Width - pool.Kernel) / pool.Stride + 1);
        return Elementwise(pool, input, output);
    }

    private static LayerCost AdaptiveAvgPool(int index, AdaptiveAvgPoolLayer pool, TensorShape input)
    {
        if (pool.OutputHeight < 1 || pool.OutputWidth < 1)
            throw Misfit(index, pool, input, "output size must be at least 1×1");
        if (pool.OutputHeight > input.Height || pool.OutputWidth > input.Width)
            throw Misfit(index, pool, input,
                $"output {pool.OutputHeight}×{pool.OutputWidth} is larger than the input {input.Height}×{input.Width}");
        return Elementwise(pool, input, new TensorShape(input.Channels, pool.OutputHeight, pool.OutputWidth));
    }

    /// <summary>No parameters, one FLOP per output element.</summary>
    private static LayerCost Elementwise(Layer layer, TensorShape input, TensorShape output) =>
        new(layer, input, output, 0, output.Elements);

    private static InvalidOperationException Misfit(int index, Layer layer, TensorShape input, string reason) =>
        new($"Layer {index} ({LayerText.Describe(layer)}) does not fit its input {input}: {reason}.");
}
