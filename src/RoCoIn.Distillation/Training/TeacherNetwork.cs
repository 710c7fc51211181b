using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// The teacher as a TorchSharp network, split where its knowledge is: the feature layers up to the last conv block's
/// output (F×h×w, <see cref="TeacherSpec.FeatureMap"/>), then the classifier.
/// </summary>
public sealed class TeacherNetwork : IDisposable
{
    /// <summary>A freshly initialised teacher for <paramref name="spec"/>.</summary>
    /// <exception cref="InvalidOperationException">The architecture has no Flatten or Linear layer after a map of F×h×w.</exception>
    public TeacherNetwork(TeacherSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        Spec = spec;
        var layers = spec.Architecture.Layers;
        FeatureLayerCount = layers.ToList().FindIndex(l => l is FlattenLayer or LinearLayer);
        var cost = spec.Architecture.Cost();
        if (FeatureLayerCount < 1 || cost.Layers[FeatureLayerCount - 1].Output != spec.FeatureMap)
            throw new InvalidOperationException($"'{spec.Architecture.Name}' does not end its feature layers in a {spec.FeatureMap} map.");
        Module = TorchModelFactory.Build(spec.Architecture);
    }

    /// <summary>The teacher's definition.</summary>
    public TeacherSpec Spec { get; }

    /// <summary>The whole network (module "i" is layer i).</summary>
    public Sequential Module { get; }

    /// <summary>Layers 0..FeatureLayerCount − 1 produce the F×h×w feature map.</summary>
    public int FeatureLayerCount { get; }

    /// <summary>The F×h×w feature maps (after the last conv block's ReLU and pooling) of a batch of images.</summary>
    public Tensor Features(Tensor images) => Run(images, 0, FeatureLayerCount);

    /// <summary>Logits from feature maps.</summary>
    public Tensor Classify(Tensor features) => Run(features, FeatureLayerCount, Module.Count);

    /// <summary>Logits of a batch of images.</summary>
    public Tensor Forward(Tensor images) => Module.call(images);

    private Tensor Run(Tensor input, int from, int to)
    {
        var x = input;
        for (var i = from; i < to; i++)
            x = Module[i].call(x);
        return ReferenceEquals(x, input) ? input.alias() : x;
    }

    /// <inheritdoc />
    public void Dispose() => Module.Dispose();
}
