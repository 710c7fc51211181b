using RoCoIn.Engine.Distillation;

namespace RoCoIn.Distillation.Tests.Program;

/// <summary>
/// One small job run in-process, shared by the tests that inspect it: 1,000 bundled training images (900 trained on,
/// 100 held out), 500 test images, a teacher with F = 16 and three students of widths 8 + 4 + 4, one epoch each.
/// </summary>
public sealed class TinyRun : IDisposable
{
    public const int TestImages = 500;

    public TinyRun()
    {
        Folder = TestPaths.NewTempFolder("rocoin-distil");
        Spec = Job(Path.Combine(Folder, "out"));
        Result = DistillationRunner.Run(Spec, Messages.Add, CancellationToken.None);
    }

    public string Folder { get; }

    public DistillationJobSpec Spec { get; }

    public List<DistillationMessage> Messages { get; } = [];

    public DistillationResult Result { get; }

    public string OutputFolder => Spec.OutputFolder;

    public static DistillationJobSpec Job(string outputFolder) => new()
    {
        BundledDatasetFolder = TestPaths.BundledDataset,
        DatasetFolder = TestPaths.BundledDataset,
        OutputFolder = outputFolder,
        TeacherFeatureChannels = 16,
        TeacherEpochs = 1,
        StudentEpochs = 1,
        BatchSize = 64,
        StudentLearningRate = 0.01,
        MaxTrainImages = 1000,
        MaxTestImages = TestImages,
        Seed = 5,
        Partitions = [new(8, "s-mcu"), new(4, "s-small"), new(4, "s-mcu")],
    };

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
