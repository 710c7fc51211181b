using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Jobs;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Planning;

/// <summary>Checks a plan request and queues the planning job; used by the new-plan page and the API alike.</summary>
public sealed class PlanningService(FleetStore fleets, ModelSetStore modelSets, JobService jobs)
{
    /// <summary>Longest deadline accepted: ten minutes is beyond any interactive inference.</summary>
    public const double MaxDeadlineSeconds = 600;

    /// <summary>The queued job's id, or every problem with the input (nothing queued).</summary>
    public async Task<(int? JobId, IReadOnlyList<FieldError> Errors)> EnqueueAsync(PlanInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = Validate(input);
        Fleet? fleet = null;
        if (input.FleetId is { } fleetId)
        {
            fleet = await fleets.GetAsync(fleetId, cancellationToken);
            if (fleet is null)
                errors.Add(new("fleetId", $"Fleet {fleetId} does not exist."));
            else if (fleet.DeviceIds.Count == 0)
                errors.Add(new("fleetId", $"Fleet '{fleet.Name}' has no devices; add devices before planning."));
        }
        SavedModelSet? modelSet = null;
        if (input.ModelSetId is { } modelSetId)
        {
            modelSet = await modelSets.GetAsync(modelSetId, cancellationToken);
            if (modelSet is null)
                errors.Add(new("modelSetId", $"Model set {modelSetId} does not exist."));
            else if (modelSet.Result.Students.Count == 0)
                errors.Add(new("modelSetId", $"Model set {modelSetId} has no students to plan with."));
        }
        if (errors.Count > 0 || fleet is null)
            return (null, errors);

        var settings = input.ToSettings();
        var name = string.IsNullOrWhiteSpace(input.Name)
            ? $"{fleet.Name} · τ {settings.DeadlineSeconds.ToString("0.###", CultureInfo.InvariantCulture)} s · seed {settings.Seed}"
              + (modelSet is null ? "" : $" · model set #{modelSet.Id}")
            : input.Name.Trim();
        var jobId = await jobs.EnqueueAsync(JobKind.Planning, $"Plan {name}", new PlanJobParameters(fleet.Id, name, settings, modelSet?.Id),
            cancellationToken);
        return (jobId, []);
    }

    /// <summary>Field-level problems with the input, in the API's field names.</summary>
    public static List<FieldError> Validate(PlanInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new List<FieldError>();
        if (input.FleetId is null)
            errors.Add(new("fleetId", "Choose the fleet to plan for."));
        if (input.Name is { Length: > 200 })
            errors.Add(new("name", $"Name must be at most 200 characters (got {input.Name.Length})."));
        var tau = input.DeadlineSeconds;
        if (tau is { } t && (!double.IsFinite(t) || t <= 0 || t > MaxDeadlineSeconds))
            errors.Add(new("deadlineSeconds", $"The deadline τ must be above 0 and at most {MaxDeadlineSeconds} s (got {t.ToString(CultureInfo.InvariantCulture)} s)."));
        var effectiveTau = tau is { } tv && double.IsFinite(tv) && tv > 0 ? tv : new PlanSettings().DeadlineSeconds;
        if (input.ObjectiveSeconds is { } l && (!double.IsFinite(l) || l <= 0 || l > effectiveTau))
            errors.Add(new("objectiveSeconds",
                $"The latency objective L_obj must be above 0 and at most τ = {effectiveTau.ToString(CultureInfo.InvariantCulture)} s (got {l.ToString(CultureInfo.InvariantCulture)} s)."));
        if (input.MinReliability is { } r && (!double.IsFinite(r) || r < 0 || r > 1))
            errors.Add(new("minReliability", $"R_min must be between 0 and 1 (got {r.ToString(CultureInfo.InvariantCulture)})."));
        if (input.AccuracyFloor is { } a && (!double.IsFinite(a) || a <= 0 || a > 1))
            errors.Add(new("accuracyFloor", $"The accuracy floor must be above 0 and at most 1 (got {a.ToString(CultureInfo.InvariantCulture)}); leave it out for none."));
        if (input.Objective is { } o && !Enum.TryParse<PlanObjective>(o, true, out _))
            errors.Add(new("objective", $"Unknown objective '{o}'. Use one of: {string.Join(", ", Enum.GetNames<PlanObjective>())}."));
        if (input.Mode is { } m && !Enum.TryParse<FailureMode>(m, true, out _))
            errors.Add(new("mode", $"Unknown mode '{m}'. Use Strict or Degraded."));
        return errors;
    }
}
