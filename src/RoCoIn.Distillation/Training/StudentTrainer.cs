using System.Diagnostics;
using System.Globalization;
using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Randomness;
using TorchSharp;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// Trains the students and the aggregator jointly on the cached teacher outputs with
/// L = (1 − α)·CE + α·T²·KL + β·L_AT and failout on the aggregator's input (rocoin-model.md §5), with Adam on a cosine schedule.
/// </summary>
public static class StudentTrainer
{
    /// <summary>Seed offsets so shuffling and failout draw from streams of their own.</summary>
    private const long ShuffleStream = 0x5354_5544, FailoutStream = 0x4641_494C;

    /// <summary>Trains <paramref name="ensemble"/> for the spec's student epochs.</summary>
    /// <param name="ensemble">The students and aggregator, freshly initialised.</param>
    /// <param name="train">The training images (the same order as <paramref name="cache"/>).</param>
    /// <param name="cache">The teacher's logits and per-partition attention maps on <paramref name="train"/>.</param>
    /// <param name="test">Images for the per-epoch test accuracy.</param>
    /// <param name="spec">α, T, β, p_drop, epochs, batch size, learning rates, seed.</param>
    /// <param name="progress">Where progress goes.</param>
    /// <param name="cancellationToken">Stops between batches.</param>
    public static StudentTraining Train(StudentEnsemble ensemble, ImageTensors train, TeacherCache cache, ImageTensors test,
        DistillationJobSpec spec, ProgressReporter progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(train);
        ArgumentNullException.ThrowIfNull(cache);
        ArgumentNullException.ThrowIfNull(test);
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(progress);
        var epochs = spec.StudentEpochs;
        var shuffle = new SeededRandom(spec.Seed ^ ShuffleStream);
        var failout = new SeededRandom(spec.Seed ^ FailoutStream);
        var widths = ensemble.Widths;
        var batches = Batches.Count(train.Count, spec.BatchSize);
        var reportEvery = Math.Max(1, (batches + 3) / 4);
        var history = new List<DistillationEpoch>(epochs);
        var rate = spec.StudentLearningRate ?? spec.LearningRate;
        using var optimizer = optim.Adam(ensemble.Parameters(), rate);
        var schedule = new CosineSchedule(optimizer, rate, (long)batches * epochs);

        var order = Batches.Shuffle(shuffle, train.Count);
        var beta = spec.Beta ?? FirstBatchBeta(ensemble, train, cache, spec, order);
        for (var epoch = 1; epoch <= epochs; epoch++)
        {
            var clock = Stopwatch.StartNew();
            if (epoch > 1)
                order = Batches.Shuffle(shuffle, train.Count);
            ensemble.SetTraining(true);
            double lossSum = 0;
            var seen = 0;
            for (var b = 0; b < batches; b++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                using (var scope = NewDisposeScope())
                {
                    var indices = Batches.Indices(order, b, spec.BatchSize);
                    var count = (int)indices.shape[0];
                    var mask = tensor(Failout.FeatureMask(Failout.GroupMask(failout, count, widths.Count, spec.FailoutProbability), widths),
                        [count, widths.Sum()]);
                    optimizer.zero_grad();
                    var loss = Loss(ensemble, train, cache, spec, indices, mask, beta).Total;
                    loss.backward();
                    optimizer.step();
                    schedule.Step();
                    lossSum += loss.item<float>() * count;
                    seen += count;
                }
                if ((b + 1) % reportEvery == 0 && b + 1 < batches)
                {
                    progress.Report(DistillationStage.Students, (epoch - 1 + ((b + 1.0) / batches)) / epochs,
                        Text($"Student epoch {epoch} of {epochs}: batch {b + 1} of {batches}"), epoch, epochs, lossSum / seen);
                }
            }
            var seconds = clock.Elapsed.TotalSeconds;
            ensemble.SetTraining(false);
            var accuracy = TeacherTrainer.Accuracy(ensemble.Forward, ensemble.Aggregator, test, cancellationToken);
            history.Add(new DistillationEpoch(DistillationStage.Students, epoch, lossSum / seen, accuracy, seconds));
            progress.Report(DistillationStage.Students, (double)epoch / epochs,
                Text($"Student epoch {epoch} of {epochs}: loss {lossSum / seen:F4}, ensemble test accuracy {accuracy:P2} ({seconds:F1} s)"),
                epoch, epochs, lossSum / seen, accuracy);
        }
        return new StudentTraining(history, beta, spec.Beta is null);
    }

    /// <summary>
    /// β for which β·L_AT equals α·T²·KL on the first batch of the first seeded shuffle, before any step, with every
    /// group answering.
    /// </summary>
    public static double FirstBatchBeta(StudentEnsemble ensemble, ImageTensors train, TeacherCache cache, DistillationJobSpec spec, int[] order)
    {
        ArgumentNullException.ThrowIfNull(ensemble);
        ArgumentNullException.ThrowIfNull(spec);
        ensemble.SetTraining(false);
        using var _ = no_grad();
        using var scope = NewDisposeScope();
        var indices = Batches.Indices(order, 0, spec.BatchSize);
        var terms = Loss(ensemble, train, cache, spec, indices, mask: null, beta: 0);
        return DistillationLoss.BalancingBeta(spec.Alpha * terms.KnowledgeDistillation.item<float>(), terms.Attention.item<float>());
    }

    private static (Tensor Total, Tensor KnowledgeDistillation, Tensor Attention) Loss(StudentEnsemble ensemble, ImageTensors train,
        TeacherCache cache, DistillationJobSpec spec, Tensor indices, Tensor? mask, double beta)
    {
        var images = train.Images.index_select(0, indices);
        var labels = train.Labels.index_select(0, indices);
        var teacherLogits = cache.Logits.index_select(0, indices);
        var teacherAttention = cache.Attention.index_select(0, indices);
        var outputs = ensemble.Students.Select(s => s.Forward(images)).ToList();
        var logits = ensemble.Aggregate([.. outputs.Select(o => o.Features)], mask);
        var ce = DistillationLoss.CrossEntropy(logits, labels);
        var kd = DistillationLoss.KnowledgeDistillation(logits, teacherLogits, spec.Temperature);
        var at = DistillationLoss.Attention([.. outputs.Select(o => DistillationLoss.AttentionMap(o.Map))], teacherAttention);
        return (DistillationLoss.Combine(ce, kd, at, spec.Alpha, beta), kd, at);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
