namespace RoCoIn.Distillation.Export;

/// <summary>One verified ONNX model written to the output folder.</summary>
/// <param name="Hash">SHA-256 of <paramref name="Bytes"/>.</param>
/// <param name="FileName">&lt;hash&gt;.onnx.</param>
/// <param name="Bytes">The model.</param>
/// <param name="MaxAbsDifference">Largest |ONNX Runtime − trainer| on the test set.</param>
public sealed record ExportedModel(string Hash, string FileName, byte[] Bytes, double MaxAbsDifference);
