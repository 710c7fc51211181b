using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;

namespace RoCoIn.Data;

/// <summary>Brings the database to the current schema at start-up and fills a brand-new one with demo content.</summary>
public sealed class DatabaseInitializer(IDbContextFactory<RoCoInDbContext> contexts, DeviceStore devices, FleetStore fleets, PlanStore plans)
{
    /// <summary>Applies pending migrations; seeds demo content when the database was created by this call.</summary>
    /// <returns>True when the database was new and got the demo content.</returns>
    public async Task<bool> InitializeAsync(bool seedDemoContent, CancellationToken cancellationToken = default)
    {
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        bool isNew;
        if (db.Database.IsSqlite())
        {
            isNew = !(await db.Database.GetAppliedMigrationsAsync(cancellationToken)).Any();
            await db.Database.MigrateAsync(cancellationToken);
            // WAL lets pages read while a background job writes (stack-notes §9).
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }
        else
        {
            // The migrations are SQLite's; PostgreSQL gets the current schema once, with no upgrade path yet (ADR-012).
            isNew = await db.Database.EnsureCreatedAsync(cancellationToken);
        }
        if (isNew && seedDemoContent)
        {
            await DemoContent.SeedAsync(devices, fleets, plans, cancellationToken);
            return true;
        }
        return false;
    }
}
