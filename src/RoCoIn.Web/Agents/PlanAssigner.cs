using System.Globalization;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Web.Agents;

/// <summary>
/// Gives the devices of a plan's groups their group's student, so that their agents — local processes or agents on
/// other machines — load it when they register with their device's name and token (or at once, when connected).
/// </summary>
/// <remarks>
/// A plan's groups name devices by the ids of its snapshot, which are the ids of the studio that planned it. A plan
/// imported from a bundle (ADR-010) was planned elsewhere, so its ids say nothing here: its devices are this studio's
/// devices of the same names, as agents are (<see cref="Match"/>).
/// </remarks>
public sealed class PlanAssigner(PlanStore plans, ModelSetStore modelSets, DeviceStore devices, AgentRegistry registry)
{
    /// <summary>
    /// The plan, its model set (the one asked for, else the one it was re-planned with, else the newest distilled for it)
    /// and its devices here; or why the plan cannot be run at all.
    /// </summary>
    public async Task<(PlanAssignment? Assignment, string? Error)> ResolveAsync(int planId, int? modelSetId, CancellationToken cancellationToken = default)
    {
        var plan = await plans.GetAsync(planId, cancellationToken);
        if (plan is null)
            return (null, Text($"Plan {planId} does not exist."));
        if (plan.Document.Result.Plan is not { } rocoin)
            return (null, $"Plan '{plan.Name}' is infeasible: it has no groups to run.");
        var set = await modelSets.ForPlanAsync(plan, modelSetId, cancellationToken);
        if (modelSetId is not null && set is null)
            return (null, Text($"Model set {modelSetId} does not exist."));
        if (set is not null)
        {
            foreach (var group in rocoin.Groups)
            {
                var student = set.Result.Students.FirstOrDefault(s => s.Partition == group.Partition);
                if (student is null || student.Width != group.Width)
                {
                    return (null, Text(
                        $"Model set '{set.Name}' does not fit plan '{plan.Name}': group {group.Partition} needs a student of width {group.Width}, the set has {(student is null ? "none" : student.Width.ToString(CultureInfo.InvariantCulture))}."));
                }
            }
        }
        var (found, problems) = Match(plan, await devices.ListAsync(cancellationToken));
        return (new PlanAssignment(plan, set, found, problems), null);
    }

    /// <summary>
    /// Assigns every device of the plan's groups its student, all or nothing: a plan without a model set, or with a
    /// device this studio lacks or cannot tell apart, assigns nothing and says which device of which plan.
    /// </summary>
    public async Task<(PlanAssignment? Assignment, string? Error)> AssignAsync(int planId, int? modelSetId, CancellationToken cancellationToken = default)
    {
        var (assignment, error) = await ResolveAsync(planId, modelSetId, cancellationToken);
        if (assignment is null)
            return (null, error);
        if (assignment.ModelSet is null)
            return (null, $"Plan '{assignment.Plan.Name}' has no distilled model set, so there is no student to give its devices; distil one first.");
        if (assignment.Problems.Count > 0)
            return (null, string.Join(" ", assignment.Problems));
        foreach (var device in assignment.Devices)
            await registry.AssignAsync(device.Device.Id, assignment.StudentOf(device)!, cancellationToken);
        return (assignment, null);
    }

    /// <summary>
    /// Finds the devices of <paramref name="plan"/>'s groups among <paramref name="stored"/>: a device here with the
    /// snapshot's id and name is the one; in a plan made here (it still has its fleet) the id alone is (the device was
    /// renamed since); otherwise the one device here with the snapshot's name (case-insensitive, as agents are found).
    /// </summary>
    /// <returns>The devices found, by group, and a sentence per device missing or matched twice.</returns>
    public static (IReadOnlyList<PlanDevice> Devices, IReadOnlyList<string> Problems) Match(SavedPlan plan, IReadOnlyList<DeviceProfile> stored)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(stored);
        var snapshot = plan.Document.Devices.ToDictionary(d => d.Id);
        var byId = stored.ToDictionary(d => d.Id);
        var byName = stored.ToLookup(d => d.Name, StringComparer.OrdinalIgnoreCase);
        var madeHere = plan.FleetId is not null;
        var found = new List<PlanDevice>();
        var problems = new List<string>();
        foreach (var group in (plan.Document.Result.Plan?.Groups ?? []).OrderBy(g => g.Partition))
        {
            foreach (var id in group.DeviceIds)
            {
                var where = Text($"Plan '{plan.Name}' (id {plan.Id}) puts");
                if (!snapshot.TryGetValue(id, out var planned))
                {
                    problems.Add(Text($"{where} device id {id} in group {group.Partition + 1}, but its snapshot has no such device."));
                    continue;
                }
                var named = byName[planned.Name].ToList();
                DeviceProfile? device = null;
                if (byId.TryGetValue(id, out var same) && (madeHere || named.Contains(same)))
                    device = same;
                else if (named.Count == 1)
                    device = named[0];
                else if (named.Count == 0)
                {
                    problems.Add(Text(
                        $"{where} device '{planned.Name}' in group {group.Partition + 1}, but this studio has no device of that name: add it on the Devices page (a bundle's devices/<name>.json has its profile), then issue its agent a token."));
                }
                else
                {
                    problems.Add(Text(
                        $"{where} device '{planned.Name}' in group {group.Partition + 1}, and this studio has {named.Count} devices of that name (ids {string.Join(", ", named.Select(d => d.Id))}): rename all but one, so the name picks one device."));
                }
                if (device is not null)
                    found.Add(new PlanDevice(group.Partition, planned, device));
            }
        }
        // Two of the plan's devices may land on one device here (a rename, a replaced device): its agent can run one student.
        foreach (var twice in found.GroupBy(d => d.Device.Id).Where(g => g.Count() > 1).ToList())
        {
            var names = string.Join(" and ", twice.Select(d => $"'{d.Planned.Name}'"));
            problems.Add(Text($"Devices {names} of plan '{plan.Name}' (id {plan.Id}) are both device '{twice.First().Device.Name}' here: rename one so each has its own device."));
            found.RemoveAll(d => d.Device.Id == twice.Key);
        }
        return (found, problems);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
