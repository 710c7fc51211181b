using RoCoIn.Engine.Devices;

namespace RoCoIn.Web.Bundles;

/// <summary>devices/&lt;name&gt;.json: what one device of the plan's groups runs and how to start its agent.</summary>
/// <param name="Device">The device's name, as the studio knows it and as the agent's --device gives it.</param>
/// <param name="Profile">Its profile in the plan's snapshot (SI units).</param>
/// <param name="Group">Its group.</param>
/// <param name="Student">The group's student.</param>
/// <param name="Model">The student's ONNX file in the bundle.</param>
/// <param name="Agent">The command that starts the device's agent.</param>
public sealed record DeviceManifest(
    string Device,
    DeviceProfile Profile,
    DeviceManifestGroup Group,
    DeviceManifestStudent Student,
    DeviceManifestModel Model,
    DeviceManifestAgent Agent);
