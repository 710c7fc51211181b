using System.Buffers.Binary;
using System.IO.Compression;

namespace RoCoIn.Engine.Datasets;

/// <summary>
/// Reads the IDX format of MNIST and Fashion-MNIST (big-endian header: magic 0x00000803 for unsigned-byte
/// images with 3 dimensions, 0x00000801 for labels), plain or gzip-compressed. Sizes come from the files.
/// </summary>
public static class IdxReader
{
    /// <summary>Magic number of an IDX file of unsigned bytes with 3 dimensions (images).</summary>
    public const int ImagesMagic = 0x00000803;

    /// <summary>Magic number of an IDX file of unsigned bytes with 1 dimension (labels).</summary>
    public const int LabelsMagic = 0x00000801;

    /// <summary>Reads an images file and its labels file into one dataset.</summary>
    /// <exception cref="InvalidDataException">A missing, truncated or inconsistent file; the message names the file and what is wrong.</exception>
    public static ImageDataset Read(string imagesPath, string labelsPath)
    {
        var images = ReadAll(imagesPath);
        var labels = ReadAll(labelsPath);
        var (count, rows, columns) = ImagesHeader(images, imagesPath);
        var labelCount = LabelsHeader(labels, labelsPath);
        if (labelCount != count)
            throw new InvalidDataException($"{Path.GetFileName(imagesPath)} has {count} images but {Path.GetFileName(labelsPath)} has {labelCount} labels.");
        var pixels = images.AsSpan(16).ToArray();
        var labelBytes = labels.AsSpan(8).ToArray();
        var classes = labelBytes.Length == 0 ? 0 : labelBytes.Max() + 1;
        return new ImageDataset(pixels, labelBytes, count, rows, columns, classes);
    }

    /// <summary>Writes a dataset as a gzip-compressed IDX pair (used to make the committed subset).</summary>
    public static void Write(ImageDataset dataset, string imagesPath, string labelsPath)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        var header = new byte[16];
        BinaryPrimitives.WriteInt32BigEndian(header, ImagesMagic);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), dataset.Count);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(8), dataset.Rows);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(12), dataset.Columns);
        WriteGzip(imagesPath, [.. header, .. dataset.Pixels]);
        var labelHeader = new byte[8];
        BinaryPrimitives.WriteInt32BigEndian(labelHeader, LabelsMagic);
        BinaryPrimitives.WriteInt32BigEndian(labelHeader.AsSpan(4), dataset.Count);
        WriteGzip(labelsPath, [.. labelHeader, .. dataset.Labels]);
    }

    private static (int Count, int Rows, int Columns) ImagesHeader(byte[] data, string path)
    {
        var name = Path.GetFileName(path);
        if (data.Length < 16)
            throw new InvalidDataException($"{name} is {data.Length} bytes, too short for an IDX image header (16 bytes).");
        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != ImagesMagic)
            throw new InvalidDataException($"{name} starts with magic number 0x{magic:X8}; an IDX image file starts with 0x{ImagesMagic:X8}.");
        var count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        var rows = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(8));
        var columns = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(12));
        if (count < 0 || rows <= 0 || columns <= 0 || rows > 4096 || columns > 4096)
            throw new InvalidDataException($"{name} declares {count} images of {rows}×{columns}, which is not a plausible image set.");
        var expected = 16L + ((long)count * rows * columns);
        if (data.Length != expected)
            throw new InvalidDataException($"{name} should be {expected} bytes for {count} images of {rows}×{columns}, but is {data.Length} bytes.");
        return (count, rows, columns);
    }

    private static int LabelsHeader(byte[] data, string path)
    {
        var name = Path.GetFileName(path);
        if (data.Length < 8)
            throw new InvalidDataException($"{name} is {data.Length} bytes, too short for an IDX label header (8 bytes).");
        var magic = BinaryPrimitives.ReadInt32BigEndian(data);
        if (magic != LabelsMagic)
            throw new InvalidDataException($"{name} starts with magic number 0x{magic:X8}; an IDX label file starts with 0x{LabelsMagic:X8}.");
        var count = BinaryPrimitives.ReadInt32BigEndian(data.AsSpan(4));
        if (count < 0 || data.Length != 8L + count)
            throw new InvalidDataException($"{name} declares {count} labels but holds {data.Length - 8}.");
        return count;
    }

    private static byte[] ReadAll(string path)
    {
        if (!File.Exists(path))
            throw new InvalidDataException($"The dataset file {path} does not exist.");
        using var file = File.OpenRead(path);
        var gz = file.Length >= 2 && file.ReadByte() == 0x1f && file.ReadByte() == 0x8b;
        file.Position = 0;
        try
        {
            using Stream source = gz ? new GZipStream(file, CompressionMode.Decompress) : file;
            using var memory = new MemoryStream();
            source.CopyTo(memory);
            return memory.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"{Path.GetFileName(path)} is not a readable gzip file: {ex.Message}", ex);
        }
    }

    private static void WriteGzip(string path, byte[] data)
    {
        using var file = File.Create(path);
        using var gzip = new GZipStream(file, CompressionLevel.SmallestSize);
        gzip.Write(data);
    }
}
