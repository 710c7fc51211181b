namespace RoCoIn.Data;

/// <summary>The database engines the studio can keep its data in: the value of RoCoIn:Database:Provider (ADR-012).</summary>
public static class DatabaseProviders
{
    /// <summary>One SQLite file under RoCoIn:DataPath, migrated at start-up (ADR-002). The default.</summary>
    public const string Sqlite = "sqlite";

    /// <summary>A PostgreSQL server named by ConnectionStrings:Default, for several studio instances (ADR-012).</summary>
    public const string Postgres = "postgres";

    /// <summary>Every known provider name, the default first.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite, Postgres];
}
