using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Configurations;

internal sealed class ScenarioRowConfiguration : IEntityTypeConfiguration<ScenarioRow>
{
    public void Configure(EntityTypeBuilder<ScenarioRow> builder)
    {
        builder.ToTable("Scenarios");
        builder.HasKey(s => s.Id);
        // NOCASE backs the store's case-insensitive check, as for devices and fleets.
        builder.Property(s => s.Name).HasMaxLength(ScenarioValidator.MaxNameLength).UseCollation("NOCASE").IsRequired();
        builder.HasIndex(s => s.Name).IsUnique();
        builder.Property(s => s.Description).HasMaxLength(ScenarioValidator.MaxDescriptionLength).IsRequired();
        builder.Property(s => s.Json).IsRequired();
        builder.Property(s => s.CreatedUtc).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        builder.Property(s => s.UpdatedUtc).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
    }
}
