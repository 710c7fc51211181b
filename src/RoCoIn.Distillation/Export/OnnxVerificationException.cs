namespace RoCoIn.Distillation.Export;

/// <summary>An exported model's ONNX Runtime outputs differ from the trainer's beyond the tolerance: the export is wrong.</summary>
public sealed class OnnxVerificationException : Exception
{
    /// <summary>A verification failure described by <paramref name="message"/>.</summary>
    public OnnxVerificationException(string message) : base(message)
    {
    }

    /// <summary>A verification failure with its cause.</summary>
    public OnnxVerificationException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>A verification failure without details (required by the exception pattern).</summary>
    public OnnxVerificationException() : base("An exported model does not match its trainer.")
    {
    }
}
