using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Torch;

/// <summary>
/// A fully connected layer that reads a C×H×W input as its C·H·W values, as ONNX Gemm after Flatten does (and as
/// <see cref="Engine.Models.LinearLayer"/> is costed). Its parameters are "weight" [out, in] and "bias" [out], so in a
/// Sequential at index i they are "i.weight" and "i.bias", as the exporter expects.
/// </summary>
public sealed class FlattenLinear : nn.Module<Tensor, Tensor>
{
    private readonly Parameter _weight;
    private readonly Parameter _bias;

    /// <summary>A layer from <paramref name="inFeatures"/> to <paramref name="outFeatures"/> with PyTorch's default initialisation.</summary>
    public FlattenLinear(long inFeatures, long outFeatures) : base(nameof(FlattenLinear))
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(inFeatures, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(outFeatures, 1);
        InFeatures = inFeatures;
        // nn.Linear's reset_parameters: kaiming_uniform(a = √5) for the weight and U(±1/√in) for the bias, both of
        // which come to U(±1/√in).
        var bound = 1.0 / Math.Sqrt(inFeatures);
        _weight = new Parameter(empty(outFeatures, inFeatures).uniform_(-bound, bound), requires_grad: true);
        _bias = new Parameter(empty(outFeatures).uniform_(-bound, bound), requires_grad: true);
        register_parameter("weight", _weight);
        register_parameter("bias", _bias);
    }

    /// <summary>Values each input is read as.</summary>
    public long InFeatures { get; }

    /// <inheritdoc />
    public override Tensor forward(Tensor input)
    {
        ArgumentNullException.ThrowIfNull(input);
        using var flat = input.dim() > 2 ? input.flatten(1) : input.alias();
        return nn.functional.linear(flat, _weight, _bias);
    }
}
