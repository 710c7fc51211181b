using RoCoIn.Engine.Validation;

namespace RoCoIn.Distillation;

/// <summary>The job cannot run as given: an invalid spec, an unreadable dataset or a saved teacher that does not fit (exit code 2).</summary>
public sealed class DistillationInputException : Exception
{
    /// <summary>An input error with a message and, for an invalid spec, the problems by field.</summary>
    public DistillationInputException(string message, IReadOnlyList<FieldError>? errors = null, Exception? innerException = null)
        : base(message, innerException) => Errors = errors;

    /// <summary>An input error with a message.</summary>
    public DistillationInputException(string message) : this(message, null, null)
    {
    }

    /// <summary>An input error with a message and its cause.</summary>
    public DistillationInputException(string message, Exception innerException) : this(message, null, innerException)
    {
    }

    /// <summary>An input error without a message (required by the exception pattern).</summary>
    public DistillationInputException() : this("The distillation job's input is invalid.")
    {
    }

    /// <summary>The spec's problems by field, or null.</summary>
    public IReadOnlyList<FieldError>? Errors { get; }
}
