using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Web.Tests.Planning;

/// <summary>Hand-built distillation results with plausible values, for tests that need a stored model set.</summary>
internal static class ModelSetBuilder
{
    /// <summary>A result whose partitions are <paramref name="partitions"/> (width, student key) in order.</summary>
    /// <param name="accuracy">acc(A) by subset bitmask; null gives 0.5 + 0.05·|A|.</param>
    public static DistillationResult Result(IReadOnlyList<(int Width, string StudentKey)> partitions, Func<int, double>? accuracy = null)
    {
        accuracy ??= subset => 0.5 + 0.05 * System.Numerics.BitOperations.PopCount((uint)subset);
        var spec = new DistillationJobSpec
        {
            OutputFolder = "/tmp/rocoin-test-model-set",
            TeacherFeatureChannels = partitions.Sum(p => p.Width),
            Partitions = partitions.Select(p => new DistillationPartitionSpec(p.Width, p.StudentKey)).ToList(),
        };
        var hash = new string('a', 64);
        var channel = 0;
        var students = partitions.Select((p, k) =>
        {
            var channels = Enumerable.Range(channel, p.Width).ToList();
            channel += p.Width;
            return new DistilledStudent(k, p.StudentKey, p.Width, channels, 10_000 + k, 1_000_000 + k, 50_000 + k, hash, hash + ".onnx", 1e-6);
        }).ToList();
        var all = (1 << partitions.Count) - 1;
        var table = Enumerable.Range(1, all).ToDictionary(subset => subset, accuracy);
        return new DistillationResult(
            spec,
            new DistillationDataSummary("/tmp/fashion", "bundled subset", 1000, 200, 500),
            new DistilledTeacher("/tmp/rocoin-test-model-set/teacher.dat", true, spec.TeacherFeatureChannels, 100_000, 10_000_000, 400_000, 0.9),
            students,
            new DistilledAggregator(650, 1300, 2600, hash, hash + ".onnx", 1e-6),
            table,
            table[all],
            1.5,
            true,
            0.3,
            [new DistillationEpoch(DistillationStage.Teacher, 1, 0.8, 0.85, 1.0), new DistillationEpoch(DistillationStage.Students, 1, 0.9, 0.8, 2.0)],
            new DistillationDurations(0.1, 1, 0.2, 0.3, 2, 0.4, 0.5, 4.5));
    }

    /// <summary>A result distilled exactly for <paramref name="plan"/>'s groups.</summary>
    public static DistillationResult For(DeploymentPlan plan, Func<int, double>? accuracy = null) =>
        Result(plan.Groups.OrderBy(g => g.Partition).Select(g => (g.Width, g.StudentKey)).ToList(), accuracy);
}
