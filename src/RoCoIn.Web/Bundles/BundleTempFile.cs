namespace RoCoIn.Web.Bundles;

/// <summary>Scratch files for bundles on their way in or out: deleted when closed, so a zip never has to fit in memory.</summary>
internal static class BundleTempFile
{
    public static FileStream Create() =>
        new(Path.Combine(Path.GetTempPath(), $"rocoin-bundle-{Guid.NewGuid():N}.zip"), FileMode.CreateNew, FileAccess.ReadWrite,
            FileShare.None, 81920, FileOptions.DeleteOnClose | FileOptions.Asynchronous);
}
