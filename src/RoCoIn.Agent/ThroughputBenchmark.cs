using System.Diagnostics;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Randomness;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>
/// Measures the host's effective fp32 CNN throughput f_n (rocoin-model.md §2): a small conv network, written with the
/// engine's ONNX exporter, run by ONNX Runtime for a fixed time; FLOPs counted by the engine's convention.
/// </summary>
public static class ThroughputBenchmark
{
    /// <summary>Two 3×3 convolutions on a 28×28 image, as in the students' first layers.</summary>
    public static Architecture Network { get; } = new("throughput-benchmark", ModelCatalogue.FashionMnistInput,
    [
        new Conv2dLayer(16, 3, 1, 1), new ReluLayer(),
        new Conv2dLayer(32, 3, 1, 1), new ReluLayer(),
        new GlobalAvgPoolLayer(),
    ]);

    /// <summary>Runs the benchmark for about <paramref name="duration"/> after a short warm-up.</summary>
    public static AgentThroughput Measure(TimeSpan duration, int threads, CancellationToken cancellationToken)
    {
        var flops = Network.Cost().Flops;
        using var session = new OnnxInferenceSession(ArchitectureOnnxExporter.Export(Network, Weights()), threads);
        var input = new float[Network.Input.Elements];
        var random = new SeededRandom(1);
        for (var i = 0; i < input.Length; i++)
            input[i] = (float)random.NextDouble();

        // The first runs pay for allocation and kernel selection; they are not the device's speed.
        for (var i = 0; i < 3; i++)
            session.Run(input, 1);
        var runs = 0;
        var watch = Stopwatch.StartNew();
        do
        {
            cancellationToken.ThrowIfCancellationRequested();
            session.Run(input, 1);
            runs++;
        }
        while (watch.Elapsed < duration);
        var seconds = watch.Elapsed.TotalSeconds;
        return new AgentThroughput(flops * (double)runs / seconds, flops, runs, seconds);
    }

    private static Dictionary<string, float[]> Weights()
    {
        var random = new SeededRandom(20261126);
        return ArchitectureOnnxExporter.WeightShapes(Network).ToDictionary(
            w => w.Key,
            w =>
            {
                var values = new float[w.Value.Aggregate(1L, (a, b) => a * b)];
                for (var i = 0; i < values.Length; i++)
                    values[i] = (float)random.NextUniform(-0.1, 0.1);
                return values;
            },
            StringComparer.Ordinal);
    }
}
