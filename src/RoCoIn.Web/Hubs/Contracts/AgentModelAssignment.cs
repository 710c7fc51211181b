namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>The model a device must run (<see cref="AgentProtocol.AssignModel"/>, or inside the registration).</summary>
/// <param name="ModelHash">SHA-256 of the ONNX file, 64 lowercase hex digits; the agent refuses a download that differs.</param>
/// <param name="DownloadPath">Path on the studio to GET it from, with "Authorization: Bearer &lt;token&gt;".</param>
/// <param name="Flops">FLOPs of one inference by the counting convention (for emulated compute time).</param>
/// <param name="Width">d_k: the number of features one inference returns.</param>
/// <param name="Partition">k: the group's partition.</param>
/// <param name="Profile">The profile to emulate for this assignment (the plan's snapshot), or null for the stored one.</param>
public sealed record AgentModelAssignment(string ModelHash, string DownloadPath, long Flops, int Width, int Partition, AgentDeviceProfile? Profile);
