using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace RoCoIn.Web.Tests.ScaleOut;

/// <summary>
/// A private redis-server and two studio instances on real loopback ports (Kestrel in the test process), each with its
/// own data folder, both using that Redis as their SignalR backplane: what a load balancer would have behind it.
/// </summary>
public sealed class TwoStudiosOnRedisFixture : IAsyncLifetime
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "rocoin-scale-out-tests", Guid.NewGuid().ToString("N"));

    public RedisServer Redis { get; private set; } = default!;
    public Studio A { get; private set; } = default!;
    public Studio B { get; private set; } = default!;

    /// <summary>The channel prefix both instances use (a fresh one, so nothing else on the server is heard).</summary>
    public string ChannelPrefix { get; } = $"rocoin-test-{Guid.NewGuid():N}";

    public async ValueTask InitializeAsync()
    {
        Redis = await RedisServer.StartAsync(Xunit.TestContext.Current.CancellationToken);
        A = Studio.Start(Path.Combine(_root, "a"), Redis.ConnectionString, ChannelPrefix);
        B = Studio.Start(Path.Combine(_root, "b"), Redis.ConnectionString, ChannelPrefix);
    }

    public async ValueTask DisposeAsync()
    {
        if (B is not null)
            await B.DisposeAsync();
        if (A is not null)
            await A.DisposeAsync();
        if (Redis is not null)
        {
            await Redis.WaitUntilNoClientsAsync(TimeSpan.FromSeconds(5));
            await Redis.DisposeAsync();
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_root, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; the OS cleans it.
        }
    }

    /// <summary>One studio instance on a loopback port.</summary>
    public sealed class Studio(WebApplicationFactory<Program> factory, string baseUrl) : IAsyncDisposable
    {
        public string BaseUrl { get; } = baseUrl;
        public IServiceProvider Services => factory.Services;

        public static Studio Start(string dataPath, string redis, string channelPrefix)
        {
            var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
            {
                builder.UseSetting("RoCoIn:DataPath", dataPath);
                builder.UseSetting("RoCoIn:SeedDemoContent", "false");
                builder.UseSetting("RoCoIn:Redis:ConnectionString", redis);
                builder.UseSetting("RoCoIn:Redis:ChannelPrefix", channelPrefix);
                builder.UseEnvironment("Development");
                builder.UseSetting(WebHostDefaults.ServerUrlsKey, "http://127.0.0.1:0");
            });
            factory.UseKestrel(0);
            factory.StartServer();
            return new Studio(factory, factory.ClientOptions.BaseAddress.ToString().TrimEnd('/'));
        }

        public ValueTask DisposeAsync() => factory.DisposeAsync();
    }
}
