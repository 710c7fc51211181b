namespace RoCoIn.Engine.Models;

/// <summary>The shape of one activation tensor at batch 1: channels × height × width.</summary>
public sealed record TensorShape(int Channels, int Height, int Width)
{
    /// <summary>Number of values in the tensor.</summary>
    public long Elements => (long)Channels * Height * Width;

    /// <inheritdoc />
    public override string ToString() => $"{Channels}×{Height}×{Width}";
}
