using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// The teacher's outputs on the training images, computed once per job (rocoin-model.md §5 "Efficiency"): its logits,
/// and its feature maps until the partition is known, then only the normalised attention map of each partition.
/// </summary>
public sealed class TeacherCache : IDisposable
{
    private Tensor? _featureMaps;
    private Tensor? _attention;

    private TeacherCache(Tensor logits, Tensor featureMaps)
    {
        Logits = logits;
        _featureMaps = featureMaps;
    }

    /// <summary>N×classes logits.</summary>
    public Tensor Logits { get; }

    /// <summary>N×F×h×w feature maps; gone once <see cref="KeepAttention"/> has run.</summary>
    public Tensor FeatureMaps => _featureMaps ?? throw new InvalidOperationException("The feature maps were replaced by attention maps.");

    /// <summary>N×K×(h·w) normalised attention maps of the teacher's channels in each partition.</summary>
    public Tensor Attention => _attention ?? throw new InvalidOperationException("The partition's attention maps are not computed yet.");

    /// <summary>Runs the teacher once over <paramref name="images"/> (N×1×H×W) in eval mode.</summary>
    public static TeacherCache Build(TeacherNetwork teacher, Tensor images, Action<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(images);
        ArgumentNullException.ThrowIfNull(progress);
        var count = images.shape[0];
        var map = teacher.Spec.FeatureMap;
        var logits = zeros(count, teacher.Spec.Classes);
        var features = zeros(count, map.Channels, map.Height, map.Width);
        try
        {
            teacher.Module.eval();
            using var _ = no_grad();
            var batch = TeacherTrainer.EvaluationBatchSize;
            var batches = (count + batch - 1) / batch;
            var reportEvery = Math.Max(1, batches / 10);
            for (long b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var start = b * batch;
                var length = Math.Min(batch, count - start);
                var f = teacher.Features(images.narrow(0, start, length));
                features.narrow(0, start, length).copy_(f);
                logits.narrow(0, start, length).copy_(teacher.Classify(f));
                if ((b + 1) % reportEvery == 0 || b + 1 == batches)
                    progress((double)(start + length) / count);
            }
            return new TeacherCache(logits, features);
        }
        catch
        {
            logits.Dispose();
            features.Dispose();
            throw;
        }
    }

    /// <summary>Each image's per-channel mean activation (after the last block's ReLU), for the partition (§4 step 1).</summary>
    public static float[][] ChannelMeans(TeacherNetwork teacher, Tensor images, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        ArgumentNullException.ThrowIfNull(images);
        teacher.Module.eval();
        using var _ = no_grad();
        var count = images.shape[0];
        var channels = teacher.Spec.FeatureChannels;
        var means = new float[count][];
        var batch = TeacherTrainer.EvaluationBatchSize;
        for (long start = 0; start < count; start += batch)
        {
            cancellationToken.ThrowIfCancellationRequested();
            using var scope = NewDisposeScope();
            var length = Math.Min(batch, count - start);
            var values = teacher.Features(images.narrow(0, start, length)).mean([2, 3]).contiguous().data<float>().ToArray();
            for (var i = 0; i < length; i++)
                means[start + i] = values.AsSpan((int)(i * channels), channels).ToArray();
        }
        return means;
    }

    /// <summary>Replaces the feature maps by the normalised attention map of each partition's channels (N×K×(h·w)).</summary>
    public void KeepAttention(IReadOnlyList<IReadOnlyList<int>> partitions, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var features = FeatureMaps;
        var count = features.shape[0];
        var cells = features.shape[2] * features.shape[3];
        var attention = zeros(count, partitions.Count, cells);
        var indices = partitions.Select(p => tensor(p.Select(c => (long)c).ToArray(), [p.Count])).ToList();
        try
        {
            using var _ = no_grad();
            var batch = TeacherTrainer.EvaluationBatchSize;
            for (long start = 0; start < count; start += batch)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using var scope = NewDisposeScope();
                var length = Math.Min(batch, count - start);
                var chunk = features.narrow(0, start, length);
                var maps = indices.Select(index => DistillationLoss.AttentionMap(chunk.index_select(1, index))).ToList();
                attention.narrow(0, start, length).copy_(stack(maps, 1));
            }
        }
        catch
        {
            attention.Dispose();
            throw;
        }
        finally
        {
            foreach (var index in indices)
                index.Dispose();
        }
        _attention = attention;
        features.Dispose();
        _featureMaps = null;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Logits.Dispose();
        _featureMaps?.Dispose();
        _attention?.Dispose();
    }
}
