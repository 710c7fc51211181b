namespace RoCoIn.Distillation.Tests;

/// <summary>Folders the tests need: the repository's bundled subset, the built program and fresh temporary folders.</summary>
internal static class TestPaths
{
    public static string BundledDataset { get; } = FindBundledDataset();

    /// <summary>RoCoIn.Distillation.dll, copied next to this test assembly by the project reference.</summary>
    public static string ProgramDll { get; } = Path.Combine(AppContext.BaseDirectory, "RoCoIn.Distillation.dll");

    /// <summary>A new empty folder under the system's temporary folder.</summary>
    public static string NewTempFolder(string prefix)
    {
        var folder = Path.Combine(Path.GetTempPath(), $"{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        return folder;
    }

    private static string FindBundledDataset()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "assets", "datasets", "fashion-mnist-subset");
            if (Directory.Exists(candidate))
                return candidate;
        }
        throw new DirectoryNotFoundException("assets/datasets/fashion-mnist-subset was not found above the test binaries.");
    }
}
