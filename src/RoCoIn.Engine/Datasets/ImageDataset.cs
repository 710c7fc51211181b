namespace RoCoIn.Engine.Datasets;

/// <summary>Labelled grey-scale images as read from IDX files: pixels as bytes, row-major, one image after another.</summary>
/// <param name="Pixels">Count·Rows·Columns bytes (0 = black … 255 = white).</param>
/// <param name="Labels">One class index per image.</param>
/// <param name="Count">Number of images.</param>
/// <param name="Rows">Image height.</param>
/// <param name="Columns">Image width.</param>
/// <param name="Classes">Number of classes: the largest label + 1.</param>
public sealed record ImageDataset(byte[] Pixels, byte[] Labels, int Count, int Rows, int Columns, int Classes)
{
    /// <summary>Pixels of one image.</summary>
    public ReadOnlySpan<byte> Image(int index) => Pixels.AsSpan(index * Rows * Columns, Rows * Columns);

    /// <summary>The first <paramref name="count"/> images (all when fewer).</summary>
    public ImageDataset Take(int count)
    {
        count = Math.Clamp(count, 0, Count);
        return this with
        {
            Pixels = Pixels[..(count * Rows * Columns)],
            Labels = Labels[..count],
            Count = count,
        };
    }
}
