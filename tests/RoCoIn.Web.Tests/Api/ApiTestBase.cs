using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Api;

/// <summary>A fresh studio with an empty database per test class instance.</summary>
public abstract class ApiTestBase : IAsyncLifetime
{
    protected ApiTestBase()
        : this(new StudioFactory())
    {
    }

    /// <summary>For test classes that need a studio with test seams (see <see cref="StudioFactory"/>).</summary>
    protected ApiTestBase(StudioFactory factory) => Factory = factory;

    protected StudioFactory Factory { get; }
    protected HttpClient Client { get; private set; } = default!;
    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public virtual ValueTask InitializeAsync()
    {
        Client = Factory.CreateClient();
        return ValueTask.CompletedTask;
    }

    public virtual async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    protected static object ValidDevice(string name = "pi-01") => new
    {
        name,
        hardwareClass = "Raspberry Pi 4",
        computeFlopsPerSecond = 10e9,
        memoryBytes = 1_000_000_000L,
        uplinkBitsPerSecond = 100e6,
        downlinkBitsPerSecond = 100e6,
        linkLatencySeconds = 0.001,
        noReplyProbability = 0.01,
        mtbfSeconds = (double?)null,
        mttrSeconds = (double?)null,
        notes = "",
    };

    protected async Task<int> CreateDeviceAsync(string name)
    {
        var response = await Client.PostAsJsonAsync("/api/devices", ValidDevice(name), Ct);
        response.StatusCode.ShouldBe(System.Net.HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    protected async Task<int> DeviceCountAsync() =>
        (await Client.GetFromJsonAsync<JsonElement>("/api/devices", Ct)).GetArrayLength();

    /// <summary>The problem's errors map as field → messages.</summary>
    protected static async Task<Dictionary<string, string[]>> ErrorsOfAsync(HttpResponseMessage response)
    {
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        return problem.GetProperty("errors").EnumerateObject()
            .ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray());
    }
}
