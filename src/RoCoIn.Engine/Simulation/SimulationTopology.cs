using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Engine.Simulation;

/// <summary>
/// One group member as the simulator sees it: the parts of t_nk = 2ℓ + D_in/r↓ + c_k/f + b·d_k/r↑ kept apart, so a
/// straggler scales only the compute and a degraded link only the transfers and latency.
/// </summary>
/// <param name="DeviceId">The device's id in the plan's snapshot.</param>
/// <param name="Name">Its name (scenario selectors match it).</param>
/// <param name="HardwareClass">Its hardware class (scenario selectors match it).</param>
/// <param name="Group">Index of its group in <see cref="SimulationTopology.Groups"/> (0-based).</param>
/// <param name="LinkLatencySeconds">ℓ, one way.</param>
/// <param name="DownTransferSeconds">D_in / r↓.</param>
/// <param name="ComputeSeconds">c_k / f.</param>
/// <param name="UpTransferSeconds">b·d_k / r↑.</param>
/// <param name="NoReplyProbability">p_n (not p_eff: crash processes are simulated, not folded in).</param>
/// <param name="MtbfSeconds">Mean time between crashes, or null.</param>
/// <param name="MttrSeconds">Mean time to repair, or null.</param>
public sealed record SimulatedDevice(
    int DeviceId,
    string Name,
    string HardwareClass,
    int Group,
    double LinkLatencySeconds,
    double DownTransferSeconds,
    double ComputeSeconds,
    double UpTransferSeconds,
    double NoReplyProbability,
    double? MtbfSeconds,
    double? MttrSeconds)
{
    /// <summary>t_nk of an isolated request on a healthy device.</summary>
    public double IsolatedSeconds => (2 * LinkLatencySeconds) + DownTransferSeconds + ComputeSeconds + UpTransferSeconds;
}

/// <summary>One group of the simulated plan.</summary>
/// <param name="Partition">Partition index k (0-based), the bit of the group in accuracy subsets.</param>
/// <param name="Width">d_k.</param>
/// <param name="StudentKey">The student every member runs.</param>
/// <param name="Members">Its devices, fastest first.</param>
public sealed record SimulatedGroup(int Partition, int Width, string StudentKey, IReadOnlyList<SimulatedDevice> Members);

/// <summary>
/// Everything the simulator needs from a plan: groups with per-device time components, the deadline and aggregator
/// time, the objective, and the measured accuracy table when the plan has a model set.
/// </summary>
/// <param name="Strategy">"RoCoIn" or the baseline simulated.</param>
/// <param name="Groups">Groups in partition order.</param>
/// <param name="DeadlineSeconds">τ.</param>
/// <param name="AggregatorSeconds">δ.</param>
/// <param name="ObjectiveSeconds">L_obj.</param>
/// <param name="Mode">The plan's failure mode (a run may override it).</param>
/// <param name="AccuracyBySubset">Measured acc(A) by subset bitmask (bit k = group k answered), or null when the plan
/// has no model set: then runs report latency and success only, and say so.</param>
/// <param name="TeacherAccuracy">The teacher's measured test accuracy, for the resilience score; null without a model set.</param>
public sealed record SimulationTopology(
    string Strategy,
    IReadOnlyList<SimulatedGroup> Groups,
    double DeadlineSeconds,
    double AggregatorSeconds,
    double ObjectiveSeconds,
    FailureMode Mode,
    IReadOnlyDictionary<int, double>? AccuracyBySubset,
    double? TeacherAccuracy)
{
    /// <summary>Every member of every group, in group order.</summary>
    public IEnumerable<SimulatedDevice> Devices => Groups.SelectMany(g => g.Members);

    /// <summary>
    /// The topology of <paramref name="plan"/> (the RoCoIn plan or a baseline of <paramref name="document"/>), with
    /// device figures from the document's snapshot and student costs computed from the catalogue architectures (the
    /// same FLOPs as the trained students, which a distillation test checks).
    /// </summary>
    /// <param name="document">The saved plan document.</param>
    /// <param name="plan">Which of its strategies to simulate.</param>
    /// <param name="accuracyBySubset">Measured acc(A), or null.</param>
    /// <param name="teacherAccuracy">The teacher's measured accuracy, or null.</param>
    public static SimulationTopology FromPlan(PlanDocument document, DeploymentPlan plan,
        IReadOnlyDictionary<int, double>? accuracyBySubset = null, double? teacherAccuracy = null)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(plan);
        var teacher = ModelCatalogue.CreateTeacher(document.TeacherFeatureChannels);
        var context = new PlanningContext(new PlanRequest(document.Devices, teacher, ModelCatalogue.Students, document.Settings));
        var costs = context.Costs;
        var byId = document.Devices.ToDictionary(d => d.Id);
        var groups = new List<SimulatedGroup>(plan.Groups.Count);
        foreach (var group in plan.Groups.OrderBy(g => g.Partition))
        {
            var student = context.StudentIndex(group.StudentKey);
            var flops = context.Flops(student, group.Width);
            var index = groups.Count;
            var members = group.DeviceIds.Select(id =>
            {
                var d = byId.TryGetValue(id, out var device)
                    ? device
                    : throw new ArgumentException($"Group {group.Partition + 1} names device {id}, which is not in the plan's snapshot.", nameof(plan));
                return new SimulatedDevice(d.Id, d.Name, d.HardwareClass, index, d.LinkLatencySeconds,
                    costs.InputBits / d.DownlinkBitsPerSecond, flops / d.ComputeFlopsPerSecond,
                    costs.BitsPerFeature * group.Width / d.UplinkBitsPerSecond, d.NoReplyProbability, d.MtbfSeconds, d.MttrSeconds);
            }).ToList();
            groups.Add(new SimulatedGroup(group.Partition, group.Width, group.StudentKey, members));
        }
        var evaluation = context.EvaluationSettings;
        return new SimulationTopology(plan.Strategy, groups, evaluation.DeadlineSeconds, evaluation.AggregatorSeconds,
            evaluation.ObjectiveSeconds, evaluation.Mode, accuracyBySubset, teacherAccuracy);
    }
}
