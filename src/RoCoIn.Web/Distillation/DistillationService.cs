using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Distillation;

/// <summary>
/// What a user asks to distil (body of POST /api/distillations; the distillation form fills the same record).
/// Either a plan (its RoCoIn groups give the partitions in order) or explicit partitions.
/// </summary>
public sealed record DistillationInput(
    int? PlanId,
    IReadOnlyList<DistillationPartitionSpec>? Partitions,
    string? Name,
    int? TeacherEpochs,
    int? StudentEpochs,
    bool? ReuseTeacher,
    int? MaxTrainImages,
    int? MaxTestImages,
    long? Seed);

/// <summary>Checks a distillation request and queues the job; used by the distillation page and the API alike.</summary>
public sealed class DistillationService(PlanStore plans, JobService jobs)
{
    public const int MaxEpochs = 200;
    public const int DefaultTeacherEpochs = 5;
    public const int DefaultStudentEpochs = 10;
    public const long DefaultSeed = 1;

    /// <summary>The queued job's id, or every problem with the input (nothing queued).</summary>
    public async Task<(int? JobId, IReadOnlyList<FieldError> Errors)> EnqueueAsync(DistillationInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = ValidateSettings(input);
        IReadOnlyList<DistillationPartitionSpec>? partitions = null;
        string? planName = null;
        if (input.PlanId is { } planId)
        {
            if (input.Partitions is { Count: > 0 })
                errors.Add(new("partitions", "Give either a plan or partitions, not both."));
            var plan = await plans.GetAsync(planId, cancellationToken);
            if (plan is null)
                errors.Add(new("planId", Text($"Plan {planId} does not exist.")));
            else if (plan.Document.Result.Plan is not { } rocoin)
                errors.Add(new("planId", Text($"Plan '{plan.Name}' is infeasible: it has no groups to distil students for.")));
            else
            {
                partitions = rocoin.Groups.OrderBy(g => g.Partition).Select(g => new DistillationPartitionSpec(g.Width, g.StudentKey)).ToList();
                planName = plan.Name;
            }
        }
        else if (input.Partitions is null || input.Partitions.Count == 0)
            errors.Add(new("planId", "Choose a plan, or give the partitions (width and studentKey) explicitly."));
        else
        {
            partitions = input.Partitions;
            errors.AddRange(ValidatePartitions(partitions));
        }
        if (errors.Count > 0 || partitions is null)
            return (null, errors);

        var seed = input.Seed ?? DefaultSeed;
        var widths = string.Join(" + ", partitions.Select(p => p.Width));
        var name = !string.IsNullOrWhiteSpace(input.Name) ? input.Name.Trim()
            : planName is not null ? Text($"{planName} · seed {seed}") : Text($"{widths} · seed {seed}");
        var parameters = new DistillationJobParameters(input.PlanId, name, partitions,
            input.TeacherEpochs ?? DefaultTeacherEpochs, input.StudentEpochs ?? DefaultStudentEpochs, input.ReuseTeacher ?? false,
            seed, input.MaxTrainImages, input.MaxTestImages);
        var jobId = await jobs.EnqueueAsync(JobKind.Distillation, $"Distil {name}", parameters, cancellationToken);
        return (jobId, []);
    }

    /// <summary>Field-level problems with the settings other than the partitions, in the API's field names.</summary>
    public static List<FieldError> ValidateSettings(DistillationInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (input.Name is { Length: > 200 })
            errors.Add(new("name", Text($"Name must be at most 200 characters (got {input.Name.Length}).")));
        if (input.TeacherEpochs is { } te && te is < 1 or > MaxEpochs)
            errors.Add(new("teacherEpochs", Text($"Teacher epochs must be between 1 and {MaxEpochs} (got {te}).")));
        if (input.StudentEpochs is { } se && se is < 1 or > MaxEpochs)
            errors.Add(new("studentEpochs", Text($"Student epochs must be between 1 and {MaxEpochs} (got {se}).")));
        if (input.MaxTrainImages is { } train && train < DistillationJobSpec.MinImages)
            errors.Add(new("maxTrainImages", Text($"Keep at least {DistillationJobSpec.MinImages} training images, or leave it out for all (got {train}).")));
        if (input.MaxTestImages is { } test && test < DistillationJobSpec.MinImages)
            errors.Add(new("maxTestImages", Text($"Keep at least {DistillationJobSpec.MinImages} test images, or leave it out for all (got {test}).")));
        return errors;
    }

    /// <summary>Problems with explicit partitions: known students, positive widths adding up to F.</summary>
    public static List<FieldError> ValidatePartitions(IReadOnlyList<DistillationPartitionSpec> partitions)
    {
        ArgumentNullException.ThrowIfNull(partitions);
        var errors = new List<FieldError>();
        var f = ModelCatalogue.DefaultFeatureChannels;
        if (partitions.Count > DistillationJobSpec.MaxPartitions)
            errors.Add(new("partitions", Text($"At most {DistillationJobSpec.MaxPartitions} partitions are supported (got {partitions.Count}).")));
        for (var k = 0; k < partitions.Count; k++)
        {
            var p = partitions[k];
            if (p is null)
            {
                errors.Add(new(Text($"partitions[{k}]"), "The partition is missing."));
                continue;
            }
            if (p.Width < 1)
                errors.Add(new(Text($"partitions[{k}].width"), Text($"Partition {k} has width {p.Width}; every width must be at least 1.")));
            if (string.IsNullOrWhiteSpace(p.StudentKey) || ModelCatalogue.FindStudent(p.StudentKey) is null)
                errors.Add(new(Text($"partitions[{k}].studentKey"), Text(
                    $"Partition {k} names the unknown student '{p.StudentKey}'; known: {string.Join(", ", ModelCatalogue.Students.Select(s => s.Key))}.")));
        }
        var present = partitions.Where(p => p is not null).ToList();
        var sum = present.Sum(p => (long)p.Width);
        if (sum != f)
            errors.Add(new("partitions", Text($"The partition widths ({string.Join(" + ", present.Select(p => p.Width))}) add up to {sum}, not F = {f}.")));
        return errors;
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
