using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Tests.Program;

public class ProgressReporterTests
{
    private static DistillationJobSpec Spec(int teacherEpochs, int studentEpochs, string? teacherPath = null) => new()
    {
        OutputFolder = "/tmp/out",
        TeacherEpochs = teacherEpochs,
        StudentEpochs = studentEpochs,
        TeacherPath = teacherPath,
        Partitions = [new(32, "s-mcu"), new(32, "s-mcu")],
    };

    [Fact]
    public void StagesAreWeightedByTheirEpochs()
    {
        var reporter = new ProgressReporter(_ => { }, Spec(teacherEpochs: 8, studentEpochs: 20));

        var total = 8 + ProgressReporter.CacheCost + ProgressReporter.PartitionCost + (20 * ProgressReporter.StudentEpochCost)
            + ProgressReporter.ExportCost + ProgressReporter.AccuracyCost;
        reporter.ShareOf(DistillationStage.Teacher).ShouldBe(8 / total, 1e-12);
        reporter.ShareOf(DistillationStage.Students).ShouldBe(20 * ProgressReporter.StudentEpochCost / total, 1e-12);
        Enum.GetValues<DistillationStage>().Sum(reporter.ShareOf).ShouldBe(1, 1e-12);
    }

    [Fact]
    public void AReusedTeacherTakesAlmostNoShare()
    {
        var reporter = new ProgressReporter(_ => { }, Spec(teacherEpochs: 8, studentEpochs: 10, teacherPath: "/tmp/teacher.dat"));

        reporter.ShareOf(DistillationStage.Teacher).ShouldBeLessThan(0.02);
    }

    [Fact]
    public void FractionNeverGoesBackAndEndsAtOne()
    {
        var fractions = new List<double>();
        var reporter = new ProgressReporter(m => fractions.Add(((DistillationProgressMessage)m).Fraction), Spec(2, 3));

        reporter.Report(DistillationStage.Teacher, 0.5, "half the teacher");
        reporter.Report(DistillationStage.Students, 0.2, "students");
        reporter.Report(DistillationStage.Cache, 1, "a late cache line");
        reporter.Report(DistillationStage.Accuracy, 1, "done");

        fractions.ShouldBe(fractions.OrderBy(f => f).ToList());
        fractions[^1].ShouldBe(1, 1e-4);
    }
}
