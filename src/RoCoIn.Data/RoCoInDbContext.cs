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
    public DbSet<JobRow> Jobs => Set<JobRow>();
    public DbSet<PlanRow> Plans => Set<PlanRow>();
    public DbSet<ModelSetRow> ModelSets => Set<ModelSetRow>();
    public DbSet<ScenarioRow> Scenarios => Set<ScenarioRow>();
    public DbSet<RunRow> Runs => Set<RunRow>();
    public DbSet<RunSecondRow> RunSeconds => Set<RunSecondRow>();
    public DbSet<AgentTokenRow> AgentTokens => Set<AgentTokenRow>();
    public DbSet<UserRow> Users => Set<UserRow>();

    protected override void OnModelCreating(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(RoCoInDbContext).Assembly);
}
