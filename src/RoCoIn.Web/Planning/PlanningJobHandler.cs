using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Planning;

/// <summary>
/// Runs a planning job: snapshots the fleet's devices, runs the RoCoIn planner and the baselines, and saves the
/// plan. An infeasible input is saved too, with its explanation, so the user sees why and what would help. With a model
/// set it plans in fixed-student mode: that set's widths and students in partition order, only the grouping re-planned.
/// </summary>
public sealed class PlanningJobHandler(FleetStore fleets, PlanStore plans, ModelSetStore modelSets) : IJobHandler
{
    public JobKind Kind => JobKind.Planning;

    public async Task<JobResult> RunAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parameters = context.GetParameters<PlanJobParameters>();
        var fleet = await fleets.GetAsync(parameters.FleetId, cancellationToken)
            ?? throw new InvalidOperationException($"Fleet {parameters.FleetId} no longer exists.");
        var devices = await fleets.GetDevicesAsync(fleet.Id, cancellationToken);
        if (devices.Count == 0)
            throw new InvalidOperationException($"Fleet '{fleet.Name}' has no devices.");

        var teacher = ModelCatalogue.DefaultTeacher;
        List<FixedPartition>? fixedStudents = null;
        if (parameters.ModelSetId is { } modelSetId)
        {
            var modelSet = await modelSets.GetAsync(modelSetId, cancellationToken)
                ?? throw new InvalidOperationException($"Model set {modelSetId} no longer exists.");
            var features = modelSet.Result.Teacher.FeatureChannels;
            if (features != teacher.FeatureChannels)
                teacher = ModelCatalogue.CreateTeacher(features);
            fixedStudents = modelSet.Result.Students.OrderBy(s => s.Partition).Select(s => new FixedPartition(s.Width, s.StudentKey)).ToList();
        }

        context.Progress.Report(new JobProgress(0.02, fixedStudents is null
            ? $"Planning {devices.Count} devices"
            : $"Grouping {devices.Count} devices for the {fixedStudents.Count} students of model set #{parameters.ModelSetId}"));
        var request = new PlanRequest(devices, teacher, ModelCatalogue.Students, parameters.Settings, fixedStudents);
        var result = RoCoInPlanner.Plan(request, context.Progress, cancellationToken);
        var document = new PlanDocument(parameters.Settings, devices, FleetHash.Compute(devices), result, teacher.FeatureChannels);
        var id = await plans.SaveAsync(parameters.Name, fleet.Id, fleet.Name, document, context.JobId, parameters.ModelSetId, cancellationToken);
        return new JobResult(JobResultKinds.Plan, id);
    }
}
