using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// One device's live state on the wire: its id and name, its 1-based group number, whether it is up, its slow-down
/// factor (1 unless a straggler), its link state, whether it is serving, and the requests queued or in service on it.
/// </summary>
public sealed record RunDeviceMessage(
    int DeviceId,
    string Name,
    int GroupNumber,
    bool Up,
    double SlowFactor,
    bool LinkDegraded,
    bool LinkCut,
    bool Busy,
    int QueueLength)
{
    public static RunDeviceMessage From(DeviceSnapshot device, string name)
    {
        ArgumentNullException.ThrowIfNull(device);
        return new(device.DeviceId, name, device.Group + 1, device.Up, RunWire.Finite(device.SlowFactor) ?? 1, device.LinkDegraded,
            device.LinkCut, device.Busy, device.QueueLength);
    }
}
