using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Agents;

/// <summary>A plan resolved for this studio's agents (<see cref="PlanAssigner.ResolveAsync"/>).</summary>
/// <param name="Plan">The plan.</param>
/// <param name="ModelSet">Its model set, whose students the devices run; null when it has none.</param>
/// <param name="Devices">The devices of its groups found here, by group.</param>
/// <param name="Problems">Devices of its groups not found here, or not told apart, each in a sentence naming the device and the plan.</param>
public sealed record PlanAssignment(SavedPlan Plan, SavedModelSet? ModelSet, IReadOnlyList<PlanDevice> Devices, IReadOnlyList<string> Problems)
{
    /// <summary>The student <paramref name="device"/> runs, or null without a model set.</summary>
    public AgentAssignment? StudentOf(PlanDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (ModelSet?.Result.Students.FirstOrDefault(s => s.Partition == device.Partition) is not { } student)
            return null;
        // The plan's snapshot is what emulation reproduces, as the simulator does.
        return new AgentAssignment(student.ModelHash, student.Flops, student.Width, student.Partition, device.Planned);
    }
}
