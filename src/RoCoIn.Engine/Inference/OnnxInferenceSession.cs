using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace RoCoIn.Engine.Inference;

/// <summary>
/// <see cref="IInferenceSession"/> on ONNX Runtime: one <see cref="InferenceSession"/> per model, created once and
/// reused, run through the <see cref="OrtValue"/> API.
/// </summary>
/// <remarks>
/// The model must have exactly one float32 input and one float32 output, and only their first (batch) dimension
/// may be symbolic. Runs use <c>IntraOpNumThreads</c> threads (default 1, so a studio on two cores keeps one for
/// its pages) and one inter-op thread. <see cref="Run"/> may be called from several threads at once, as ONNX
/// Runtime allows; dispose the session only when no call is running.
/// </remarks>
public sealed class OnnxInferenceSession : IInferenceSession, IDisposable
{
    /// <summary>Default number of threads one run may use inside an operator.</summary>
    public const int DefaultIntraOpNumThreads = 1;

    private readonly InferenceSession _session;
    private readonly RunOptions _runOptions = new();
    private readonly string[] _inputNames;
    private readonly string[] _outputNames;
    private readonly long[] _inputShape;
    private readonly long[] _outputShape;
    private readonly long _inputValuesPerItem;
    private bool _disposed;

    /// <summary>Loads a model from its serialized bytes (e.g. <see cref="ArchitectureOnnxExporter.Export"/>'s result).</summary>
    /// <param name="model">ONNX ModelProto bytes.</param>
    /// <param name="intraOpNumThreads">Threads one run may use inside an operator (at least 1).</param>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
    /// <exception cref="ArgumentException">The model does not have one float input and one float output with only a symbolic batch dimension.</exception>
    public OnnxInferenceSession(byte[] model, int intraOpNumThreads = DefaultIntraOpNumThreads)
        : this(Load(model, intraOpNumThreads))
    {
    }

    /// <summary>Loads a model from an .onnx file.</summary>
    /// <param name="modelPath">Path of the .onnx file.</param>
    /// <param name="intraOpNumThreads">Threads one run may use inside an operator (at least 1).</param>
    /// <exception cref="FileNotFoundException">There is no file at <paramref name="modelPath"/>.</exception>
    /// <exception cref="OnnxRuntimeException">ONNX Runtime cannot load the model.</exception>
    /// <exception cref="ArgumentException">The model does not have one float input and one float output with only a symbolic batch dimension.</exception>
    public OnnxInferenceSession(string modelPath, int intraOpNumThreads = DefaultIntraOpNumThreads)
        : this(Load(modelPath, intraOpNumThreads))
    {
    }

    private OnnxInferenceSession(InferenceSession session)
    {
        _session = session;
        try
        {
            (InputName, _inputShape) = Describe(session.InputMetadata, "input");
            (OutputName, _outputShape) = Describe(session.OutputMetadata, "output");
            _inputNames = [InputName];
            _outputNames = [OutputName];
            _inputValuesPerItem = _inputShape.Skip(1).Aggregate(1L, (a, b) => checked(a * b));
        }
        catch
        {
            _runOptions.Dispose();
            session.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public string InputName { get; }

    /// <inheritdoc />
    public string OutputName { get; }

    /// <inheritdoc />
    public IReadOnlyList<long> InputShape => _inputShape;

    /// <inheritdoc />
    public IReadOnlyList<long> OutputShape => _outputShape;

    /// <inheritdoc />
    public float[] Run(ReadOnlySpan<float> input, int batch)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        ArgumentOutOfRangeException.ThrowIfLessThan(batch, 1);
        if (_inputShape[0] >= 0 && _inputShape[0] != batch)
            throw new ArgumentException($"The model's batch size is fixed at {_inputShape[0]}; got {batch}.", nameof(batch));
        var expected = checked(batch * _inputValuesPerItem);
        if (input.Length != expected)
        {
            throw new ArgumentException(
                $"Input '{InputName}' needs {expected} values for batch {batch} (shape {string.Join("×", _inputShape.Skip(1))} each); got {input.Length}.",
                nameof(input));
        }

        var shape = (long[])_inputShape.Clone();
        shape[0] = batch;
        using var inputValue = OrtValue.CreateAllocatedTensorValue(OrtAllocator.DefaultInstance, TensorElementType.Float, shape);
        input.CopyTo(inputValue.GetTensorMutableDataAsSpan<float>());
        using var outputs = _session.Run(_runOptions, _inputNames, [inputValue], _outputNames);
        return outputs[0].GetTensorDataAsSpan<float>().ToArray();
    }

    /// <summary>Releases the native session.</summary>
    public void Dispose()
    {
        if (_disposed)
            return;
        _disposed = true;
        _session.Dispose();
        _runOptions.Dispose();
    }

    private static InferenceSession Load(byte[] model, int intraOpNumThreads)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var options = Options(intraOpNumThreads);
        return new InferenceSession(model, options);
    }

    private static InferenceSession Load(string modelPath, int intraOpNumThreads)
    {
        ArgumentException.ThrowIfNullOrEmpty(modelPath);
        if (!File.Exists(modelPath))
            throw new FileNotFoundException($"No ONNX model at '{modelPath}'.", modelPath);
        using var options = Options(intraOpNumThreads);
        return new InferenceSession(modelPath, options);
    }

    private static SessionOptions Options(int intraOpNumThreads)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(intraOpNumThreads, 1);
        return new SessionOptions
        {
            IntraOpNumThreads = intraOpNumThreads,
            InterOpNumThreads = 1,
            ExecutionMode = ExecutionMode.ORT_SEQUENTIAL,
        };
    }

    private static (string Name, long[] Shape) Describe(IReadOnlyDictionary<string, NodeMetadata> metadata, string role)
    {
        if (metadata.Count != 1)
            throw new ArgumentException($"The model has {metadata.Count} {role}s; exactly one is supported.");
        var (name, node) = metadata.First();
        if (!node.IsTensor || node.ElementDataType != TensorElementType.Float)
            throw new ArgumentException($"The model's {role} '{name}' is not a float32 tensor.");
        var shape = node.Dimensions.Select(d => (long)d).ToArray();
        if (shape.Length == 0)
            throw new ArgumentException($"The model's {role} '{name}' is a scalar; a batch dimension is needed.");
        if (shape.Skip(1).Any(d => d < 0))
        {
            throw new ArgumentException(
                $"The model's {role} '{name}' has shape [{string.Join(", ", shape)}]; only the first (batch) dimension may be symbolic.");
        }
        return (name, shape);
    }
}
