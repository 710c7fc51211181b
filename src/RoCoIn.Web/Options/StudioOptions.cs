namespace RoCoIn.Web.Options;

/// <summary>The "RoCoIn" configuration section.</summary>
public sealed class StudioOptions
{
    public const string Section = "RoCoIn";

    /// <summary>Folder for rocoin.db and, later, models and datasets. Relative paths are under the content root.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary>Whether a brand-new database gets the demo fleets and devices.</summary>
    public bool SeedDemoContent { get; set; } = true;

    /// <summary>Largest import file accepted, bytes.</summary>
    public long MaxImportBytes { get; set; } = 5_000_000;
}
