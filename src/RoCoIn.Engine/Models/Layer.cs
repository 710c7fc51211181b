namespace RoCoIn.Engine.Models;

/// <summary>
/// One layer of a CNN as data. Input channels are inferred from the previous layer's output, so an
/// architecture is a list of layers plus an input shape. The trainer and the ONNX exporter read the same list.
/// </summary>
public abstract record Layer;

/// <summary>2-D convolution with a square kernel, bias included.</summary>
public sealed record Conv2dLayer(int OutChannels, int Kernel, int Stride = 1, int Padding = 0) : Layer;

/// <summary>Element-wise ReLU.</summary>
public sealed record ReluLayer : Layer;

/// <summary>Max pooling with a square window.</summary>
public sealed record MaxPoolLayer(int Kernel, int Stride) : Layer;

/// <summary>Adaptive average pooling to a fixed spatial size (the students' resize to the teacher's feature map).</summary>
public sealed record AdaptiveAvgPoolLayer(int OutputHeight, int OutputWidth) : Layer;

/// <summary>Global average pooling: C×H×W → C×1×1.</summary>
public sealed record GlobalAvgPoolLayer : Layer;

/// <summary>Flatten C×H×W to (C·H·W)×1×1.</summary>
public sealed record FlattenLayer : Layer;

/// <summary>Fully connected layer (Gemm), bias included.</summary>
public sealed record LinearLayer(int OutFeatures) : Layer;
