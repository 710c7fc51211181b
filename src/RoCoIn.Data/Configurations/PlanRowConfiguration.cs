using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Configurations;

internal sealed class PlanRowConfiguration : IEntityTypeConfiguration<PlanRow>
{
    public void Configure(EntityTypeBuilder<PlanRow> builder)
    {
        builder.ToTable("Plans");
        builder.HasKey(p => p.Id);
        builder.Property(p => p.Name).HasMaxLength(200).IsRequired();
        builder.Property(p => p.FleetName).HasMaxLength(200).IsRequired();
        builder.Property(p => p.FleetHash).HasMaxLength(64).IsRequired();
        builder.Property(p => p.DocumentJson).IsRequired();
        builder.Property(p => p.CreatedUtc).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        // A plan outlives its fleet: deleting the fleet keeps the plan and its device snapshot.
        builder.HasOne<FleetRow>().WithMany().HasForeignKey(p => p.FleetId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(p => p.FleetId);
    }
}
