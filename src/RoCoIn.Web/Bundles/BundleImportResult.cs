namespace RoCoIn.Web.Bundles;

/// <summary>How an import ended: what it made, or why it made nothing.</summary>
/// <param name="Imported">What was made; null when the bundle was refused.</param>
/// <param name="Error">Why nothing was imported; null on success.</param>
public sealed record BundleImportResult(BundleImported? Imported, string? Error)
{
    public static BundleImportResult Ok(BundleImported imported) => new(imported, null);

    public static BundleImportResult Refused(string reason) => new(null, reason);
}
