using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Data.Configurations;

internal sealed class DeviceProfileConfiguration : IEntityTypeConfiguration<DeviceProfile>
{
    public void Configure(EntityTypeBuilder<DeviceProfile> builder)
    {
        builder.ToTable("Devices");
        builder.HasKey(d => d.Id);
        // NOCASE: names are unique regardless of case, as the engine's validator checks.
        builder.Property(d => d.Name).HasMaxLength(DeviceLimits.MaxNameLength).UseCollation("NOCASE").IsRequired();
        builder.HasIndex(d => d.Name).IsUnique();
        builder.Property(d => d.HardwareClass).HasMaxLength(DeviceLimits.MaxHardwareClassLength).IsRequired();
        builder.Property(d => d.Notes).HasMaxLength(DeviceLimits.MaxNotesLength).IsRequired();
    }
}
