namespace RoCoIn.Engine.Distillation;

/// <summary>
/// What a distillation job made (result.json in its output folder): the teacher, the students and the aggregator
/// with their ONNX files, the accuracy of every subset of groups measured through ONNX Runtime, and how training went.
/// </summary>
/// <param name="Spec">The job as it was run.</param>
/// <param name="Data">Which images were used.</param>
/// <param name="Teacher">The teacher and its test accuracy.</param>
/// <param name="Students">One per partition, in partition order.</param>
/// <param name="Aggregator">The aggregator FC(F → classes) on the students' features concatenated in partition order.</param>
/// <param name="AccuracyBySubset">
/// Test accuracy (fraction) through ONNX Runtime for every non-empty subset of groups, keyed by bitmask (bit k set:
/// group k answered; missing groups' features are zero), as <see cref="Evaluation.AccuracyModel"/> takes it: 2^K − 1 entries.
/// </param>
/// <param name="EnsembleAccuracy">Accuracy with every group answering: the entry for 2^K − 1.</param>
/// <param name="Beta">β used for the attention term.</param>
/// <param name="BetaFromFirstBatch">True when β was set from the first seeded batch, false when the spec gave it.</param>
/// <param name="PartitionModularity">Modularity of the Louvain communities behind the partition.</param>
/// <param name="History">One entry per training epoch, teacher epochs first.</param>
/// <param name="Durations">Wall-clock time of each stage.</param>
public sealed record DistillationResult(
    DistillationJobSpec Spec,
    DistillationDataSummary Data,
    DistilledTeacher Teacher,
    IReadOnlyList<DistilledStudent> Students,
    DistilledAggregator Aggregator,
    IReadOnlyDictionary<int, double> AccuracyBySubset,
    double EnsembleAccuracy,
    double Beta,
    bool BetaFromFirstBatch,
    double PartitionModularity,
    IReadOnlyList<DistillationEpoch> History,
    DistillationDurations Durations)
{
    /// <summary>File name of the result in the output folder.</summary>
    public const string FileName = "result.json";
}
