using RoCoIn.Web.Options;

namespace RoCoIn.Web.Bundles;

/// <summary>The bundle key of the "RoCoIn" configuration section: <c>RoCoIn:MaxBundleBytes</c>.</summary>
public sealed class BundleOptions
{
    /// <summary>200 MB (1 MB = 10^6 B).</summary>
    public const long DefaultMaxBundleBytes = 200_000_000;

    /// <summary>Largest bundle accepted for import, bytes; also the cap on its files' total uncompressed size.</summary>
    public long MaxBundleBytes { get; set; } = DefaultMaxBundleBytes;

    /// <summary>The options as configured under the "RoCoIn" section.</summary>
    public static BundleOptions From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return configuration.GetSection(StudioOptions.Section).Get<BundleOptions>() ?? new BundleOptions();
    }
}
