using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Planning;

/// <summary>
/// Runs a planning job: snapshots the fleet's devices, runs the RoCoIn planner and the baselines, and saves the
/// plan. An infeasible input is saved too, with its explanation, so the user sees why and what would help.
/// </summary>
public sealed class PlanningJobHandler(FleetStore fleets, PlanStore plans) : IJobHandler
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

        context.Progress.Report(new JobProgress(0.02, $"Planning {devices.Count} devices"));
        var teacher = ModelCatalogue.DefaultTeacher;
        var request = new PlanRequest(devices, teacher, ModelCatalogue.Students, parameters.Settings);
        var result = RoCoInPlanner.Plan(request, context.Progress, cancellationToken);
        var document = new PlanDocument(parameters.Settings, devices, FleetHash.Compute(devices), result, teacher.FeatureChannels);
        var id = await plans.SaveAsync(parameters.Name, fleet.Id, fleet.Name, document, context.JobId, cancellationToken);
        return new JobResult(JobResultKinds.Plan, id);
    }
}
