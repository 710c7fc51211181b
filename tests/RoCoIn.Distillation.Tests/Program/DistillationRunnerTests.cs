using RoCoIn.Distillation.Export;
using RoCoIn.Distillation.Torch;
using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Models;

namespace RoCoIn.Distillation.Tests.Program;

public class DistillationRunnerTests(TinyRun run) : IClassFixture<TinyRun>
{
    private static readonly TeacherSpec Teacher = ModelCatalogue.CreateTeacher(16);

    [Fact]
    public void ResultJsonHoldsAnAccuracyForEveryNonEmptySubsetOfGroups()
    {
        var result = DistillationJson.ReadResult(File.ReadAllText(Path.Combine(run.OutputFolder, DistillationResult.FileName)));

        result.AccuracyBySubset.Keys.Order().ShouldBe([1, 2, 3, 4, 5, 6, 7]);
        result.AccuracyBySubset.Values.ShouldAllBe(a => a >= 0 && a <= 1);
        result.EnsembleAccuracy.ShouldBe(result.AccuracyBySubset[7]);
        result.Teacher.TestAccuracy.ShouldBeGreaterThan(0.25, "one epoch on 900 images is well above chance (0.1)");
        result.Data.ShouldBe(new DistillationDataSummary(TestPaths.BundledDataset, "configured folder", 900, 100, TinyRun.TestImages));
        result.History.Select(e => (e.Stage, e.Epoch)).ShouldBe([(DistillationStage.Teacher, 1), (DistillationStage.Students, 1)]);
        result.Spec.ShouldBe(run.Spec with { Partitions = result.Spec.Partitions });
    }

    [Fact]
    public void OnnxFilesAreNamedByTheirHashAndReproduceTheAccuracyTable()
    {
        var result = run.Result;
        var test = IdxReader.Read(Path.Combine(TestPaths.BundledDataset, "t10k-images-idx3-ubyte.gz"),
            Path.Combine(TestPaths.BundledDataset, "t10k-labels-idx1-ubyte.gz")).Take(TinyRun.TestImages);
        var pixels = ImageTensors.Normalise(test.Pixels);

        var features = new List<float[]>();
        foreach (var student in result.Students)
        {
            var bytes = File.ReadAllBytes(Path.Combine(run.OutputFolder, student.ModelFile));
            student.ModelFile.ShouldBe(student.ModelHash + ".onnx");
            ContentHash.Sha256Hex(bytes).ShouldBe(student.ModelHash);
            student.MaxAbsDifference.ShouldBeLessThanOrEqualTo(1e-4);
            using var session = new OnnxInferenceSession(bytes);
            session.OutputShape.ShouldBe([-1L, student.Width, 1L, 1L]);
            features.Add(session.Run(pixels, test.Count));
        }
        var aggregatorBytes = File.ReadAllBytes(Path.Combine(run.OutputFolder, result.Aggregator.ModelFile));
        ContentHash.Sha256Hex(aggregatorBytes).ShouldBe(result.Aggregator.ModelHash);
        result.Aggregator.MaxAbsDifference.ShouldBeLessThanOrEqualTo(1e-4);
        using var aggregator = new OnnxInferenceSession(aggregatorBytes);

        foreach (var (subset, accuracy) in result.AccuracyBySubset)
        {
            var logits = aggregator.Run(OnnxExporter.Concatenate(features, [8, 4, 4], test.Count, subset), test.Count);
            var correct = Enumerable.Range(0, test.Count).Count(i => ArgMax(logits.AsSpan(i * 10, 10)) == test.Labels[i]);
            ((double)correct / test.Count).ShouldBe(accuracy, $"subset {subset}");
        }
    }

    [Fact]
    public void StudentAndAggregatorCostsAreThoseThePlannerUses()
    {
        var table = StudentCostTable.ForCatalogue(Teacher);

        foreach (var student in run.Result.Students)
        {
            var cost = table.Get(student.StudentKey, student.Width);
            (student.Parameters, student.Flops, student.MemoryBytes).ShouldBe((cost.Parameters, cost.Flops, cost.MemoryBytes));
        }
        var aggregator = ModelCatalogue.Aggregator(Teacher).Cost();
        (run.Result.Aggregator.Parameters, run.Result.Aggregator.Flops).ShouldBe((aggregator.Parameters, aggregator.Flops));
    }

    [Fact]
    public void PartitionsCoverEveryTeacherChannelOnceWithTheRequestedWidths()
    {
        var students = run.Result.Students;

        students.Select(s => (s.Partition, s.StudentKey, s.Width)).ShouldBe([(0, "s-mcu", 8), (1, "s-small", 4), (2, "s-mcu", 4)]);
        students.All(s => s.Channels.Count == s.Width).ShouldBeTrue();
        students.SelectMany(s => s.Channels).Order().ShouldBe(Enumerable.Range(0, 16));
    }

    [Fact]
    public void BetaWasSetFromTheFirstBatch()
    {
        run.Result.BetaFromFirstBatch.ShouldBeTrue();
        run.Result.Beta.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void ProgressRunsThroughTheStagesInOrderAndTheResultComesLast()
    {
        var progress = run.Messages.SkipLast(1).Select(m => m.ShouldBeOfType<DistillationProgressMessage>()).ToList();
        var last = run.Messages[^1].ShouldBeOfType<DistillationResultMessage>();

        last.ResultPath.ShouldBe(Path.Combine(run.OutputFolder, DistillationResult.FileName));
        progress.Select(p => p.Stage).Distinct().ShouldBe(Enum.GetValues<DistillationStage>());
        progress.Select(p => (int)p.Stage).ShouldBeInOrder();
        progress.Select(p => p.Fraction).ShouldBeInOrder();
        progress[^1].Fraction.ShouldBe(1);
        progress.Count(p => p.Stage == DistillationStage.Students && p.TestAccuracy is not null).ShouldBe(1);
        progress.Count(p => p.Stage == DistillationStage.Teacher && p.TrainLoss is not null).ShouldBeGreaterThan(1, "a few lines per epoch");
    }

    [Fact]
    public void ASavedTeacherLoadsWithTheSameTestAccuracy()
    {
        var output = Path.Combine(run.Folder, "reuse");
        var spec = TinyRun.Job(output) with { TeacherPath = Path.Combine(run.OutputFolder, DistillationRunner.TeacherFolder), TeacherEpochs = 0 };

        var result = DistillationRunner.Run(spec, _ => { }, TestContext.Current.CancellationToken);

        result.Teacher.Trained.ShouldBeFalse();
        result.Teacher.TestAccuracy.ShouldBe(run.Result.Teacher.TestAccuracy);
        result.History.ShouldAllBe(e => e.Stage == DistillationStage.Students);
    }

    [Fact]
    public void ASavedTeacherOfAnotherWidthIsAnInputError()
    {
        var spec = TinyRun.Job(Path.Combine(run.Folder, "wrong")) with
        {
            TeacherPath = Path.Combine(run.OutputFolder, DistillationRunner.TeacherFolder, DistillationRunner.TeacherFileName),
            TeacherFeatureChannels = 8,
            Partitions = [new(4, "s-mcu"), new(4, "s-mcu")],
        };
        var messages = new List<DistillationMessage>();

        Should.Throw<DistillationInputException>(() => DistillationRunner.Run(spec, messages.Add, TestContext.Current.CancellationToken))
            .Message.ShouldContain("F = 8");
        messages.ShouldBeEmpty();
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
