using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Training;

/// <summary>How joint student training went.</summary>
/// <param name="History">One entry per epoch.</param>
/// <param name="Beta">β used.</param>
/// <param name="BetaFromFirstBatch">True when β was set from the first seeded batch.</param>
public sealed record StudentTraining(IReadOnlyList<DistillationEpoch> History, double Beta, bool BetaFromFirstBatch);
