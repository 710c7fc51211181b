using RoCoIn.Engine.Datasets;
using static TorchSharp.torch;

namespace RoCoIn.Distillation.Torch;

/// <summary>Images and labels as tensors: pixels as float32 in [0, 1] (N×1×H×W), labels as int64 (N).</summary>
public sealed class ImageTensors : IDisposable
{
    /// <summary>Converts <paramref name="data"/>; pixel p becomes p / 255, as the agents normalise.</summary>
    public ImageTensors(ImageDataset data)
    {
        ArgumentNullException.ThrowIfNull(data);
        Count = data.Count;
        Pixels = Normalise(data.Pixels);
        Images = tensor(Pixels, [data.Count, 1, data.Rows, data.Columns]);
        LabelValues = data.Labels;
        Labels = tensor(data.Labels.Select(l => (long)l).ToArray(), [data.Count]);
    }

    /// <summary>Number of images.</summary>
    public int Count { get; }

    /// <summary>N×1×H×W float32.</summary>
    public Tensor Images { get; }

    /// <summary>N int64 class indices.</summary>
    public Tensor Labels { get; }

    /// <summary>The normalised pixels, N·H·W values (the input ONNX Runtime gets).</summary>
    public float[] Pixels { get; }

    /// <summary>The labels as bytes.</summary>
    public byte[] LabelValues { get; }

    /// <summary>Pixels p ↦ p / 255.</summary>
    public static float[] Normalise(byte[] pixels)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        var values = new float[pixels.Length];
        for (var i = 0; i < pixels.Length; i++)
            values[i] = pixels[i] / 255f;
        return values;
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Images.Dispose();
        Labels.Dispose();
    }
}
