using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Data;

/// <summary>The studio's SQLite database. Create one per operation through IDbContextFactory.</summary>
public sealed class RoCoInDbContext(DbContextOptions<RoCoInDbContext> options) : DbContext(options)
{
    public DbSet<DeviceProfile> Devices => Set<DeviceProfile>();
    public DbSet<FleetRow> Fleets => Set<FleetRow>();
    public DbSet<FleetMemberRow> FleetMembers => Set<FleetMemberRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoCoInDbContext).Assembly);
}
