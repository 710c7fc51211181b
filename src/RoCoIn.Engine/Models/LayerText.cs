using System.Globalization;

namespace RoCoIn.Engine.Models;

/// <summary>Short human descriptions of layers, for layer lists and error messages.</summary>
public static class LayerText
{
    /// <summary>
    /// A compact description such as "Conv 3×3 → 32, stride 1, pad 1", "MaxPool 2×2, stride 2" or "Linear → 10".
    /// </summary>
    public static string Describe(Layer layer)
    {
        ArgumentNullException.ThrowIfNull(layer);
        return layer switch
        {
            Conv2dLayer c => string.Create(CultureInfo.InvariantCulture,
                $"Conv {c.Kernel}×{c.Kernel} → {c.OutChannels}, stride {c.Stride}, pad {c.Padding}"),
            ReluLayer => "ReLU",
            MaxPoolLayer m => string.Create(CultureInfo.InvariantCulture, $"MaxPool {m.Kernel}×{m.Kernel}, stride {m.Stride}"),
            AdaptiveAvgPoolLayer a => string.Create(CultureInfo.InvariantCulture,
                $"AdaptiveAvgPool → {a.OutputHeight}×{a.OutputWidth}"),
            GlobalAvgPoolLayer => "GlobalAvgPool",
            FlattenLayer => "Flatten",
            LinearLayer l => string.Create(CultureInfo.InvariantCulture, $"Linear → {l.OutFeatures}"),
            _ => layer.GetType().Name,
        };
    }
}
