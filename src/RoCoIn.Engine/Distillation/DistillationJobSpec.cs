using System.Globalization;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Distillation;

/// <summary>
/// Everything a distillation job needs (rocoin-model.md §4–§6): where the data is and where results go, the teacher
/// (trained now or loaded), the partitions with their students, and the training settings. Stored as the job file
/// the studio hands to the distillation program (<see cref="DistillationJson"/>).
/// </summary>
/// <remarks>
/// Defaults follow §5: α = 0.9, T = 4, failout p_drop = 0.1, β set from the first seeded batch so the attention
/// term starts at the size of the KD term. Call <see cref="Validate"/> before any training.
/// </remarks>
public sealed record DistillationJobSpec
{
    /// <summary>Most partitions (groups) a job may have: K ≤ 8 (§2).</summary>
    public const int MaxPartitions = 8;

    /// <summary>Fewest images a <see cref="MaxTrainImages"/> or <see cref="MaxTestImages"/> cap may keep.</summary>
    public const int MinImages = 100;

    /// <summary>A folder holding the four Fashion-MNIST IDX files, or null to let <see cref="Datasets.DatasetLocator"/> choose.</summary>
    public string? DatasetFolder { get; init; }

    /// <summary>The repository's bundled subset (assets/datasets/fashion-mnist-subset), the locator's last resort.</summary>
    public string? BundledDatasetFolder { get; init; }

    /// <summary>Where the teacher, the ONNX files (&lt;sha256&gt;.onnx) and result.json are written; created if missing.</summary>
    public required string OutputFolder { get; init; }

    /// <summary>A teacher saved by an earlier job (its teacher.dat, or the folder holding it), or null to train a new one.</summary>
    public string? TeacherPath { get; init; }

    /// <summary>F: channels of the teacher's last conv layer (<see cref="ModelCatalogue.CreateTeacher"/>); default 64.</summary>
    public int TeacherFeatureChannels { get; init; } = ModelCatalogue.DefaultFeatureChannels;

    /// <summary>Epochs to train a new teacher (at least 1 when <see cref="TeacherPath"/> is null); default 5.</summary>
    public int TeacherEpochs { get; init; } = 5;

    /// <summary>Epochs of joint student and aggregator training (at least 1); default 10.</summary>
    public int StudentEpochs { get; init; } = 10;

    /// <summary>Images per training batch (at least 1); default 128.</summary>
    public int BatchSize { get; init; } = 128;

    /// <summary>Adam learning rate of the teacher, and of the students unless <see cref="StudentLearningRate"/> is set; default 0.001.</summary>
    public double LearningRate { get; init; } = 1e-3;

    /// <summary>
    /// Adam learning rate of the students and the aggregator, or null to use <see cref="LearningRate"/>. Students whose
    /// features are globally pooled learn slowly at 0.001; 0.01 roughly halves the epochs they need on the bundled subset.
    /// </summary>
    public double? StudentLearningRate { get; init; }

    /// <summary>Seed of weight initialisation, shuffling and failout; default 1.</summary>
    public long Seed { get; init; } = 1;

    /// <summary>The partitions in order: partition k is group k (bit k of an accuracy subset). Widths add up to F.</summary>
    public required IReadOnlyList<DistillationPartitionSpec> Partitions { get; init; }

    /// <summary>α: weight of the KD term against cross-entropy, in [0, 1]; default 0.9.</summary>
    public double Alpha { get; init; } = 0.9;

    /// <summary>T: distillation temperature (positive); default 4.</summary>
    public double Temperature { get; init; } = 4;

    /// <summary>β: weight of the attention term, or null (default) to set it from the first seeded batch.</summary>
    public double? Beta { get; init; }

    /// <summary>p_drop: probability that a group's features are zeroed while training (failout), in [0, 1); default 0.1.</summary>
    public double FailoutProbability { get; init; } = 0.1;

    /// <summary>Use only the first this many training images (at least <see cref="MinImages"/>), or null for all.</summary>
    public int? MaxTrainImages { get; init; }

    /// <summary>Use only the first this many test images (at least <see cref="MinImages"/>), or null for all.</summary>
    public int? MaxTestImages { get; init; }

    /// <summary>Louvain resolution of the knowledge partition (positive); default 0.7 (§4).</summary>
    public double LouvainResolution { get; init; } = Knowledge.KnowledgePartitioner.DefaultResolution;

    /// <summary>CPU threads the trainer may use (torch.set_num_threads), at least 1; default 1 so the studio keeps a core.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>The teacher this spec describes.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><see cref="TeacherFeatureChannels"/> is below 1.</exception>
    public TeacherSpec Teacher() => ModelCatalogue.CreateTeacher(TeacherFeatureChannels);

