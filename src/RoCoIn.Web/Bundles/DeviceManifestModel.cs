namespace RoCoIn.Web.Bundles;

/// <summary>The student's ONNX file.</summary>
/// <param name="Sha256">Its SHA-256 (the agent checks the file it downloads against it).</param>
/// <param name="File">Its path in the bundle: models/&lt;sha256&gt;.onnx.</param>
/// <param name="SizeBytes">Its size, bytes.</param>
public sealed record DeviceManifestModel(string Sha256, string File, long SizeBytes);
