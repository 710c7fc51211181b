namespace RoCoIn.Engine.Inference;

/// <summary>
/// A loaded model with one float32 input and one float32 output, run on a batch at a time. The seam between the
/// engine and ONNX Runtime (<see cref="OnnxInferenceSession"/>), so tests can use a fake and need no model.
/// </summary>
/// <remarks>Implementations are safe to call from several threads at once.</remarks>
public interface IInferenceSession
{
    /// <summary>Name of the model's input.</summary>
    string InputName { get; }

    /// <summary>Name of the model's output.</summary>
    string OutputName { get; }

    /// <summary>The input shape, batch dimension first; −1 where the model leaves a dimension symbolic (the batch).</summary>
    IReadOnlyList<long> InputShape { get; }

    /// <summary>The output shape, batch dimension first; −1 where the model leaves a dimension symbolic (the batch).</summary>
    IReadOnlyList<long> OutputShape { get; }

    /// <summary>Runs the model on <paramref name="batch"/> inputs stored one after another, row-major.</summary>
    /// <param name="input">batch × (product of <see cref="InputShape"/> after the batch dimension) values.</param>
    /// <param name="batch">Number of inputs (at least 1).</param>
    /// <returns>The output for the whole batch, flattened row-major (batch first).</returns>
    /// <exception cref="ArgumentException">The input length does not match the batch, or the model has a fixed batch size different from <paramref name="batch"/>.</exception>
    float[] Run(ReadOnlySpan<float> input, int batch);
}
