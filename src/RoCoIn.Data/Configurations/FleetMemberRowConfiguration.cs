using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Data.Configurations;

internal sealed class FleetMemberRowConfiguration : IEntityTypeConfiguration<FleetMemberRow>
{
    public void Configure(EntityTypeBuilder<FleetMemberRow> builder)
    {
        builder.ToTable("FleetMembers");
        builder.HasKey(m => new { m.FleetId, m.DeviceId });
        // Deleting a device drops its memberships; the store refuses that unless the user confirmed a cascade.
        builder.HasOne<DeviceProfile>().WithMany().HasForeignKey(m => m.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(m => m.DeviceId);
    }
}
