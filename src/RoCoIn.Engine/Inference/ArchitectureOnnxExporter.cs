using System.Globalization;
using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Inference;

/// <summary>
/// Turns an engine <see cref="Architecture"/> plus its trained weights into an ONNX model (opset 13) with input
/// N×C×H×W and a symbolic batch dimension N.
/// </summary>
/// <remarks>
/// Layer i of <see cref="Architecture.Layers"/> owns the weights "i.weight" and "i.bias", which are the names
/// TorchSharp's <c>Sequential</c> gives the parameters of its i-th module; <see cref="WeightShapes"/> lists them.
/// Conv2d weights are [out, in, k, k] and Linear weights [out, in] (row-major, as TorchSharp stores them).
/// <para>
/// Mapping: Conv2d → Conv (kernel_shape, strides, 4-long pads); ReLU → Relu; MaxPool → MaxPool (floor mode, no
/// padding); AdaptiveAvgPool to h×w → AveragePool with kernel = stride = H/h × W/w, or Identity when the map is
/// already h×w (the input must divide evenly: ONNX has no adaptive pooling); GlobalAvgPool → GlobalAveragePool;
/// Flatten → Flatten(axis 1); Linear → Gemm(transB = 1), preceded by a Flatten when its input is still C×H×W.
/// A spatial layer after a flattened tensor gets a Reshape back to N×C×1×1 first.
/// </para>
/// <para>
/// The output is N×C×H×W for a network that ends in a spatial layer (a student's d×1×1 features) and N×C once a
/// Flatten or Linear has run (logits); either way its per-image shape is <see cref="Architecture.OutputShape"/>.
/// <see cref="ReferenceForward"/> computes the same function in plain C#.
/// </para>
/// </remarks>
public static class ArchitectureOnnxExporter
{
    /// <summary>The weight names of <paramref name="architecture"/> and the shape each must have, in layer order.</summary>
    /// <remarks>Conv2d layer i: "i.weight" [out, in, k, k], "i.bias" [out]; Linear layer i: "i.weight" [out, in], "i.bias" [out].</remarks>
    /// <exception cref="InvalidOperationException">A layer does not fit its input (see <see cref="ArchitectureCosting.Cost"/>).</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<long>> WeightShapes(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        return ShapesOf(architecture.Cost());
    }

    private static Dictionary<string, IReadOnlyList<long>> ShapesOf(ArchitectureCost cost)
    {
        var shapes = new Dictionary<string, IReadOnlyList<long>>(StringComparer.Ordinal);
        for (var i = 0; i < cost.Layers.Count; i++)
        {
            var input = cost.Layers[i].Input;
            switch (cost.Layers[i].Layer)
            {
                case Conv2dLayer conv:
                    shapes[WeightName(i)] = new long[] { conv.OutChannels, input.Channels, conv.Kernel, conv.Kernel };
                    shapes[BiasName(i)] = new long[] { conv.OutChannels };
                    break;
                case LinearLayer linear:
                    shapes[WeightName(i)] = new long[] { linear.OutFeatures, input.Elements };
                    shapes[BiasName(i)] = new long[] { linear.OutFeatures };
                    break;
            }
        }
        return shapes;
    }

    /// <summary>The ONNX model bytes of <paramref name="architecture"/> with <paramref name="weights"/> as initializers.</summary>
    /// <param name="architecture">The network; its layers must fit their inputs.</param>
    /// <param name="weights">Exactly the names of <see cref="WeightShapes"/>, each with as many values as its shape holds.</param>
    /// <param name="inputName">Name of the graph input (N×C×H×W).</param>
    /// <param name="outputName">Name of the graph output.</param>
    /// <exception cref="ArgumentException">
    /// A weight is missing, has the wrong number of values or belongs to no layer (the message names it and gives the
    /// expected and actual lengths); an adaptive pool's input does not divide evenly into its output; or the two names
    /// are empty or equal.
    /// </exception>
    /// <exception cref="InvalidOperationException">A layer does not fit its input (see <see cref="ArchitectureCosting.Cost"/>).</exception>
    public static byte[] Export(Architecture architecture, IReadOnlyDictionary<string, float[]> weights,
        string inputName = "input", string outputName = "output")
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentException.ThrowIfNullOrEmpty(inputName);
        ArgumentException.ThrowIfNullOrEmpty(outputName);
        if (string.Equals(inputName, outputName, StringComparison.Ordinal))
            throw new ArgumentException($"Input and output need different names; both are '{inputName}'.", nameof(outputName));
        var (cost, shapes) = CheckWeights(architecture, weights);

        var builder = new OnnxGraphBuilder(architecture.Name);
        var input = architecture.Input;
        builder.Input(inputName, -1, input.Channels, input.Height, input.Width);

        var nodes = new List<PendingNode>();
        var current = inputName;
        var flat = false;
        for (var i = 0; i < cost.Layers.Count; i++)
        {
            var (layer, shape, output) = (cost.Layers[i].Layer, cost.Layers[i].Input, cost.Layers[i].Output);
            var name = $"{i}.out";
            if (flat && layer is Conv2dLayer or MaxPoolLayer or AdaptiveAvgPoolLayer or GlobalAvgPoolLayer)
            {
                // A flattened N×(C·H·W) tensor goes back to N×C×H×W (0 keeps the batch dimension).
                var shapeName = $"{i}.shape";
                builder.Int64Initializer(shapeName, [4], [0, shape.Channels, shape.Height, shape.Width]);
                current = Add(nodes, "Reshape", [current, shapeName], $"{i}.unflat");
                flat = false;
            }
            switch (layer)
            {
                case Conv2dLayer conv:
                    AddWeights(builder, i, shapes, weights);
                    current = Add(nodes, "Conv", [current, WeightName(i), BiasName(i)], name,
                        OnnxAttributeValue.OfInts("kernel_shape", conv.Kernel, conv.Kernel),
                        OnnxAttributeValue.OfInts("strides", conv.Stride, conv.Stride),
                        OnnxAttributeValue.OfInts("pads", conv.Padding, conv.Padding, conv.Padding, conv.Padding));
                    break;
                case ReluLayer:
                    current = Add(nodes, "Relu", [current], name);
                    break;
                case MaxPoolLayer pool:
                    current = Add(nodes, "MaxPool", [current], name,
                        OnnxAttributeValue.OfInts("kernel_shape", pool.Kernel, pool.Kernel),
                        OnnxAttributeValue.OfInts("strides", pool.Stride, pool.Stride));
                    break;
                case AdaptiveAvgPoolLayer when shape.Height == output.Height && shape.Width == output.Width:
                    current = Add(nodes, "Identity", [current], name);
                    break;
                case AdaptiveAvgPoolLayer pool:
                    if (shape.Height % pool.OutputHeight != 0 || shape.Width % pool.OutputWidth != 0)
                    {
                        throw new ArgumentException(
                            $"Layer {i} ({LayerText.Describe(pool)}) of '{architecture.Name}' receives {shape.Height}×{shape.Width}, " +
                            $"which does not divide evenly into {pool.OutputHeight}×{pool.OutputWidth}; ONNX has no adaptive pooling, " +
                            "so only even divisions export (as AveragePool).", nameof(architecture));
                    }
                    var kernelHeight = shape.Height / pool.OutputHeight;
                    var kernelWidth = shape.Width / pool.OutputWidth;
                    current = Add(nodes, "AveragePool", [current], name,
                        OnnxAttributeValue.OfInts("kernel_shape", kernelHeight, kernelWidth),
                        OnnxAttributeValue.OfInts("strides", kernelHeight, kernelWidth));
                    break;
                case GlobalAvgPoolLayer:
                    current = Add(nodes, "GlobalAveragePool", [current], name);
                    break;
                case FlattenLayer:
                    current = Add(nodes, "Flatten", [current], name, OnnxAttributeValue.OfInt("axis", 1));
                    flat = true;
                    break;
                case LinearLayer:
                    if (!flat)
                        current = Add(nodes, "Flatten", [current], $"{i}.flat", OnnxAttributeValue.OfInt("axis", 1));
                    AddWeights(builder, i, shapes, weights);
                    current = Add(nodes, "Gemm", [current, WeightName(i), BiasName(i)], name, OnnxAttributeValue.OfInt("transB", 1));
                    flat = true;
                    break;
                default:
                    throw new ArgumentException(
                        $"Layer {i} ({LayerText.Describe(layer)}) of '{architecture.Name}' has no ONNX mapping.", nameof(architecture));
            }
        }

        if (nodes.Count == 0)
            nodes.Add(new PendingNode("Identity", [inputName], outputName, []));
        else
            nodes[^1] = nodes[^1] with { Output = outputName };
        foreach (var node in nodes)
            builder.Node(node.OpType, node.Inputs, [node.Output], node.Attributes);

        var result = architecture.OutputShape;
        if (flat)
            builder.Output(outputName, -1, result.Channels);
        else
            builder.Output(outputName, -1, result.Channels, result.Height, result.Width);
        return builder.ToBytes();
    }

    /// <summary>
    /// Checks <paramref name="weights"/> against <see cref="WeightShapes"/> and returns the architecture's cost (its
    /// per-layer shapes) and the weight shapes. Shared with <see cref="ReferenceForward"/> so both reject the same inputs.
    /// </summary>
    internal static (ArchitectureCost Cost, IReadOnlyDictionary<string, IReadOnlyList<long>> Shapes) CheckWeights(
        Architecture architecture, IReadOnlyDictionary<string, float[]> weights)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        ArgumentNullException.ThrowIfNull(weights);
        var cost = architecture.Cost();
        var shapes = ShapesOf(cost);
        foreach (var (name, shape) in shapes)
        {
            var expected = shape.Aggregate(1L, (a, b) => checked(a * b));
            if (!weights.TryGetValue(name, out var values) || values is null)
            {
                throw new ArgumentException(
                    $"Weight '{name}' of '{architecture.Name}' is missing; expected {expected} values (shape {ShapeText(shape)}).",
                    nameof(weights));
            }
            if (values.Length != expected)
            {
                throw new ArgumentException(
                    $"Weight '{name}' of '{architecture.Name}' has {values.Length} values; expected {expected} (shape {ShapeText(shape)}).",
                    nameof(weights));
            }
        }
        foreach (var name in weights.Keys)
        {
            if (!shapes.ContainsKey(name))
            {
                throw new ArgumentException(
                    $"Weight '{name}' belongs to no layer of '{architecture.Name}'; expected only " +
                    $"{string.Join(", ", shapes.Keys)}.", nameof(weights));
            }
        }
        return (cost, shapes);
    }

    internal static string WeightName(int layerIndex) => string.Create(CultureInfo.InvariantCulture, $"{layerIndex}.weight");

    internal static string BiasName(int layerIndex) => string.Create(CultureInfo.InvariantCulture, $"{layerIndex}.bias");

    private static string ShapeText(IReadOnlyList<long> shape) => string.Join("×", shape);

    private static void AddWeights(OnnxGraphBuilder builder, int layerIndex, IReadOnlyDictionary<string, IReadOnlyList<long>> shapes,
        IReadOnlyDictionary<string, float[]> weights)
    {
        foreach (var name in (ReadOnlySpan<string>)[WeightName(layerIndex), BiasName(layerIndex)])
            builder.Initializer(name, [.. shapes[name]], weights[name]);
    }

    private static string Add(List<PendingNode> nodes, string opType, string[] inputs, string output,
        params OnnxAttributeValue[] attributes)
    {
        nodes.Add(new PendingNode(opType, inputs, output, attributes));
        return output;
    }

    /// <summary>A node held back until the last one is known, so that it can write the graph output directly.</summary>
    private sealed record PendingNode(string OpType, string[] Inputs, string Output, OnnxAttributeValue[] Attributes);
}
