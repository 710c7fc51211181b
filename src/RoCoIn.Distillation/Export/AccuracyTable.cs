using RoCoIn.Engine.Inference;

namespace RoCoIn.Distillation.Export;

/// <summary>
/// Accuracy of the aggregator through ONNX Runtime for every non-empty subset A of groups (rocoin-model.md §6): the
/// features of groups outside A are zero, as the requester sends them when a group does not answer.
/// </summary>
public static class AccuracyTable
{
    /// <summary>acc(A) keyed by bitmask (bit k: group k answered), for A = 1..2^K − 1 in ascending order.</summary>
    /// <param name="aggregator">The aggregator model (input N×F×1×1, output N×classes).</param>
    /// <param name="features">Per group, its student's features on the test set (N×d_k).</param>
    /// <param name="widths">d_1..d_K.</param>
    /// <param name="labels">The test labels.</param>
    /// <param name="progress">Called with the share of subsets done.</param>
    /// <param name="cancellationToken">Stops between subsets.</param>
    public static IReadOnlyDictionary<int, double> Measure(IInferenceSession aggregator, IReadOnlyList<float[]> features,
        IReadOnlyList<int> widths, byte[] labels, Action<double> progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(widths);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(progress);
        var count = labels.Length;
        var total = widths.Sum();
        var all = (1 << widths.Count) - 1;
        var table = new Dictionary<int, double>(all);
        for (var subset = 1; subset <= all; subset++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var input = OnnxExporter.Concatenate(features, widths, count, subset);
            var correct = 0;
            for (var start = 0; start < count; start += OnnxExporter.BatchSize)
            {
                var length = Math.Min(OnnxExporter.BatchSize, count - start);
                var logits = aggregator.Run(input.AsSpan(start * total, length * total), length);
                var classes = logits.Length / length;
                for (var i = 0; i < length; i++)
                {
                    if (ArgMax(logits.AsSpan(i * classes, classes)) == labels[start + i])
                        correct++;
                }
            }
            table[subset] = (double)correct / count;
            progress((double)subset / all);
        }
        return table;
    }

    private static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }
}
