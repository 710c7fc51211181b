using RoCoIn.Engine.Devices;

namespace RoCoIn.Web.Agents;

/// <summary>One device of a plan's groups, found among this studio's devices (<see cref="PlanAssigner.Match"/>).</summary>
/// <param name="Partition">k: its group's partition.</param>
/// <param name="Planned">The device as the plan's snapshot holds it (its id is the planning studio's).</param>
/// <param name="Device">This studio's device of that name: the one its agent registers as.</param>
public sealed record PlanDevice(int Partition, DeviceProfile Planned, DeviceProfile Device);
