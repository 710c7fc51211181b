using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Distillation;

/// <summary>The last line of a failed job.</summary>
/// <param name="Message">What went wrong, in words a user can act on.</param>
/// <param name="Errors">For an invalid spec, every problem by field; otherwise null.</param>
public sealed record DistillationErrorMessage(string Message, IReadOnlyList<FieldError>? Errors = null) : DistillationMessage;
