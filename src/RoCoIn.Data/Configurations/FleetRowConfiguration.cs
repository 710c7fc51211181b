using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Fleets;

namespace RoCoIn.Data.Configurations;

internal sealed class FleetRowConfiguration : IEntityTypeConfiguration<FleetRow>
{
    public void Configure(EntityTypeBuilder<FleetRow> builder)
    {
        builder.ToTable("Fleets");
        builder.HasKey(f => f.Id);
        builder.Property(f => f.Name).HasMaxLength(FleetValidator.MaxNameLength).UseCollation("NOCASE").IsRequired();
        builder.HasIndex(f => f.Name).IsUnique();
        builder.Property(f => f.Description).HasMaxLength(FleetValidator.MaxDescriptionLength).IsRequired();
        // SQLite cannot order by DateTimeOffset; store it as UTC ticks.
        builder.Property(f => f.CreatedUtc).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        builder.HasMany(f => f.Members).WithOne().HasForeignKey(m => m.FleetId).OnDelete(DeleteBehavior.Cascade);
    }
}
