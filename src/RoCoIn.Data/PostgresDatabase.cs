using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace RoCoIn.Data;

/// <summary>
/// The PostgreSQL side of RoCoIn:Database:Provider (ADR-012): the same model as SQLite's, with SQLite's NOCASE
/// collation mapped to a case-insensitive ICU collation. The schema is created with EnsureCreated, not migrated:
/// PostgreSQL migrations are future work.
/// </summary>
public static class PostgresDatabase
{
    /// <summary>The case-insensitive collation PostgreSQL gets in place of SQLite's NOCASE.</summary>
    public const string CaseInsensitiveCollation = "rocoin_nocase";

    /// <summary>Points <paramref name="options"/> at the PostgreSQL database of <paramref name="connectionString"/>.</summary>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.UseNpgsql(connectionString).ReplaceService<IModelCustomizer, NoCaseToIcuModelCustomizer>();
    }

    /// <summary>
    /// Builds the model as <see cref="RoCoInDbContext"/> does, then swaps NOCASE (which PostgreSQL does not have) for a
    /// nondeterministic ICU collation at strength 2, which compares and sorts regardless of case as NOCASE does (and
    /// folds non-ASCII letters too, which NOCASE does not; the stores compare names in .NET either way).
    /// </summary>
    private sealed class NoCaseToIcuModelCustomizer(ModelCustomizerDependencies dependencies) : ModelCustomizer(dependencies)
    {
        public override void Customize(ModelBuilder modelBuilder, DbContext context)
        {
            base.Customize(modelBuilder, context);
            modelBuilder.HasCollation(CaseInsensitiveCollation, locale: "und-u-ks-level2", provider: "icu", deterministic: false);
            foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
            {
                if (string.Equals(property.GetCollation(), "NOCASE", StringComparison.OrdinalIgnoreCase))
                    property.SetCollation(CaseInsensitiveCollation);
            }
        }
    }
}
