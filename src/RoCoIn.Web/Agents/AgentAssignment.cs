using RoCoIn.Engine.Devices;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Web.Agents;

/// <summary>The student a device must run (<see cref="AgentRegistry.AssignAsync"/>).</summary>
/// <param name="ModelHash">SHA-256 of the ONNX file in the studio's models folder.</param>
/// <param name="Flops">FLOPs of one inference (counting convention).</param>
/// <param name="Width">d_k: features one inference returns; replies of another length are refused.</param>
/// <param name="Partition">k: the group's partition.</param>
/// <param name="Profile">The profile to emulate (the plan's snapshot of the device); null for the stored one.</param>
public sealed record AgentAssignment(string ModelHash, long Flops, int Width, int Partition, DeviceProfile? Profile)
{
    internal AgentModelAssignment ToMessage() =>
        new(ModelHash, $"{AgentProtocol.ModelsPath}/{ModelHash}.onnx", Flops, Width, Partition, Profile is null ? null : ProfileOf(Profile));

    internal static AgentDeviceProfile ProfileOf(DeviceProfile device) =>
        new(device.ComputeFlopsPerSecond, device.DownlinkBitsPerSecond, device.UplinkBitsPerSecond, device.LinkLatencySeconds);
}
