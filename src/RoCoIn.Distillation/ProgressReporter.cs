using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation;

/// <summary>
/// Turns "stage s is x done" into progress messages whose <see cref="DistillationProgressMessage.Fraction"/> is the
/// share of the whole job, weighting each stage by its usual share of the run time; the fraction never decreases.
/// </summary>
public sealed class ProgressReporter
{
    private readonly Action<DistillationMessage> _send;
    private readonly Dictionary<DistillationStage, (double Start, double Weight)> _spans = [];
    private double _last;

    /// <summary>A reporter sending to <paramref name="send"/>; a loaded teacher makes the teacher stage short.</summary>
    public ProgressReporter(Action<DistillationMessage> send, bool trainsTeacher)
    {
        ArgumentNullException.ThrowIfNull(send);
        _send = send;
        (DistillationStage Stage, double Weight)[] weights =
        [
            (DistillationStage.Teacher, trainsTeacher ? 0.40 : 0.02),
            (DistillationStage.Cache, 0.05),
            (DistillationStage.Partition, 0.02),
            (DistillationStage.Students, 0.40),
            (DistillationStage.Export, 0.08),
            (DistillationStage.Accuracy, 0.05),
        ];
        var total = weights.Sum(w => w.Weight);
        var start = 0.0;
        foreach (var (stage, weight) in weights)
        {
            _spans[stage] = (start, weight / total);
            start += weight / total;
        }
    }

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
