using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Inference;

/// <summary>
/// A plain C# forward pass of an <see cref="Architecture"/> on one image: the semantics the ONNX export must
/// reproduce, written for clarity rather than speed (tests, and checking a trainer or an exported model).
/// </summary>
/// <remarks>
/// Tensors are C×H×W, row-major, so Flatten moves no data. Weights are named and shaped as
/// <see cref="ArchitectureOnnxExporter.WeightShapes"/> says. Sums accumulate in double.
/// <list type="bullet">
/// <item>Conv2d: out[o,y,x] = b[o] + Σ w[o,c,i,j]·in[c, y·s − p + i, x·s − p + j], reading zero outside the map.</item>
/// <item>MaxPool: the maximum of each k×k window at stride s, without padding; a partial window at the edge is
/// dropped (floor mode).</item>
/// <item>AdaptiveAvgPool to h×w: output row r averages input rows ⌊r·H/h⌋ to ⌈(r+1)·H/h⌉ − 1, and likewise for
/// columns (PyTorch's rule); when H/h and W/w are whole this is AveragePool with kernel = stride = H/h × W/w.</item>
/// <item>GlobalAvgPool: the mean of each channel. ReLU: max(0, v).</item>
/// <item>Linear: out[o] = b[o] + Σ w[o,j]·in[j] over the C·H·W input values (ONNX Gemm with transB = 1).</item>
/// </list>
/// </remarks>
public static class ReferenceForward
{
    /// <summary>The network's output for one image, flattened (<see cref="Architecture.OutputShape"/> elements).</summary>
    /// <param name="architecture">The network.</param>
    /// <param name="weights">The weights, as for <see cref="ArchitectureOnnxExporter.Export"/>.</param>
    /// <param name="image">One input, C×H×W row-major.</param>
    /// <exception cref="ArgumentException">The image has the wrong length, or a weight is missing, has the wrong length or belongs to no layer.</exception>
    /// <exception cref="InvalidOperationException">A layer does not fit its input.</exception>
    public static float[] Run(Architecture architecture, IReadOnlyDictionary<string, float[]> weights, ReadOnlySpan<float> image)
    {
        var (cost, _) = ArchitectureOnnxExporter.CheckWeights(architecture, weights);
        if (image.Length != architecture.Input.Elements)
        {
            throw new ArgumentException(
                $"The image has {image.Length} values; '{architecture.Name}' takes {architecture.Input} = {architecture.Input.Elements}.",
                nameof(image));
        }

        var values = image.ToArray();
        for (var i = 0; i < cost.Layers.Count; i++)
        {
            var (layer, input, output) = (cost.Layers[i].Layer, cost.Layers[i].Input, cost.Layers[i].Output);
            values = layer switch
            {
                Conv2dLayer conv => Conv(values, input, output, conv, weights[ArchitectureOnnxExporter.WeightName(i)],
                    weights[ArchitectureOnnxExporter.BiasName(i)]),
                ReluLayer => Array.ConvertAll(values, v => v > 0 ? v : 0f),
                MaxPoolLayer pool => MaxPool(values, input, output, pool),
                AdaptiveAvgPoolLayer => AdaptiveAvgPool(values, input, output),
                GlobalAvgPoolLayer => AdaptiveAvgPool(values, input, output),
                FlattenLayer => values,
                LinearLayer => Linear(values, weights[ArchitectureOnnxExporter.WeightName(i)],
                    weights[ArchitectureOnnxExporter.BiasName(i)]),
                _ => throw new ArgumentException($"Layer {i} ({LayerText.Describe(layer)}) has no reference semantics.", nameof(architecture)),
            };
        }
        return values;
    }

    private static float[] Conv(float[] x, TensorShape input, TensorShape output, Conv2dLayer conv, float[] weight, float[] bias)
    {
        var (k, s, p) = (conv.Kernel, conv.Stride, conv.Padding);
        var result = new float[output.Elements];
        for (var o = 0; o < output.Channels; o++)
        {
            for (var y = 0; y < output.Height; y++)
            {
                for (var xOut = 0; xOut < output.Width; xOut++)
                {
                    double sum = bias[o];
                    for (var c = 0; c < input.Channels; c++)
                    {
                        for (var i = 0; i < k; i++)
                        {
                            var row = y * s - p + i;
                            if (row < 0 || row >= input.Height)
                                continue;
                            for (var j = 0; j < k; j++)
                            {
                                var col = xOut * s - p + j;
                                if (col < 0 || col >= input.Width)
                                    continue;
                                sum += (double)weight[((o * input.Channels + c) * k + i) * k + j] *
                                    x[(c * input.Height + row) * input.Width + col];
                            }
                        }
                    }
                    result[(o * output.Height + y) * output.Width + xOut] = (float)sum;
                }
            }
        }
        return result;
    }

    private static float[] MaxPool(float[] x, TensorShape input, TensorShape output, MaxPoolLayer pool)
    {
        var result = new float[output.Elements];
        for (var c = 0; c < output.Channels; c++)
        {
            for (var y = 0; y < output.Height; y++)
            {
                for (var xOut = 0; xOut < output.Width; xOut++)
                {
                    var max = float.NegativeInfinity;
                    for (var i = 0; i < pool.Kernel; i++)
                    {
                        for (var j = 0; j < pool.Kernel; j++)
                            max = Math.Max(max, x[(c * input.Height + y * pool.Stride + i) * input.Width + xOut * pool.Stride + j]);
                    }
                    result[(c * output.Height + y) * output.Width + xOut] = max;
                }
            }
        }
        return result;
    }

    /// <summary>PyTorch's adaptive average pooling; global average pooling is the 1×1 case.</summary>
    private static float[] AdaptiveAvgPool(float[] x, TensorShape input, TensorShape output)
    {
        var result = new float[output.Elements];
        for (var c = 0; c < output.Channels; c++)
        {
            for (var y = 0; y < output.Height; y++)
            {
                var (top, bottom) = Window(y, input.Height, output.Height);
                for (var xOut = 0; xOut < output.Width; xOut++)
                {
                    var (left, right) = Window(xOut, input.Width, output.Width);
                    var sum = 0.0;
                    for (var row = top; row < bottom; row++)
                    {
                        for (var col = left; col < right; col++)
                            sum += x[(c * input.Height + row) * input.Width + col];
                    }
                    result[(c * output.Height + y) * output.Width + xOut] = (float)(sum / ((bottom - top) * (right - left)));
                }
            }
        }
        return result;
    }

    /// <summary>Start (inclusive) and end (exclusive) of adaptive window <paramref name="index"/>.</summary>
    private static (int Start, int End) Window(int index, int inputSize, int outputSize) =>
        (index * inputSize / outputSize, ((index + 1) * inputSize + outputSize - 1) / outputSize);

    private static float[] Linear(float[] x, float[] weight, float[] bias)
    {
        var result = new float[bias.Length];
        for (var o = 0; o < bias.Length; o++)
        {
            double sum = bias[o];
            for (var j = 0; j < x.Length; j++)
                sum += (double)weight[o * x.Length + j] * x[j];
            result[o] = (float)sum;
        }
        return result;
    }
}
