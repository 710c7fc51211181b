namespace RoCoIn.Engine.Inference;

/// <summary>
/// Builds a single-graph ONNX model (ModelProto) with a small dependency-free protobuf writer: graph inputs and
/// outputs with an optional symbolic batch dimension, float and int64 initializers (as raw_data) and nodes of the
/// default domain. <see cref="ToBytes"/> gives bytes that ONNX Runtime loads directly.
/// </summary>
/// <remarks>
/// Writes IR version <see cref="IrVersion"/> and opset <see cref="OpsetVersion"/> (stack-notes §6). Only the
/// fields listed on each method are written; everything else keeps its protobuf default. The builder checks that
/// names are non-empty and that no tensor name is produced twice (inputs, initializers and node outputs share one
/// namespace in ONNX); it does not type-check the graph, which ONNX Runtime does when it loads the bytes.
/// </remarks>
public sealed class OnnxGraphBuilder
{
    /// <summary>ONNX IR version written to ModelProto.ir_version.</summary>
    public const long IrVersion = 8;

    /// <summary>Version of the default ("ai.onnx") operator set imported by the model.</summary>
    public const long OpsetVersion = 13;

    // TensorProto.DataType values from onnx.proto.
    private const long DataTypeFloat = 1;
    private const long DataTypeInt64 = 7;

    private readonly List<Action<ProtoWriter>> _nodes = [];
    private readonly List<Action<ProtoWriter>> _initializers = [];
    private readonly List<Action<ProtoWriter>> _inputs = [];
    private readonly List<Action<ProtoWriter>> _outputs = [];
    private readonly HashSet<string> _producedNames = new(StringComparer.Ordinal);
    private int _nodeCount;

    /// <summary>Starts an empty graph.</summary>
    /// <param name="graphName">GraphProto.name (shown by ONNX Runtime's metadata as the graph name).</param>
    /// <param name="producerName">ModelProto.producer_name.</param>
    public OnnxGraphBuilder(string graphName = "graph", string producerName = "RoCoIn")
    {
        ArgumentException.ThrowIfNullOrEmpty(graphName);
        ArgumentNullException.ThrowIfNull(producerName);
        GraphName = graphName;
        ProducerName = producerName;
    }

    /// <summary>GraphProto.name.</summary>
    public string GraphName { get; }

    /// <summary>ModelProto.producer_name.</summary>
    public string ProducerName { get; }

    /// <summary>Name of the symbolic dimension written for a negative entry in an input or output shape.</summary>
    /// <remarks>Default "batch".</remarks>
    public string SymbolicDimensionName { get; init; } = "batch";

    /// <summary>Adds a float32 graph input with shape <paramref name="dims"/>; a negative entry is the symbolic batch dimension.</summary>
    /// <example><c>Input("input", -1, 1, 28, 28)</c> is an N×1×28×28 image batch.</example>
    public OnnxGraphBuilder Input(string name, params long[] dims)
    {
        Produce(name);
        _inputs.Add(ValueInfo(name, dims));
        return this;
    }

