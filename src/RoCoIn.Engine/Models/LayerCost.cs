namespace RoCoIn.Engine.Models;

/// <summary>One layer with its shapes and costs, by the counting rule of rocoin-model.md §2.</summary>
/// <param name="Layer">The layer.</param>
/// <param name="Input">Its input shape.</param>
/// <param name="Output">Its output shape.</param>
/// <param name="Parameters">Weights and biases.</param>
/// <param name="Flops">2·MACs for Conv/Linear, one per output element for ReLU and pooling.</param>
public sealed record LayerCost(Layer Layer, TensorShape Input, TensorShape Output, long Parameters, long Flops);

/// <summary>An architecture's totals.</summary>
/// <param name="Parameters">All parameters.</param>
/// <param name="Flops">FLOPs of one inference at batch 1.</param>
/// <param name="MemoryBytes">4·parameters + the largest 4·(input + output elements) of any single layer (fp32).</param>
/// <param name="Layers">Per-layer breakdown, in order.</param>
public sealed record ArchitectureCost(long Parameters, long Flops, long MemoryBytes, IReadOnlyList<LayerCost> Layers);
