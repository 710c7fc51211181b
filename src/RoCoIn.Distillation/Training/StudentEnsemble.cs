using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Models;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// The unified student of rocoin-model.md §5: the K students side by side, their features concatenated in partition
/// order (F values) and fed to the aggregator FC(F → classes).
/// </summary>
public sealed class StudentEnsemble : IDisposable
{
    /// <summary>Students for <paramref name="partitions"/> (student, width, channels, in order) and a fresh aggregator.</summary>
    public StudentEnsemble(TeacherSpec teacher, IReadOnlyList<(StudentArchitecture Student, IReadOnlyList<int> Channels)> partitions)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(partitions);
        Students = [.. partitions.Select((p, k) => new StudentNetwork(k, p.Student, p.Channels.Count, teacher, p.Channels))];
        if (Students.Sum(s => s.Width) != teacher.FeatureChannels)
            throw new ArgumentException($"The partitions hold {Students.Sum(s => s.Width)} channels; F = {teacher.FeatureChannels}.", nameof(partitions));
        AggregatorArchitecture = ModelCatalogue.Aggregator(teacher);
        Aggregator = TorchModelFactory.Build(AggregatorArchitecture);
    }

    /// <summary>S_1..S_K in partition order.</summary>
    public IReadOnlyList<StudentNetwork> Students { get; }

    /// <summary>The aggregator's engine definition.</summary>
    public Architecture AggregatorArchitecture { get; }

    /// <summary>The aggregator network.</summary>
    public Sequential Aggregator { get; }

    /// <summary>d_1..d_K.</summary>
    public IReadOnlyList<int> Widths => [.. Students.Select(s => s.Width)];

    /// <summary>Every trainable parameter: the students', then the aggregator's.</summary>
    public IEnumerable<Parameter> Parameters() => Students.SelectMany(s => s.Module.parameters()).Concat(Aggregator.parameters());

    /// <summary>Training mode (true) or evaluation mode (false) for every network.</summary>
    public void SetTraining(bool training)
    {
        foreach (var student in Students)
            student.Module.train(training);
        Aggregator.train(training);
    }

    /// <summary>Logits from the students' features (B×d_k each), concatenated and multiplied by <paramref name="mask"/> (B×F) when given.</summary>
    public Tensor Aggregate(IReadOnlyList<Tensor> features, Tensor? mask = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        using var joined = cat(features.ToList(), 1);
        if (mask is null)
            return Aggregator.call(joined);
        using var masked = joined * mask;
        return Aggregator.call(masked);
    }

    /// <summary>Logits of a batch of images with every group answering.</summary>
    public Tensor Forward(Tensor images)
    {
        var features = Students.Select(s => s.Features(images)).ToList();
        return Aggregate(features);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        foreach (var student in Students)
            student.Dispose();
        Aggregator.Dispose();
    }
}
