using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Tests.Inference;

/// <summary>Seeded weights, inputs and small networks for the inference tests.</summary>
internal static class InferenceFixtures
{
    /// <summary>1×8×8: Conv3×3(4, p1) ReLU MaxPool2 Conv3×3(4, p1) ReLU AdaptiveAvgPool(2, 2) GlobalAvgPool → 4×1×1.</summary>
    public static Architecture TinyConvNet { get; } = new("Tiny", new TensorShape(1, 8, 8),
    [
        new Conv2dLayer(4, 3, 1, 1), new ReluLayer(), new MaxPoolLayer(2, 2),
        new Conv2dLayer(4, 3, 1, 1), new ReluLayer(), new AdaptiveAvgPoolLayer(2, 2), new GlobalAvgPoolLayer(),
    ]);

    /// <summary>
    /// Every weight uniform in ±1/√fan-in (PyTorch's default initialisation scale), so activations stay near 1 and
    /// an absolute tolerance means the same thing for every network.
    /// </summary>
    public static Dictionary<string, float[]> Weights(Architecture architecture, long seed)
    {
        var random = new SeededRandom(seed);
        var weights = new Dictionary<string, float[]>();
        var shapes = ArchitectureOnnxExporter.WeightShapes(architecture);
        foreach (var (name, shape) in shapes.OrderBy(s => s.Key, StringComparer.Ordinal))
        {
            var weightShape = shapes[name.Replace(".bias", ".weight", StringComparison.Ordinal)];
            var fanIn = weightShape.Skip(1).Aggregate(1L, (a, b) => a * b);
            var bound = 1 / Math.Sqrt(fanIn);
            var count = shape.Aggregate(1L, (a, b) => a * b);
            weights[name] = Enumerable.Range(0, (int)count).Select(_ => (float)random.NextUniform(-bound, bound)).ToArray();
        }
        return weights;
    }

    /// <summary><paramref name="batch"/> inputs uniform in [0, 1), one after another.</summary>
    public static float[] Inputs(Architecture architecture, int batch, long seed)
    {
        var random = new SeededRandom(seed);
        return Enumerable.Range(0, checked((int)(batch * architecture.Input.Elements))).Select(_ => (float)random.NextDouble()).ToArray();
    }

    /// <summary>The reference outputs of each input in the batch, concatenated.</summary>
    public static float[] ReferenceOutputs(Architecture architecture, IReadOnlyDictionary<string, float[]> weights, float[] inputs, int batch)
    {
        var size = (int)architecture.Input.Elements;
        return Enumerable.Range(0, batch)
            .SelectMany(b => ReferenceForward.Run(architecture, weights, inputs.AsSpan(b * size, size)))
            .ToArray();
    }

    public static void ShouldMatch(this float[] actual, float[] expected, double tolerance = 1e-4)
    {
        actual.Length.ShouldBe(expected.Length);
        var maxDifference = actual.Zip(expected, (a, e) => Math.Abs((double)a - e)).DefaultIfEmpty(0).Max();
        maxDifference.ShouldBeLessThanOrEqualTo(tolerance);
    }
}
