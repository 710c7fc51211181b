using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RoCoIn.Data.Entities;

namespace RoCoIn.Data.Configurations;

internal sealed class RunSecondRowConfiguration : IEntityTypeConfiguration<RunSecondRow>
{
    public void Configure(EntityTypeBuilder<RunSecondRow> builder)
    {
        builder.ToTable("RunSeconds");
        // The key is also the range index for "seconds from..to" of one run.
        builder.HasKey(s => new { s.RunId, s.Second });
        builder.HasOne<RunRow>().WithMany().HasForeignKey(s => s.RunId).OnDelete(DeleteBehavior.Cascade);
    }
}
