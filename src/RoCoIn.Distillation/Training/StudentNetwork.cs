using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// Student S_k as a TorchSharp network. Its last layer is the global average pool; the map before it (the 1×1 bridge
/// resized to the teacher's h×w, d_k×h×w) is what the attention term compares with the teacher's channels in P_k.
/// </summary>
public sealed class StudentNetwork : IDisposable
{
    /// <summary>A freshly initialised student <paramref name="student"/> at width <paramref name="width"/> for partition <paramref name="partition"/>.</summary>
    /// <exception cref="InvalidOperationException">The architecture does not end in a global average pool over a d×h×w map.</exception>
    public StudentNetwork(int partition, StudentArchitecture student, int width, TeacherSpec teacher, IReadOnlyList<int> channels)
    {
        ArgumentNullException.ThrowIfNull(student);
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(channels);
        if (channels.Count != width)
            throw new ArgumentException($"Partition {partition} has {channels.Count} channels but width {width}.", nameof(channels));
        Partition = partition;
        Student = student;
        Width = width;
        Channels = channels;
        Architecture = student.Build(width, teacher);
        var cost = Architecture.Cost();
        if (cost.Layers.Count < 2 || cost.Layers[^1].Layer is not GlobalAvgPoolLayer ||
            cost.Layers[^2].Output != new TensorShape(width, teacher.FeatureMap.Height, teacher.FeatureMap.Width))
        {
            throw new InvalidOperationException(
                $"'{Architecture.Name}' must end in a {width}×{teacher.FeatureMap.Height}×{teacher.FeatureMap.Width} map and a global average pool.");
        }
        Cost = cost;
        Module = TorchModelFactory.Build(Architecture);
    }

    /// <summary>k.</summary>
    public int Partition { get; }

    /// <summary>The family member.</summary>
    public StudentArchitecture Student { get; }

    /// <summary>d_k.</summary>
    public int Width { get; }

    /// <summary>P_k: the teacher channels it learns.</summary>
    public IReadOnlyList<int> Channels { get; }

    /// <summary>Its engine definition (what is costed and exported).</summary>
    public Architecture Architecture { get; }

    /// <summary>Parameters, FLOPs and memory.</summary>
    public ArchitectureCost Cost { get; }

    /// <summary>The network.</summary>
    public Sequential Module { get; }

    /// <summary>The pre-pooling map (B×d×h×w) and the features (B×d) of a batch of images.</summary>
    public (Tensor Map, Tensor Features) Forward(Tensor images)
    {
        var x = images;
        for (var i = 0; i < Module.Count - 1; i++)
            x = Module[i].call(x);
        var pooled = Module[Module.Count - 1].call(x);
        return (x, pooled.flatten(1));
    }

    /// <summary>The features (B×d) of a batch of images.</summary>
    public Tensor Features(Tensor images) => Forward(images).Features;

    /// <inheritdoc />
    public void Dispose() => Module.Dispose();
}
