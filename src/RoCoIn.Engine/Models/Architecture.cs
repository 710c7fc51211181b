namespace RoCoIn.Engine.Models;

/// <summary>A CNN as an input shape and a layer list; costs are computed from it, never typed in.</summary>
/// <param name="Name">Display name.</param>
/// <param name="Input">Input shape (Fashion-MNIST: 1×28×28).</param>
/// <param name="Layers">Layers in order.</param>
public sealed record Architecture(string Name, TensorShape Input, IReadOnlyList<Layer> Layers)
{
    /// <summary>Shapes, parameters, FLOPs and memory (rocoin-model.md §2).</summary>
    /// <exception cref="InvalidOperationException">A layer does not fit its input (e.g. a kernel larger than the map).</exception>
    public ArchitectureCost Cost() => ArchitectureCosting.Cost(this);

    /// <summary>The output shape of the whole network.</summary>
    public TensorShape OutputShape => Cost().Layers is { Count: > 0 } layers ? layers[^1].Output : Input;
}