    /// <summary>Every problem with this spec, each naming its camelCase field; empty when the spec can run.</summary>
    public IReadOnlyList<FieldError> Validate()
    {
        var errors = new List<FieldError>();
        void Error(string field, string message) => errors.Add(new FieldError(field, message));

        if (string.IsNullOrWhiteSpace(OutputFolder))
            Error("outputFolder", "The output folder is required.");
        if (TeacherPath is not null && string.IsNullOrWhiteSpace(TeacherPath))
            Error("teacherPath", "The teacher path is empty; give the path of a saved teacher or leave it out to train one.");
        if (TeacherFeatureChannels < 1)
            Error("teacherFeatureChannels", Text($"F must be at least 1; got {TeacherFeatureChannels}."));
        if (TeacherPath is null && TeacherEpochs < 1)
            Error("teacherEpochs", Text($"A new teacher needs at least 1 epoch; got {TeacherEpochs}."));
        else if (TeacherEpochs < 0)
            Error("teacherEpochs", Text($"Teacher epochs cannot be negative; got {TeacherEpochs}."));
        if (StudentEpochs < 1)
            Error("studentEpochs", Text($"The students need at least 1 epoch; got {StudentEpochs}."));
        if (BatchSize < 1)
            Error("batchSize", Text($"The batch size must be at least 1; got {BatchSize}."));
        if (!(LearningRate > 0) || !double.IsFinite(LearningRate))
            Error("learningRate", Text($"The learning rate must be a positive number; got {LearningRate}."));
        if (StudentLearningRate is { } studentRate && (!(studentRate > 0) || !double.IsFinite(studentRate)))
            Error("studentLearningRate", Text($"The student learning rate must be a positive number, or left out to use learningRate; got {studentRate}."));
        if (!(Alpha is >= 0 and <= 1))
            Error("alpha", Text($"α must lie in [0, 1]; got {Alpha}."));
        if (!(Temperature > 0) || !double.IsFinite(Temperature))
            Error("temperature", Text($"The temperature T must be a positive number; got {Temperature}."));
        if (Beta is { } beta && (!(beta >= 0) || !double.IsFinite(beta)))
            Error("beta", Text($"β must be a non-negative number, or left out to set it from the first batch; got {beta}."));
        if (!(FailoutProbability is >= 0 and < 1))
            Error("failoutProbability", Text($"p_drop must lie in [0, 1); got {FailoutProbability}."));
        if (MaxTrainImages is < MinImages)
            Error("maxTrainImages", Text($"Keep at least {MinImages} training images; got {MaxTrainImages}."));
        if (MaxTestImages is < MinImages)
            Error("maxTestImages", Text($"Keep at least {MinImages} test images; got {MaxTestImages}."));
        if (!(LouvainResolution > 0) || !double.IsFinite(LouvainResolution))
            Error("louvainResolution", Text($"The Louvain resolution must be a positive number; got {LouvainResolution}."));
        if (Threads < 1)
            Error("threads", Text($"Use at least 1 thread; got {Threads}."));
        ValidatePartitions(Error);
        return errors;
    }

    private void ValidatePartitions(Action<string, string> error)
    {
        if (Partitions is null || Partitions.Count == 0)
        {
            error("partitions", "At least one partition (a width and a student key) is required.");
            return;
        }
        if (Partitions.Count > MaxPartitions)
            error("partitions", Text($"At most {MaxPartitions} partitions are supported; got {Partitions.Count}."));
        var sum = 0L;
        for (var k = 0; k < Partitions.Count; k++)
        {
            var partition = Partitions[k];
            if (partition is null)
            {
                error(Text($"partitions[{k}]"), "The partition is null.");
                continue;
            }
            if (partition.Width < 1)
                error(Text($"partitions[{k}].width"), Text($"Partition {k} has width {partition.Width}; every width must be at least 1."));
            sum += partition.Width;
            if (string.IsNullOrWhiteSpace(partition.StudentKey))
                error(Text($"partitions[{k}].studentKey"), Text($"Partition {k} names no student."));
            else if (ModelCatalogue.FindStudent(partition.StudentKey) is null)
            {
                error(Text($"partitions[{k}].studentKey"), Text(
                    $"Partition {k} names the unknown student '{partition.StudentKey}'; known: {string.Join(", ", ModelCatalogue.Students.Select(s => s.Key))}."));
            }
        }
        if (TeacherFeatureChannels >= 1 && sum != TeacherFeatureChannels)
        {
            error("partitions", Text(
                $"The partition widths ({string.Join(" + ", Partitions.Where(p => p is not null).Select(p => p.Width))}) add up to {sum}, not F = {TeacherFeatureChannels}."));
        }
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
