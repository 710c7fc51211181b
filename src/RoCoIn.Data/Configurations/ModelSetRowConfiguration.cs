using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Configurations;

internal sealed class ModelSetRowConfiguration : IEntityTypeConfiguration<ModelSetRow>
{
    public void Configure(EntityTypeBuilder<ModelSetRow> builder)
    {
        builder.ToTable("ModelSets");
        builder.HasKey(m => m.Id);
        builder.Property(m => m.Name).HasMaxLength(200).IsRequired();
        builder.Property(m => m.DatasetSource).HasMaxLength(100).IsRequired();
        builder.Property(m => m.ResultJson).IsRequired();
        builder.Property(m => m.CreatedUtc).HasConversion(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
        // A model set keeps its students when the plan it was distilled for is deleted.
        builder.HasOne<PlanRow>().WithMany().HasForeignKey(m => m.PlanId).OnDelete(DeleteBehavior.SetNull);
        builder.HasIndex(m => m.PlanId);
    }
}
