namespace RoCoIn.Web.Bundles;

/// <summary>One file of the bundle as bundle.json lists it.</summary>
/// <param name="Path">Its path in the zip ("README.md", "devices/&lt;name&gt;.json", "models/&lt;sha256&gt;.onnx").</param>
/// <param name="Sha256">SHA-256 of its bytes, 64 lowercase hex digits.</param>
/// <param name="SizeBytes">Its size, bytes (uncompressed).</param>
public sealed record BundleFile(string Path, string Sha256, long SizeBytes);
