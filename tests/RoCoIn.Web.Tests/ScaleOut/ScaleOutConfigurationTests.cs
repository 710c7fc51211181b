using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;
using RoCoIn.Data;
using RoCoIn.Web.ScaleOut;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.ScaleOut;

/// <summary>RoCoIn:Database:Provider and RoCoIn:Redis:* (ADR-012): bad values stop the studio with a message naming the key.</summary>
public sealed class ScaleOutConfigurationTests
{
    private const string SqliteDefault = "Data Source=/tmp/rocoin.db";

    [Fact]
    public async Task TheStudioRefusesToStartWithAnUnknownDatabaseProvider()
    {
        var error = await StartFailureAsync(("RoCoIn:Database:Provider", "mysql"));

        error.Message.ShouldBe("RoCoIn:Database:Provider 'mysql' is not known: use 'sqlite' (the default) or 'postgres'.");
    }

    [Fact]
    public async Task TheStudioRefusesToStartOnPostgresWithoutAConnectionString()
    {
        var error = await StartFailureAsync(("RoCoIn:Database:Provider", "postgres"));

        error.Message.ShouldStartWith("RoCoIn:Database:Provider is 'postgres' but ConnectionStrings:Default is empty");
    }

    [Fact]
    public async Task TheStudioRefusesToStartWithARedisConnectionStringThatDoesNotParse()
    {
        var error = await StartFailureAsync(("RoCoIn:Redis:ConnectionString", "127.0.0.1:6379,noSuchOption=1"));

        error.Message.ShouldStartWith("RoCoIn:Redis:ConnectionString does not parse:");
        error.Message.ShouldContain("noSuchOption");
    }

    [Fact]
    public void ARedisConnectionStringWithoutAServerIsRefused()
    {
        var error = Should.Throw<OptionsValidationException>(() => RedisBackplaneOptions.Read(Configuration(("RoCoIn:Redis:ConnectionString", "abortConnect=false"))));

        error.Message.ShouldStartWith("RoCoIn:Redis:ConnectionString names no Redis server");
    }

    [Fact]
    public void AnEmptyRedisConnectionStringLeavesTheBackplaneOff()
    {
        RedisBackplaneOptions.Read(Configuration()).ShouldBeNull();
        RedisBackplaneOptions.Read(Configuration(("RoCoIn:Redis:ConnectionString", " "))).ShouldBeNull();
    }

    [Fact]
    public void TheChannelPrefixDefaultsToRocoin()
    {
        var options = RedisBackplaneOptions.Read(Configuration(("RoCoIn:Redis:ConnectionString", "redis1:6379"))).ShouldNotBeNull();

        options.ChannelPrefix.ShouldBe("rocoin");
    }

    [Fact]
    public void SqliteOnTheDataPathStaysTheDefault()
    {
        DatabaseOptions.Resolve(Configuration(), SqliteDefault).ShouldBe((DatabaseProviders.Sqlite, SqliteDefault));
        DatabaseOptions.Resolve(Configuration(("ConnectionStrings:Default", "Data Source=x.db")), SqliteDefault)
            .ShouldBe((DatabaseProviders.Sqlite, "Data Source=x.db"));
    }

    [Fact]
    public void PostgresTakesTheDefaultConnectionString()
    {
        const string postgres = "Host=db;Database=rocoin;Username=rocoin;Password=secret";

        var chosen = DatabaseOptions.Resolve(Configuration(("RoCoIn:Database:Provider", "Postgres"), ("ConnectionStrings:Default", postgres)), SqliteDefault);

        chosen.ShouldBe((DatabaseProviders.Postgres, postgres));
    }

    [Fact]
    public void PostgresRefusesAConnectionStringThatIsNotPostgres()
    {
        var error = Should.Throw<OptionsValidationException>(() => DatabaseOptions.Resolve(
            Configuration(("RoCoIn:Database:Provider", "postgres"), ("ConnectionStrings:Default", "Flavour=sqlite")), SqliteDefault));

        error.Message.ShouldStartWith("ConnectionStrings:Default is not a PostgreSQL connection string");
    }

    [Fact]
    public void ThePostgresSchemaHasEveryTableAndACaseInsensitiveCollationInsteadOfNoCase()
    {
        var options = new DbContextOptionsBuilder<RoCoInDbContext>();
        PostgresDatabase.Configure(options, "Host=127.0.0.1;Database=rocoin");
        using var db = new RoCoInDbContext(options.Options);

        // Generating the script needs no server.
        var script = db.Database.GenerateCreateScript();

        script.ShouldContain($"CREATE COLLATION {PostgresDatabase.CaseInsensitiveCollation}");
        script.ShouldNotContain("NOCASE", Case.Sensitive);
        foreach (var table in db.Model.GetEntityTypes().Select(e => e.GetTableName()).OfType<string>().Distinct())
            script.ShouldContain($"CREATE TABLE \"{table}\"");
        script.ShouldContain($"COLLATE {PostgresDatabase.CaseInsensitiveCollation}");
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => KeyValuePair.Create(v.Key, (string?)v.Value))).Build();

    /// <summary>Starts the whole studio with <paramref name="settings"/> and returns the validation error it stopped with.</summary>
    private static async Task<OptionsValidationException> StartFailureAsync(params (string Key, string Value)[] settings)
    {
        await using var studio = new StudioFactory();
        await using var configured = studio.WithWebHostBuilder(builder =>
        {
            foreach (var (key, value) in settings)
                builder.UseSetting(key, value);
        });

        var thrown = Should.Throw<Exception>(() => configured.CreateClient());

        for (Exception? e = thrown; e is not null; e = e.InnerException)
        {
            if (e is OptionsValidationException validation)
                return validation;
        }
        throw new ShouldAssertException($"The studio stopped with {thrown.GetType().Name}, not a validation error: {thrown}");
    }
}
