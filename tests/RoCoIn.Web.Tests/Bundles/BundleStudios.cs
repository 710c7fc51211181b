using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>
/// Two studios on their own data folders: one seeded with the demo content (the paper fleet's plan and its distilled model
/// set) that exports the demo plan's bundle, and an empty one that imports.
/// </summary>
public sealed class BundleStudios : IAsyncLifetime
{
    public BundleStudio Exporter { get; } = new(new StudioFactory(seedDemoContent: true));

    public BundleStudio Importer { get; } = new(new StudioFactory(seedDemoContent: false));

    public int DemoPlanId { get; private set; }

    /// <summary>The demo plan's bundle as the exporter wrote it.</summary>
    public byte[] DemoBundle { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        await Exporter.InitializeAsync();
        await Importer.InitializeAsync();
        DemoPlanId = await Exporter.DemoPlanAsync();
        DemoBundle = await Exporter.ExportAsync(DemoPlanId);
    }

    public async ValueTask DisposeAsync()
    {
        await Exporter.DisposeAsync();
        await Importer.DisposeAsync();
    }
}
