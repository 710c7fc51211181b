using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Distillation;

/// <summary>What a distillation job is asked to do (stored as the job's parameters).</summary>
public sealed record DistillationJobParameters(
    int? PlanId,
    string Name,
    IReadOnlyList<DistillationPartitionSpec> Partitions,
    int TeacherEpochs,
    int StudentEpochs,
    bool ReuseTeacher,
    long Seed,
    int? MaxTrainImages,
    int? MaxTestImages);

/// <summary>
/// Runs a distillation job through <see cref="DistillationProcess"/>, relays its progress, copies the verified ONNX
/// files to models/&lt;sha256&gt;.onnx and stores the model set. Nothing is stored unless the program finished.
/// </summary>
public sealed class DistillationJobHandler(DistillationProcess process, DistillationLiveState live, ModelSetStore modelSets,
    IOptions<StudioOptions> studio, IOptions<DistillationOptions> options, IWebHostEnvironment environment) : IJobHandler
{
    public JobKind Kind => JobKind.Distillation;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.GetParameters<DistillationJobParameters>();
        var dataPath = Path.GetFullPath(studio.Value.DataPath, environment.ContentRootPath);
        var output = Path.Combine(dataPath, "distillation", $"job-{context.JobId}");
        var teacher = parameters.ReuseTeacher ? await LatestTeacherAsync(cancellationToken) : null;
        var spec = new DistillationJobSpec
        {
            DatasetFolder = string.IsNullOrWhiteSpace(options.Value.DatasetFolder) ? null : options.Value.DatasetFolder,
            BundledDatasetFolder = BundledDatasetFolder(),
            OutputFolder = output,
            TeacherPath = teacher,
            TeacherEpochs = parameters.TeacherEpochs,
            StudentEpochs = parameters.StudentEpochs,
            Seed = parameters.Seed,
            Partitions = parameters.Partitions,
            MaxTrainImages = parameters.MaxTrainImages,
            MaxTestImages = parameters.MaxTestImages,
            Threads = options.Value.Threads,
        };
        var problems = spec.Validate();
        if (problems.Count > 0)
            throw new InvalidOperationException("The distillation settings are invalid: " + string.Join(" ", problems.Select(p => $"{p.Field}: {p.Message}")));

        var result = await process.RunAsync(spec, message =>
        {
            if (message is DistillationProgressMessage progress)
            {
                live.Add(context.JobId, progress);
                context.Progress.Report(new JobProgress(Math.Clamp(progress.Fraction, 0, 1), progress.Message));
            }
            return Task.CompletedTask;
        }, cancellationToken);

        var models = Path.Combine(dataPath, "models");
        Directory.CreateDirectory(models);
        foreach (var (hash, file) in result.Students.Select(s => (s.ModelHash, s.ModelFile)).Append((result.Aggregator.ModelHash, result.Aggregator.ModelFile)))
        {
            var target = Path.Combine(models, $"{hash}.onnx");
            if (!File.Exists(target))
                File.Copy(Path.IsPathRooted(file) ? file : Path.Combine(output, file), target);
        }
        var id = await modelSets.SaveAsync(parameters.Name, parameters.PlanId, context.JobId, result, cancellationToken);
        return new JobResult(JobResultKinds.ModelSet, id);
    }

    private async Task<string?> LatestTeacherAsync(CancellationToken cancellationToken)
    {
        foreach (var summary in await modelSets.ListAsync(cancellationToken))
        {
            if (await modelSets.GetAsync(summary.Id, cancellationToken) is { } set && File.Exists(set.Result.Teacher.WeightsPath))
                return set.Result.Teacher.WeightsPath;
        }
        return null;
    }

    // The committed Fashion-MNIST subset, found above the content root (the repository) or beside the app.
    private string? BundledDatasetFolder()
    {
        foreach (var start in new[] { environment.ContentRootPath, AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "assets", "datasets", "fashion-mnist-subset");
                if (Directory.Exists(candidate))
                    return candidate;
            }
        }
        return null;
    }
}
