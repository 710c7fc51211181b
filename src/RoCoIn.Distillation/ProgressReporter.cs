using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation;

/// <summary>
/// Turns "stage s is x done" into progress messages whose <see cref="DistillationProgressMessage.Fraction"/> is the
/// share of the whole job, weighting each stage by its measured cost for the job's epochs; the fraction never decreases.
/// </summary>
public sealed class ProgressReporter
{
    private readonly Action<DistillationMessage> _send;
    private readonly Dictionary<DistillationStage, (double Start, double Weight)> _spans = [];
    private double _last;

    /// <summary>
    /// Cost of each stage in "teacher epochs", measured on full Fashion-MNIST with 2 threads (docs/benchmarks.md): a
    /// teacher epoch ≈ 60 s, a student epoch of three MCU students and the aggregator ≈ 12 s, the teacher cache ≈ 25 s,
    /// export with the ONNX check ≈ 1.5 s, the accuracy table well under a second. Weighting by them keeps the fraction roughly
    /// proportional to time, which is what the page's ETA extrapolates.
    /// </summary>
    public const double StudentEpochCost = 0.2, CacheCost = 0.4, PartitionCost = 0.05, ExportCost = 0.03, AccuracyCost = 0.01,
        LoadTeacherCost = 0.05;

    /// <summary>A reporter sending to <paramref name="send"/>, its stages weighted by <paramref name="spec"/>'s epochs.</summary>
    public ProgressReporter(Action<DistillationMessage> send, DistillationJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(send);
        ArgumentNullException.ThrowIfNull(spec);
        _send = send;
        (DistillationStage Stage, double Weight)[] weights =
        [
            (DistillationStage.Teacher, spec.TeacherPath is null ? Math.Max(1, spec.TeacherEpochs) : LoadTeacherCost),
            (DistillationStage.Cache, CacheCost),
            (DistillationStage.Partition, PartitionCost),
            (DistillationStage.Students, Math.Max(1, spec.StudentEpochs) * StudentEpochCost),
            (DistillationStage.Export, ExportCost),
            (DistillationStage.Accuracy, AccuracyCost),
        ];
        var total = weights.Sum(w => w.Weight);
        var start = 0.0;
        foreach (var (stage, weight) in weights)
        {
            _spans[stage] = (start, weight / total);
            start += weight / total;
        }
    }

    /// <summary>The share of the whole job that <paramref name="stage"/> takes.</summary>
    public double ShareOf(DistillationStage stage) => _spans[stage].Weight;

    /// <summary>Sends a progress line for <paramref name="stage"/>, <paramref name="withinStage"/> (0–1) of which is done.</summary>
    public void Report(DistillationStage stage, double withinStage, string message, int? epoch = null, int? epochs = null,
        double? trainLoss = null, double? testAccuracy = null)
    {
        var (start, weight) = _spans[stage];
        var fraction = Math.Clamp(start + (weight * Math.Clamp(withinStage, 0, 1)), 0, 1);
        _last = Math.Max(_last, fraction);
        _send(new DistillationProgressMessage(stage, epoch, epochs, Math.Round(_last, 4), trainLoss, testAccuracy, message));
    }
}
