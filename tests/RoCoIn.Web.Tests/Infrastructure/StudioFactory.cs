using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RoCoIn.Web.Tests.Infrastructure;

/// <summary>The whole studio in-process, on its own temporary data folder (real SQLite file).</summary>
public sealed class StudioFactory : WebApplicationFactory<Program>
{
    private readonly bool _seedDemoContent;

    public StudioFactory(bool seedDemoContent = false)
    {
        _seedDemoContent = seedDemoContent;
        DataPath = Path.Combine(Path.GetTempPath(), "rocoin-web-tests", Guid.NewGuid().ToString("N"));
    }

    public string DataPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("RoCoIn:DataPath", DataPath);
        builder.UseSetting("RoCoIn:SeedDemoContent", _seedDemoContent ? "true" : "false");
        builder.UseEnvironment("Development");
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        // SQLite pools connections; clear them so the files can go.
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
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
