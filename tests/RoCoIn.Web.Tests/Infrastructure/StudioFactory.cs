using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace RoCoIn.Web.Tests.Infrastructure;

/// <summary>The whole studio in-process, on its own temporary data folder (real SQLite file).</summary>
/// <param name="seedDemoContent">Whether a new database gets the demo fleets.</param>
/// <param name="configureServices">Test seams, applied after the studio's own registrations (e.g. fake job handlers).</param>
/// <param name="dataPath">
/// A data folder to use, e.g. to start a second studio on the first one's database; the caller then deletes it.
/// By default a new temporary folder, deleted on dispose.
/// </param>
/// <param name="settings">Extra configuration, e.g. RoCoIn:Access:Mode.</param>
public sealed class StudioFactory(bool seedDemoContent = false, Action<IServiceCollection>? configureServices = null, string? dataPath = null,
    IReadOnlyDictionary<string, string>? settings = null)
    : WebApplicationFactory<Program>
{
    private readonly bool _ownsDataPath = dataPath is null;

    public string DataPath { get; } = dataPath ?? Path.Combine(Path.GetTempPath(), "rocoin-web-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RoCoIn:DataPath", DataPath);
        builder.UseSetting("RoCoIn:SeedDemoContent", seedDemoContent ? "true" : "false");
        builder.UseEnvironment("Development");
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            builder.UseSetting(key, value);
        if (configureServices is not null)
            builder.ConfigureTestServices(configureServices);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // SQLite pools connections; clear them so the files can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (!_ownsDataPath)
            return;
        try
        {
            Directory.Delete(DataPath, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the OS cleans it.
        }
    }
}
