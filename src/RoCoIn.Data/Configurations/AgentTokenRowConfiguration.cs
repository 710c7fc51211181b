using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RoCoIn.Data.Entities;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Data.Configurations;

internal sealed class AgentTokenRowConfiguration : IEntityTypeConfiguration<AgentTokenRow>
{
    public const int MaxLabelLength = 200;

    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<AgentTokenRow> builder)
    {
        builder.ToTable("AgentTokens");
        builder.HasKey(t => t.Id);
        // Deleting a device deletes its tokens: a token never outlives the device it speaks for.
        builder.HasOne<DeviceProfile>().WithMany().HasForeignKey(t => t.DeviceId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(t => t.DeviceId);
        builder.Property(t => t.Label).HasMaxLength(MaxLabelLength).IsRequired();
        builder.Property(t => t.Salt).IsRequired();
        builder.Property(t => t.Hash).IsRequired();
        builder.Property(t => t.CreatedUtc).HasConversion(UtcTicks);
        builder.Property(t => t.LastUsedUtc).HasConversion(UtcTicks);
        builder.Property(t => t.RevokedUtc).HasConversion(UtcTicks);
    }
}
