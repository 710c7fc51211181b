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
            BundledDatasetFolder = StudioAssets.Find(environment.ContentRootPath, Path.Combine("assets", "datasets", "fashion-mnist-subset")),
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

        StudioAssets.StoreModels(result, output, dataPath);
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
}
