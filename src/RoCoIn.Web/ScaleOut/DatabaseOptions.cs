using Microsoft.Extensions.Options;
using RoCoIn.Data;

namespace RoCoIn.Web.ScaleOut;

/// <summary>The "RoCoIn:Database" section: which database engine holds the studio's data (ADR-012).</summary>
public sealed class DatabaseOptions
{
    public const string Section = "RoCoIn:Database";

    /// <summary><c>sqlite</c> (the default: one file under RoCoIn:DataPath) or <c>postgres</c> (ConnectionStrings:Default).</summary>
    public string Provider { get; set; } = DatabaseProviders.Sqlite;

    /// <summary>
    /// The provider and connection string the studio starts with: SQLite on ConnectionStrings:Default, else on
    /// <paramref name="sqliteConnectionString"/>; PostgreSQL on ConnectionStrings:Default, which it needs.
    /// </summary>
    /// <exception cref="OptionsValidationException">The provider is unknown, or PostgreSQL has no usable connection string.</exception>
    public static (string Provider, string ConnectionString) Resolve(IConfiguration configuration, string sqliteConnectionString)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var configured = configuration[$"{Section}:{nameof(Provider)}"];
        var provider = string.IsNullOrWhiteSpace(configured) ? DatabaseProviders.Sqlite : configured.Trim().ToLowerInvariant();
        var connectionString = configuration.GetConnectionString("Default");
        switch (provider)
        {
            case DatabaseProviders.Sqlite:
                return (provider, connectionString ?? sqliteConnectionString);
            case DatabaseProviders.Postgres when string.IsNullOrWhiteSpace(connectionString):
                throw Refuse($"{Section}:{nameof(Provider)} is 'postgres' but ConnectionStrings:Default is empty: give the PostgreSQL " +
                    "connection string, e.g. --ConnectionStrings:Default=\"Host=db;Database=rocoin;Username=rocoin;Password=…\".");
            case DatabaseProviders.Postgres:
                try
                {
                    _ = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
                }
                catch (ArgumentException ex)
                {
                    throw Refuse($"ConnectionStrings:Default is not a PostgreSQL connection string ({ex.Message}).");
                }
                return (provider, connectionString!);
            default:
                throw Refuse($"{Section}:{nameof(Provider)} '{configured}' is not known: use '{DatabaseProviders.Sqlite}' (the default) " +
                    $"or '{DatabaseProviders.Postgres}'.");
        }
    }

    private static OptionsValidationException Refuse(string message) => new(Section, typeof(DatabaseOptions), [message]);
}
