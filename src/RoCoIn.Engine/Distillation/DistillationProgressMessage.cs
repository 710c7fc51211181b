namespace RoCoIn.Engine.Distillation;

/// <summary>How far the job has got: sent at every stage change, every epoch and a few times within an epoch.</summary>
/// <param name="Stage">The stage running now.</param>
/// <param name="Epoch">The epoch (1-based) while the teacher or the students train, else null.</param>
/// <param name="Epochs">Epochs of that stage, else null.</param>
/// <param name="Fraction">Share of the whole job done, from 0 to 1; never decreases.</param>
/// <param name="TrainLoss">Mean training loss of the epoch so far, while training, else null.</param>
/// <param name="TestAccuracy">Test accuracy (fraction) after the epoch or of the finished stage, else null.</param>
/// <param name="Message">What the job is doing, for people.</param>
public sealed record DistillationProgressMessage(
    DistillationStage Stage,
    int? Epoch,
    int? Epochs,
    double Fraction,
    double? TrainLoss,
    double? TestAccuracy,
    string Message) : DistillationMessage;