    /// <summary>Adds a float32 graph output with shape <paramref name="dims"/>; a negative entry is the symbolic batch dimension.</summary>
    public OnnxGraphBuilder Output(string name, params long[] dims)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        _outputs.Add(ValueInfo(name, dims));
        return this;
    }

    /// <summary>Adds a float32 constant tensor (TensorProto with dims, data_type FLOAT, name and raw_data).</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of <paramref name="dims"/>.</exception>
    public OnnxGraphBuilder Initializer(string name, long[] dims, ReadOnlySpan<float> values)
    {
        var shape = CheckedDims(name, dims, values.Length);
        Produce(name);
        var copy = values.ToArray();
        _initializers.Add(w =>
        {
            WriteDims(w, shape);
            w.WriteInt64(2, DataTypeFloat);
            w.WriteString(8, name);
            w.WriteFloatsAsBytes(9, copy);
        });
        return this;
    }

    /// <summary>Adds an int64 constant tensor (e.g. the target shape of a Reshape).</summary>
    /// <exception cref="ArgumentException">The number of values is not the product of <paramref name="dims"/>.</exception>
    public OnnxGraphBuilder Int64Initializer(string name, long[] dims, ReadOnlySpan<long> values)
    {
        var shape = CheckedDims(name, dims, values.Length);
        Produce(name);
        var copy = values.ToArray();
        _initializers.Add(w =>
        {
            WriteDims(w, shape);
            w.WriteInt64(2, DataTypeInt64);
            w.WriteString(8, name);
            w.WriteInt64sAsBytes(9, copy);
        });
        return this;
    }

    /// <summary>
    /// Adds a node of the default domain (NodeProto: input, output, name "{opType}_{n}", op_type, attribute).
    /// Nodes must be added in topological order.
    /// </summary>
    public OnnxGraphBuilder Node(string opType, IReadOnlyList<string> inputs, IReadOnlyList<string> outputs,
        params OnnxAttributeValue[] attributes)
    {
        ArgumentException.ThrowIfNullOrEmpty(opType);
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(outputs);
        ArgumentNullException.ThrowIfNull(attributes);
        if (outputs.Count == 0)
            throw new ArgumentException($"Node {opType} needs at least one output.", nameof(outputs));
        foreach (var input in inputs)
            ArgumentNullException.ThrowIfNull(input, nameof(inputs));
        foreach (var output in outputs)
            Produce(output);

        var inputList = inputs.ToArray();
        var outputList = outputs.ToArray();
        var attributeList = (OnnxAttributeValue[])attributes.Clone();
        var nodeName = $"{opType}_{_nodeCount++}";
        _nodes.Add(w =>
        {
            foreach (var input in inputList)
                w.WriteString(1, input);
            foreach (var output in outputList)
                w.WriteString(2, output);
            w.WriteString(3, nodeName);
            w.WriteString(4, opType);
            foreach (var attribute in attributeList)
                w.WriteMessage(5, attribute.WriteTo);
        });
        return this;
    }

    /// <summary>
    /// The serialized ModelProto: ir_version = 1, producer_name = 2, graph = 7, opset_import = 8; the GraphProto
    /// holds node = 1, name = 2, initializer = 5, input = 11, output = 12.
    /// </summary>
    public byte[] ToBytes()
    {
        var model = new ProtoWriter();
        model.WriteInt64(1, IrVersion);
        model.WriteString(2, ProducerName);
        model.WriteMessage(7, graph =>
        {
            foreach (var node in _nodes)
                graph.WriteMessage(1, node);
            graph.WriteString(2, GraphName);
            foreach (var initializer in _initializers)
                graph.WriteMessage(5, initializer);
            foreach (var input in _inputs)
                graph.WriteMessage(11, input);
            foreach (var output in _outputs)
                graph.WriteMessage(12, output);
        });
        // OperatorSetIdProto: domain = 1 (empty: the default domain), version = 2.
        model.WriteMessage(8, opset =>
        {
            opset.WriteString(1, "");
            opset.WriteInt64(2, OpsetVersion);
        });
        return model.WrittenSpan.ToArray();
    }

    private void Produce(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        if (!_producedNames.Add(name))
            throw new ArgumentException($"Tensor name '{name}' is already used in graph '{GraphName}'.", nameof(name));
    }

    private static long[] CheckedDims(string name, long[] dims, int valueCount)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        ArgumentNullException.ThrowIfNull(dims);
        long expected = 1;
        foreach (var dim in dims)
        {
            if (dim < 0)
                throw new ArgumentException($"Initializer '{name}' has a negative dimension ({string.Join("×", dims)}).", nameof(dims));
            expected = checked(expected * dim);
        }
        if (expected != valueCount)
            throw new ArgumentException(
                $"Initializer '{name}' has {valueCount} values; its shape {string.Join("×", dims)} needs {expected}.", nameof(dims));
        return (long[])dims.Clone();
    }

    private static void WriteDims(ProtoWriter writer, long[] dims)
    {
        // TensorProto.dims = 1, repeated int64, unpacked (proto2).
        foreach (var dim in dims)
            writer.WriteInt64(1, dim);
    }

    /// <summary>
    /// ValueInfoProto: name = 1, type = 2 → TypeProto.tensor_type = 1 → {elem_type = 1, shape = 2 → dim = 1 →
    /// {dim_value = 1 | dim_param = 2}}.
    /// </summary>
    private Action<ProtoWriter> ValueInfo(string name, long[] dims)
    {
        ArgumentNullException.ThrowIfNull(dims);
        var shape = (long[])dims.Clone();
        var symbol = SymbolicDimensionName;
        return w =>
        {
            w.WriteString(1, name);
            w.WriteMessage(2, type => type.WriteMessage(1, tensor =>
            {
                tensor.WriteInt64(1, DataTypeFloat);
                tensor.WriteMessage(2, shapeProto =>
                {
                    foreach (var dim in shape)
                    {
                        shapeProto.WriteMessage(1, d =>
                        {
                            if (dim < 0)
                                d.WriteString(2, symbol);
                            else
                                d.WriteInt64(1, dim);
                        });
                    }
                });
            }));
        };
    }
}
