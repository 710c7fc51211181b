using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Planning;

/// <summary>Everything a planning run needs.</summary>
/// <param name="Devices">The fleet's devices (stored ids, unique).</param>
/// <param name="Teacher">The teacher whose F channels are partitioned.</param>
/// <param name="Students">Candidate student architectures.</param>
/// <param name="Settings">Deadline, objective, constraints, seed.</param>
/// <param name="FixedStudents">
/// Fixed-student mode: the distilled model set's partitions (width and student per partition); the planner then
/// only re-plans the grouping. Null for a full plan.
/// </param>
public sealed record PlanRequest(
    IReadOnlyList<DeviceProfile> Devices,
    TeacherSpec Teacher,
    IReadOnlyList<StudentArchitecture> Students,
    PlanSettings Settings,
    IReadOnlyList<FixedPartition>? FixedStudents = null);

/// <summary>One distilled partition: its width and student, fixed in fixed-student mode.</summary>
public sealed record FixedPartition(int Width, string StudentKey);
