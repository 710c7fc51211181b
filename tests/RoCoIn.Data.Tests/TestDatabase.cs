using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;

namespace RoCoIn.Data.Tests;

/// <summary>
/// A real SQLite database in a temporary file, wired the way the studio wires it (<c>AddRoCoInData</c>).
/// Deleted, with its WAL and shared-memory files, when disposed.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private TestDatabase(string path)
    {
        FilePath = path;
        // No pooling, so that disposing the provider closes the file and it can be deleted.
        var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString();
        _services = new ServiceCollection().AddRoCoInData(connectionString).BuildServiceProvider();
    }

    public string FilePath { get; }

    public IDbContextFactory<RoCoInDbContext> Contexts => _services.GetRequiredService<IDbContextFactory<RoCoInDbContext>>();

    public DatabaseInitializer Initializer => _services.GetRequiredService<DatabaseInitializer>();

    public DeviceStore Devices => _services.GetRequiredService<DeviceStore>();

    public FleetStore Fleets => _services.GetRequiredService<FleetStore>();

    public JobStore Jobs => _services.GetRequiredService<JobStore>();

    public PlanStore Plans => _services.GetRequiredService<PlanStore>();

    public ScenarioStore Scenarios => _services.GetRequiredService<ScenarioStore>();

    public RunStore Runs => _services.GetRequiredService<RunStore>();

    public UserStore Users => _services.GetRequiredService<UserStore>();

    /// <summary>A database file that does not exist yet.</summary>
    public static TestDatabase CreateEmpty() =>
        new(Path.Combine(Path.GetTempPath(), $"rocoin-test-{Guid.NewGuid():N}.db"));

    /// <summary>A new database with the schema applied and no content.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(CancellationToken cancellationToken)
    {
        var database = CreateEmpty();
        await database.Initializer.InitializeAsync(seedDemoContent: false, cancellationToken);
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            File.Delete(FilePath + suffix);
    }
}
