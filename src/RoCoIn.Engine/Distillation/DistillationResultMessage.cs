namespace RoCoIn.Engine.Distillation;

/// <summary>The last line of a successful job, sent after result.json is in place.</summary>
/// <param name="ResultPath">Full path of result.json.</param>
/// <param name="Result">The same content as result.json.</param>
public sealed record DistillationResultMessage(string ResultPath, DistillationResult Result) : DistillationMessage;
