using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using RoCoIn.Data.Entities;
using RoCoIn.Data.Stores;

namespace RoCoIn.Data.Configurations;

internal sealed class UserRowConfiguration : IEntityTypeConfiguration<UserRow>
{
    private static readonly ValueConverter<DateTimeOffset, long> UtcTicks =
        new(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

    public void Configure(EntityTypeBuilder<UserRow> builder)
    {
        builder.ToTable("Users");
        builder.HasKey(u => u.Id);
        // NOCASE: "Ada" and "ada" are the same person when signing in.
        builder.Property(u => u.Name).HasMaxLength(UserStore.MaxNameLength).UseCollation("NOCASE").IsRequired();
        builder.HasIndex(u => u.Name).IsUnique();
        builder.Property(u => u.Role).HasMaxLength(16).IsRequired();
        builder.Property(u => u.PasswordHash).HasMaxLength(512).IsRequired();
        builder.Property(u => u.CreatedUtc).HasConversion(UtcTicks);
        builder.Property(u => u.LastSignInUtc).HasConversion(UtcTicks);
    }
}
