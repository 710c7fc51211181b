using System.Globalization;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Torch;

/// <summary>
/// Builds TorchSharp networks from engine <see cref="Architecture"/>s, so the trained models are exactly those the
/// planner costs, and reads their weights back for <see cref="ArchitectureOnnxExporter"/>.
/// </summary>
/// <remarks>
/// Layer i becomes module "i" of a <see cref="Sequential"/>, so its parameters are "i.weight" and "i.bias", the names
/// and shapes of <see cref="ArchitectureOnnxExporter.WeightShapes"/>. Parameter-free layers occupy their index too.
/// Linear layers flatten their input (<see cref="FlattenLinear"/>), as the exporter's Gemm does.
/// </remarks>
public static class TorchModelFactory
{
    /// <summary>The default number of CPU threads torch may use: one, so the studio keeps the other core (stack-notes §9).</summary>
    public const int DefaultThreads = 1;

    /// <summary>Sets the number of threads torch uses inside an operator.</summary>
    public static void SetThreads(int threads = DefaultThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(threads, 1);
        torch.set_num_threads(threads);
    }

    /// <summary>A new network for <paramref name="architecture"/> with freshly initialised weights (seed them with torch.manual_seed).</summary>
    /// <exception cref="InvalidOperationException">A layer does not fit its input.</exception>
    /// <exception cref="NotSupportedException">A layer kind has no TorchSharp counterpart here.</exception>
    public static Sequential Build(Architecture architecture)
    {
        ArgumentNullException.ThrowIfNull(architecture);
        var cost = architecture.Cost();
        var modules = new List<(string, nn.Module<Tensor, Tensor>)>(cost.Layers.Count);
        for (var i = 0; i < cost.Layers.Count; i++)
            modules.Add((i.ToString(CultureInfo.InvariantCulture), Create(cost.Layers[i])));
        return nn.Sequential(modules);
    }

    /// <summary>Every parameter of <paramref name="module"/> by name, as float32 values in row-major order.</summary>
    public static Dictionary<string, float[]> ExtractWeights(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        var weights = new Dictionary<string, float[]>(StringComparer.Ordinal);
        foreach (var (name, parameter) in module.named_parameters())
        {
            using var values = parameter.detach().to_type(ScalarType.Float32).contiguous();
            weights[name] = values.data<float>().ToArray();
        }
        return weights;
    }

    /// <summary>Every parameter's shape by name.</summary>
    public static Dictionary<string, long[]> ParameterShapes(nn.Module module)
    {
        ArgumentNullException.ThrowIfNull(module);
        return module.named_parameters().ToDictionary(p => p.name, p => p.parameter.shape, StringComparer.Ordinal);
    }

    /// <summary>Copies <paramref name="weights"/> (same names and lengths as <see cref="ExtractWeights"/> gives) into <paramref name="module"/>.</summary>
    /// <exception cref="ArgumentException">A parameter is missing from <paramref name="weights"/> or has the wrong length.</exception>
    public static void LoadWeights(nn.Module module, IReadOnlyDictionary<string, float[]> weights)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(weights);
        using var _ = no_grad();
        foreach (var (name, parameter) in module.named_parameters())
        {
            if (!weights.TryGetValue(name, out var values))
                throw new ArgumentException($"No values for parameter '{name}'.", nameof(weights));
            if (values.LongLength != parameter.numel())
                throw new ArgumentException($"Parameter '{name}' has {parameter.numel()} values; got {values.Length}.", nameof(weights));
            using var source = tensor(values, parameter.shape);
            parameter.copy_(source);
        }
    }

    private static nn.Module<Tensor, Tensor> Create(LayerCost layer) => layer.Layer switch
    {
        Conv2dLayer conv => nn.Conv2d(layer.Input.Channels, conv.OutChannels, conv.Kernel, stride: conv.Stride, padding: conv.Padding),
        ReluLayer => nn.ReLU(),
        MaxPoolLayer pool => nn.MaxPool2d(pool.Kernel, stride: pool.Stride),
        AdaptiveAvgPoolLayer pool => nn.AdaptiveAvgPool2d((pool.OutputHeight, pool.OutputWidth)),
        GlobalAvgPoolLayer => nn.AdaptiveAvgPool2d(1),
        FlattenLayer => nn.Flatten(),
        LinearLayer linear => new FlattenLinear(layer.Input.Elements, linear.OutFeatures),
        _ => throw new NotSupportedException($"{LayerText.Describe(layer.Layer)} has no TorchSharp counterpart."),
    };
}
