using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Distillation;

/// <summary>
/// One line of the distillation program's standard output: a JSON object whose "type" is "progress", "result" or
/// "error" (<see cref="DistillationJson.WriteLine"/>, <see cref="DistillationJson.ReadLine"/>).
/// </summary>
/// <remarks>
/// The program writes nothing else on standard output. It sends progress lines while it works, then either one result
/// line (exit code 0) or one error line (exit code 1, or 2 for invalid input, in which case the error is the first line).
/// </remarks>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(DistillationProgressMessage), "progress")]
[JsonDerivedType(typeof(DistillationResultMessage), "result")]
[JsonDerivedType(typeof(DistillationErrorMessage), "error")]
public abstract record DistillationMessage;
