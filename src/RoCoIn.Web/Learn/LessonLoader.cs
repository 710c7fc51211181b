using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Web.Planning;

namespace RoCoIn.Web.Learn;

/// <summary>Reads what a lesson needs from the stores and has the engine compute its figures.</summary>
public sealed class LessonLoader(DeviceStore devices, FleetStore fleets, PlanStore plans, ModelSetStore modelSets)
{
    /// <summary>The lesson's view for the URL's query values, or why there is nothing to show yet.</summary>
    public async Task<LessonLoad> LoadAsync(Lesson lesson, IReadOnlyDictionary<string, string?> values, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(lesson);
        var query = new LessonQuery(values);
        var (view, empty) = lesson.Widget switch
        {
            LessonWidget.OneDevice => await OneDeviceAsync(query, cancellationToken),
            LessonWidget.Partition => await PartitionAsync(query, cancellationToken),
            LessonWidget.Redundancy => await RedundancyAsync(query, cancellationToken),
            LessonWidget.Failures => await FailuresAsync(query, cancellationToken),
            _ => throw new ArgumentOutOfRangeException(nameof(lesson), lesson.Widget, "Unknown widget."),
        };
        return new LessonLoad(view, empty, query.Errors);
    }

    private async Task<(ILessonView?, LessonEmpty?)> OneDeviceAsync(LessonQuery query, CancellationToken ct)
    {
        var all = await devices.ListAsync(ct);
        var fleetList = new List<Fleet>();
        foreach (var summary in await fleets.ListAsync(ct))
        {
            if (await fleets.GetAsync(summary.Id, ct) is { } fleet)
                fleetList.Add(fleet);
        }
        var view = OneDeviceLesson.Build(all, fleetList, query);
        return view is null
            ? (null, new LessonEmpty("No devices yet", "Add a device, or a preset such as a microcontroller, to see whether the teacher fits it.",
                "/devices", "Go to devices"))
            : (view, null);
    }

    private async Task<(ILessonView?, LessonEmpty?)> PartitionAsync(LessonQuery query, CancellationToken ct)
    {
        var sets = await modelSets.ListAsync(ct);
        var id = PartitionLesson.ChooseSet(sets, query);
        var set = id is { } found ? await modelSets.GetAsync(found, ct) : null;
        if (set is null)
        {
            return (null, new LessonEmpty("No model set yet",
                "Partitions and students' accuracies come from a distilled model set. Distil a plan's students first; this lesson then shows them.",
                "/distillation", "Go to distillation"));
        }
        var plan = set.PlanId is { } planId ? await plans.GetAsync(planId, ct) : null;
        return (PartitionLesson.Build(set, plan?.FleetId), null);
    }

    private async Task<(ILessonView?, LessonEmpty?)> RedundancyAsync(LessonQuery query, CancellationToken ct)
    {
        var summaries = await fleets.ListAsync(ct);
        var fleet = summaries.FirstOrDefault(f => f.Name == DemoContent.PaperFleetName && f.DeviceCount > 0)
                    ?? summaries.Where(f => f.DeviceCount > 0).OrderBy(f => f.Id).FirstOrDefault();
        if (fleet is null)
            return (null, new LessonEmpty("No fleet yet", "This lesson plans a fleet with every number of groups. Create a fleet of devices first.",
                "/fleets", "Go to fleets"));

        var members = await fleets.GetDevicesAsync(fleet.Id, ct);
        var teacher = ModelCatalogue.DefaultTeacher;
        var maxK = RedundancyLesson.MaxK(members.Count, teacher);
        var sets = await modelSets.ListAsync(ct);
        var setsByK = new Dictionary<int, SavedModelSet>();
        for (var k = 1; k <= maxK; k++)
        {
            foreach (var candidate in RedundancyLesson.Candidates(sets, k))
            {
                if (await modelSets.GetAsync(candidate.Id, ct) is { } set && RedundancyLesson.Usable(set, teacher))
                {
                    setsByK[k] = set;
                    break;
                }
            }
        }
        // Planning every K takes a moment on large fleets: off the circuit's thread.
        var view = await Task.Run(() => RedundancyLesson.Build(fleet.Id, fleet.Name, members, setsByK, query), ct);
        return (view, null);
    }

    private async Task<(ILessonView?, LessonEmpty?)> FailuresAsync(LessonQuery query, CancellationToken ct)
    {
        var summaries = await plans.ListAsync(cancellationToken: ct);
        var summary = summaries.FirstOrDefault(p => p.Name == DemoContent.PaperPlanName && p.Feasible)
                      ?? summaries.Where(p => p.Feasible).OrderBy(p => p.Id).FirstOrDefault();
        var plan = summary is null ? null : await plans.GetAsync(summary.Id, ct);
        if (plan?.Document.Result.Plan is not { } rocoin)
            return (null, new LessonEmpty("No plan yet", "This lesson simulates a plan with crashed devices. Make a plan first.",
                "/plans/new", "New plan"));

        // The same model set a run of this plan would use: distilled for it, else the one it was re-planned with.
        SavedModelSet? set = await modelSets.LatestForPlanAsync(plan.Id, ct);
        if (set is null || !MeasuredAccuracy.Matches(rocoin, set.Result))
        {
            set = plan.BasedOnModelSetId is { } basedOn ? await modelSets.GetAsync(basedOn, ct) : null;
            if (set is not null && !MeasuredAccuracy.Matches(rocoin, set.Result))
                set = null;
        }
        var view = await Task.Run(() => FailuresLesson.Build(plan, set, query), ct);
        return (view, null);
    }
}
