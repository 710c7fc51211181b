namespace RoCoIn.Engine.Distillation;

/// <summary>One finished training epoch.</summary>
/// <param name="Stage"><see cref="DistillationStage.Teacher"/> or <see cref="DistillationStage.Students"/>.</param>
/// <param name="Epoch">1-based epoch.</param>
/// <param name="TrainLoss">Mean training loss over the epoch's batches.</param>
/// <param name="TestAccuracy">Test accuracy (fraction) after the epoch; for students, with every group answering.</param>
/// <param name="Seconds">Wall-clock time of the epoch's training, in seconds (the test pass excluded).</param>
public sealed record DistillationEpoch(DistillationStage Stage, int Epoch, double TrainLoss, double TestAccuracy, double Seconds);
