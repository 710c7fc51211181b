using System.Diagnostics;
using System.Globalization;
using RoCoIn.Distillation.Data;
using RoCoIn.Distillation.Export;
using RoCoIn.Distillation.Torch;
using RoCoIn.Distillation.Training;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Knowledge;
using RoCoIn.Engine.Models;
using static TorchSharp.torch;

namespace RoCoIn.Distillation;

/// <summary>
/// Runs one distillation job (rocoin-model.md §4–§6): teacher, cache, partition, joint student training with KD,
/// attention transfer and failout, verified ONNX export, and the accuracy table of every subset of groups through
/// ONNX Runtime. result.json is written last, atomically, so an interrupted job leaves none.
/// </summary>
public static class DistillationRunner
{
    /// <summary>Folder of the output folder that holds the trained teacher.</summary>
    public const string TeacherFolder = "teacher";

    /// <summary>The teacher's weights file (TorchSharp module format).</summary>
    public const string TeacherFileName = "teacher.dat";

    /// <summary>Checks everything that can be checked without training: the spec, the dataset and a saved teacher's file.</summary>
    /// <exception cref="DistillationInputException">The job cannot run as given.</exception>
    public static DistillationData Prepare(DistillationJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var errors = spec.Validate();
        if (errors.Count > 0)
        {
            throw new DistillationInputException(
                "The job is invalid: " + string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), errors);
        }
        if (spec.TeacherPath is not null && !File.Exists(TeacherFile(spec.TeacherPath)))
            throw new DistillationInputException($"There is no saved teacher at {spec.TeacherPath}.");
        return DistillationData.Load(spec, spec.Teacher());
    }

    /// <summary>Runs <paramref name="spec"/>, sending progress and then the result to <paramref name="send"/>.</summary>
    /// <exception cref="DistillationInputException">The job cannot run as given (sent before any progress).</exception>
    /// <exception cref="OnnxVerificationException">An exported model does not reproduce its trainer.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static DistillationResult Run(DistillationJobSpec spec, Action<DistillationMessage> send, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(send);
        var total = Stopwatch.StartNew();
        var clock = Stopwatch.StartNew();
        var data = Prepare(spec);
        var dataSeconds = Lap(clock);
        var teacherSpec = spec.Teacher();
        var output = Path.GetFullPath(spec.OutputFolder);
        var resultPath = Path.Combine(output, DistillationResult.FileName);

        TorchModelFactory.SetThreads(spec.Threads);
        manual_seed(spec.Seed);
        using var teacher = new TeacherNetwork(teacherSpec);
        var teacherPath = spec.TeacherPath is null ? Path.Combine(output, TeacherFolder, TeacherFileName) : Path.GetFullPath(TeacherFile(spec.TeacherPath));
        if (spec.TeacherPath is not null)
            LoadTeacher(teacher, teacherPath);

        Directory.CreateDirectory(output);
        File.Delete(resultPath);   // a stale result must not outlive a run that fails
        var progress = new ProgressReporter(send, spec);
        using var train = new ImageTensors(data.Train);
        using var heldOut = new ImageTensors(data.HeldOut);
        using var test = new ImageTensors(data.Test);

        // Teacher
        var history = new List<DistillationEpoch>();
        double teacherAccuracy;
        if (spec.TeacherPath is null)
        {
            progress.Report(DistillationStage.Teacher, 0,
                Text($"Training the teacher (F = {teacherSpec.FeatureChannels}) on {train.Count} images from the {data.Location.Source}"),
                0, spec.TeacherEpochs);
            history.AddRange(TeacherTrainer.Train(teacher, train, test, spec, progress, cancellationToken));
            teacherAccuracy = history[^1].TestAccuracy;
            Directory.CreateDirectory(Path.GetDirectoryName(teacherPath)!);
            AtomicFile.Write(teacherPath, temp => teacher.Module.save(temp));
        }
        else
        {
            progress.Report(DistillationStage.Teacher, 0, Text($"Loaded the teacher from {teacherPath}; measuring it"));
            teacherAccuracy = TeacherTrainer.Accuracy(teacher.Forward, teacher.Module, test, cancellationToken);
        }
        progress.Report(DistillationStage.Teacher, 1, Text($"Teacher test accuracy {teacherAccuracy:P2}"), testAccuracy: teacherAccuracy);
        var teacherSeconds = Lap(clock);

        // Cache
        using var cache = TeacherCache.Build(teacher, train.Images,
            f => progress.Report(DistillationStage.Cache, f, Text($"Caching the teacher's logits and feature maps: {f:P0}")), cancellationToken);
        var cacheSeconds = Lap(clock);

        // Partition
        var widths = spec.Partitions.Select(p => p.Width).ToList();
        var means = TeacherCache.ChannelMeans(teacher, heldOut.Images, cancellationToken);
        var partition = KnowledgePartitioner.Partition(means, teacherSpec.FeatureChannels, widths, spec.LouvainResolution);
        cache.KeepAttention(partition.Channels, cancellationToken);
        progress.Report(DistillationStage.Partition, 1, Text(
            $"Partitioned F = {teacherSpec.FeatureChannels} channels into {string.Join(" + ", widths)} (modularity {partition.Modularity:F3}, {means.Length} held-out images)"));
        var partitionSeconds = Lap(clock);

        // Students
        manual_seed(spec.Seed);
        using var ensemble = new StudentEnsemble(teacherSpec,
            [.. spec.Partitions.Select((p, k) => (ModelCatalogue.FindStudent(p.StudentKey)!, partition.Channels[k]))]);
        progress.Report(DistillationStage.Students, 0, Text(
            $"Training {ensemble.Students.Count} students ({string.Join(", ", spec.Partitions.Select(p => $"{p.StudentKey} d = {p.Width}"))}) and the aggregator"),
            0, spec.StudentEpochs);
        var training = StudentTrainer.Train(ensemble, train, cache, test, spec, progress, cancellationToken);
        history.AddRange(training.History);
        var studentsSeconds = Lap(clock);

        // Export
        var exported = OnnxExporter.ExportAndVerify(ensemble, test, output,
            (done, all, message) => progress.Report(DistillationStage.Export, (double)done / all, message), cancellationToken);
        var exportSeconds = Lap(clock);

        // Accuracy
        IReadOnlyDictionary<int, double> table;
        using (var aggregator = exported.OpenAggregator())
        {
            table = AccuracyTable.Measure(aggregator, exported.TestFeatures, widths, test.LabelValues,
                f => progress.Report(DistillationStage.Accuracy, f, Text($"Measuring every subset of groups through ONNX Runtime: {f:P0}")),
                cancellationToken);
        }
        var accuracySeconds = Lap(clock);

        var teacherCost = teacherSpec.Architecture.Cost();
        var aggregatorCost = ensemble.AggregatorArchitecture.Cost();
        var result = new DistillationResult(
            spec,
            new DistillationDataSummary(data.Location.Folder, data.Location.Source, data.Train.Count, data.HeldOut.Count, data.Test.Count),
            new DistilledTeacher(teacherPath, spec.TeacherPath is null, teacherSpec.FeatureChannels, teacherCost.Parameters, teacherCost.Flops,
                teacherCost.MemoryBytes, teacherAccuracy),
            [.. ensemble.Students.Select(s => new DistilledStudent(s.Partition, s.Student.Key, s.Width, s.Channels, s.Cost.Parameters, s.Cost.Flops,
                s.Cost.MemoryBytes, exported.Students[s.Partition].Hash, exported.Students[s.Partition].FileName,
                exported.Students[s.Partition].MaxAbsDifference))],
            new DistilledAggregator(aggregatorCost.Parameters, aggregatorCost.Flops, aggregatorCost.MemoryBytes, exported.Aggregator.Hash,
                exported.Aggregator.FileName, exported.Aggregator.MaxAbsDifference),
            table,
            table[(1 << widths.Count) - 1],
            training.Beta,
            training.BetaFromFirstBatch,
            partition.Modularity,
            history,
            new DistillationDurations(dataSeconds, teacherSeconds, cacheSeconds, partitionSeconds, studentsSeconds, exportSeconds,
                accuracySeconds, total.Elapsed.TotalSeconds));
        cancellationToken.ThrowIfCancellationRequested();
        AtomicFile.WriteAllText(resultPath, DistillationJson.WriteResult(result));
        send(new DistillationResultMessage(resultPath, result));
        return result;
    }

    /// <summary>The weights file of a saved teacher given as the file or the folder holding it.</summary>
    public static string TeacherFile(string teacherPath) =>
        Directory.Exists(teacherPath) ? Path.Combine(teacherPath, TeacherFileName) : teacherPath;

    private static void LoadTeacher(TeacherNetwork teacher, string path)
    {
        try
        {
            teacher.Module.load(path, strict: true);
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or IOException or EndOfStreamException or FormatException)
        {
            throw new DistillationInputException(
                $"The saved teacher at {path} is not a teacher with F = {teacher.Spec.FeatureChannels}: {ex.Message}", ex);
        }
    }

    private static double Lap(Stopwatch clock)
    {
        var seconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        return seconds;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
