using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Configurations;

internal sealed class JobRowConfiguration : IEntityTypeConfiguration<JobRow>
{
    public const int MaxTitleLength = 200;
    public const int MaxMessageLength = 500;
    public const int MaxReasonLength = 2000;
    public const int MaxResultKindLength = 40;

    // SQLite cannot order by DateTimeOffset; store it as UTC ticks (as FleetRowConfiguration does).
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<JobRow> builder)
    {
        builder.ToTable("Jobs");
        builder.HasKey(j => j.Id);
        // By name: readable in the file, and safe when enum members are added or reordered.
        builder.Property(j => j.Kind).HasConversion<string>().HasMaxLength(40);
        builder.Property(j => j.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(j => j.Status);
        builder.Property(j => j.Title).HasMaxLength(MaxTitleLength).IsRequired();
        builder.Property(j => j.ParametersJson).HasColumnType("TEXT").IsRequired();
        builder.Property(j => j.ProgressMessage).HasMaxLength(MaxMessageLength).IsRequired();
        builder.Property(j => j.QueuedUtc).HasConversion(UtcTicks);
        builder.Property(j => j.StartedUtc).HasConversion(UtcTicks);
        builder.Property(j => j.EndedUtc).HasConversion(UtcTicks);
        builder.Property(j => j.Reason).HasMaxLength(MaxReasonLength);
        builder.Property(j => j.ResultKind).HasMaxLength(MaxResultKindLength);
    }
}
