using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Configurations;

internal sealed class RunRowConfiguration : IEntityTypeConfiguration<RunRow>
{
    public const int MaxStrategyLength = 100;
    public const int MaxWarningLength = 2000;
    public const int MaxReasonLength = 2000;

    // SQLite cannot order by DateTimeOffset; store it as UTC ticks (as the other tables do).
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<RunRow> builder)
    {
        builder.ToTable("Runs");
        builder.HasKey(r => r.Id);
        // A plan with runs cannot be deleted: the runs name it, and lists show its name.
        builder.HasOne<PlanRow>().WithMany().HasForeignKey(r => r.PlanId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(r => r.PlanId);
        // A run keeps its own scenario snapshot; deleting the saved scenario only forgets the link.
        builder.HasOne<ScenarioRow>().WithMany().HasForeignKey(r => r.ScenarioId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(r => r.ScenarioId);
        builder.Property(r => r.Strategy).HasMaxLength(MaxStrategyLength).IsRequired();
        builder.Property(r => r.Kind).HasMaxLength(20).IsRequired();
        // By name: readable in the file, and safe when members are added or reordered.
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(20);
        builder.HasIndex(r => r.Status);
        builder.Property(r => r.Speed).HasMaxLength(20).IsRequired();
        builder.Property(r => r.SettingsJson).IsRequired();
        builder.Property(r => r.ScenarioName).HasMaxLength(200);
        builder.Property(r => r.TopologyJson).IsRequired();
        builder.Property(r => r.InjectionsJson).IsRequired();
        builder.Property(r => r.Warning).HasMaxLength(MaxWarningLength);
        builder.Property(r => r.Reason).HasMaxLength(MaxReasonLength);
        builder.Property(r => r.CreatedUtc).HasConversion(UtcTicks);
        builder.Property(r => r.StartedUtc).HasConversion(UtcTicks);
        builder.Property(r => r.EndedUtc).HasConversion(UtcTicks);
    }
}
