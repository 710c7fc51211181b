using RoCoIn.Engine.Datasets;

namespace RoCoIn.Engine.Tests.Datasets;

public sealed class IdxReaderTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("rocoin-idx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    internal static string BundledFolder()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "assets", "datasets", "fashion-mnist-subset");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("assets/datasets/fashion-mnist-subset was not found above the test binaries.");
    }

    [Fact]
    public void BundledSubsetHoldsRealFashionMnistWithSizesFromTheFiles()
    {
        var location = DatasetLocator.Locate(null, BundledFolder());
        var folder = location.Source == "bundled subset" ? location : new DatasetLocation(BundledFolder(), "bundled subset");

        var train = IdxReader.Read(folder.TrainImages, folder.TrainLabels);
        var test = IdxReader.Read(folder.TestImages, folder.TestLabels);

        (train.Count, train.Rows, train.Columns, train.Classes).ShouldBe((5000, 28, 28, 10));
        test.Count.ShouldBe(1000);
        // Every class appears, and images are not blank.
        train.Labels.Distinct().Count().ShouldBe(10);
        train.Image(0).ToArray().Count(p => p > 0).ShouldBeGreaterThan(100);
    }

    [Fact]
    public void WriteThenReadRoundTrips()
    {
        var dataset = new ImageDataset([1, 2, 3, 4, 5, 6, 7, 8], [0, 2], 2, 2, 2, 3);
        var images = Path.Combine(_folder, "i.gz");
        var labels = Path.Combine(_folder, "l.gz");

        IdxReader.Write(dataset, images, labels);
        var read = IdxReader.Read(images, labels);

        read.Pixels.ShouldBe(dataset.Pixels);
        read.Labels.ShouldBe(dataset.Labels);
        (read.Count, read.Rows, read.Columns, read.Classes).ShouldBe((2, 2, 2, 3));
    }

    [Fact]
    public void WrongMagicNumberIsNamed()
    {
        var images = Path.Combine(_folder, "images");
        File.WriteAllBytes(images, [0, 0, 8, 1, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 1]);
        File.WriteAllBytes(Path.Combine(_folder, "labels"), [0, 0, 8, 1, 0, 0, 0, 0]);

        var error = Should.Throw<InvalidDataException>(() => IdxReader.Read(images, Path.Combine(_folder, "labels")));

        error.Message.ShouldContain("magic number 0x00000801");
        error.Message.ShouldContain("0x00000803");
    }

    [Fact]
    public void TruncatedFileSaysHowLongItShouldBe()
    {
        var dataset = new ImageDataset(new byte[2 * 4], [0, 1], 2, 2, 2, 2);
        var images = Path.Combine(_folder, "i");
        var labels = Path.Combine(_folder, "l");
        IdxReader.Write(dataset, images, labels);
        var raw = new MemoryStream();
        using (var gz = new System.IO.Compression.GZipStream(File.OpenRead(images), System.IO.Compression.CompressionMode.Decompress))
            gz.CopyTo(raw);
        File.WriteAllBytes(images, raw.ToArray()[..^3]);

        var error = Should.Throw<InvalidDataException>(() => IdxReader.Read(images, labels));

        error.Message.ShouldContain("should be 24 bytes");
    }

    [Fact]
    public void MissingFileAndCorruptGzipAreReadableErrors()
    {
        var missing = Should.Throw<InvalidDataException>(() => IdxReader.Read(Path.Combine(_folder, "none"), Path.Combine(_folder, "none2")));
        var corrupt = Path.Combine(_folder, "corrupt.gz");
        File.WriteAllBytes(corrupt, [0x1f, 0x8b, 1, 2, 3]);
        var bad = Should.Throw<InvalidDataException>(() => IdxReader.Read(corrupt, corrupt));

        missing.Message.ShouldContain("does not exist");
        bad.Message.ShouldContain("corrupt.gz");
    }

    [Fact]
    public void ConfiguredFolderWithoutTheFilesIsAnErrorNamingThem()
    {
        var error = Should.Throw<InvalidDataException>(() => DatasetLocator.Locate(_folder, BundledFolder()));

        error.Message.ShouldContain("train-images-idx3-ubyte");
    }
}
