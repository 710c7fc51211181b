using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// A live run's state at simulated time <see cref="NowSeconds"/>: request counts so far, the group that answered last
/// (1-based), device counts by state, and the devices themselves — at most <see cref="MaxDevices"/> in plan order,
/// <see cref="DevicesOmitted"/> saying how many more the plan has (the counts cover every device).
/// </summary>
public sealed record RunSnapshotMessage(
    double NowSeconds,
    long Sent,
    long Completed,
    long Served,
    bool Finished,
    string? AbortReason,
    int? LastAnsweredGroupNumber,
    int DeviceCount,
    int DevicesDown,
    int DevicesSlow,
    int LinksDegraded,
    int LinksCut,
    int DevicesBusy,
    IReadOnlyList<RunDeviceMessage> Devices,
    int DevicesOmitted)
{
    /// <summary>Most devices listed in one message, so a message stays small on any fleet.</summary>
    public const int MaxDevices = 256;

    /// <param name="snapshot">The simulator's snapshot.</param>
    /// <param name="names">Device names by id (from the run's topology); a missing name is sent empty.</param>
    public static RunSnapshotMessage From(RunSnapshot snapshot, IReadOnlyDictionary<int, string> names)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentNullException.ThrowIfNull(names);
        var devices = snapshot.Devices;
        var listed = new List<RunDeviceMessage>(Math.Min(devices.Count, MaxDevices));
        int down = 0, slow = 0, degraded = 0, cut = 0, busy = 0;
        foreach (var device in devices)
        {
            down += device.Up ? 0 : 1;
            slow += device.SlowFactor > 1 ? 1 : 0;
            degraded += device.LinkDegraded ? 1 : 0;
            cut += device.LinkCut ? 1 : 0;
            busy += device.Busy ? 1 : 0;
            if (listed.Count < MaxDevices)
                listed.Add(RunDeviceMessage.From(device, names.GetValueOrDefault(device.DeviceId, "")));
        }
        return new(RunWire.Finite(snapshot.NowSeconds) ?? 0, snapshot.Sent, snapshot.Completed, snapshot.Served, snapshot.Finished,
            snapshot.AbortReason, snapshot.LastAnsweredGroup + 1, devices.Count, down, slow, degraded, cut, busy, listed,
            devices.Count - listed.Count);
    }
}
