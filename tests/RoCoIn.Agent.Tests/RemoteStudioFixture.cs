using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Web.Agents;

namespace RoCoIn.Agent.Tests;

/// <summary>
/// A second, empty studio (no demo content) that listens on loopback and on an address other machines reach: the first
/// IPv4 address of an up, non-loopback interface, else 0.0.0.0 reached through the host name's address. Agents given
/// <see cref="RemoteUrl"/> reach it as an agent on another machine does; <see cref="LoopbackUrl"/> is the operator's side.
/// </summary>
public sealed class RemoteStudioFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "rocoin-agent-tests", Guid.NewGuid().ToString("N"));
    private WebApplicationFactory<Program>? _factory;

    public string LoopbackUrl { get; private set; } = "";
    public string RemoteUrl { get; private set; } = "";
    public IServiceProvider Services => _factory!.Services;
    public AgentRegistry Registry => Services.GetRequiredService<AgentRegistry>();

    public ValueTask InitializeAsync()
    {
        var (listen, reach) = NetworkAddress() ?? throw new InvalidOperationException(
            $"This machine has no IPv4 address besides loopback (no up interface has one, and host name '{Dns.GetHostName()}' resolves to loopback "
            + "only), so no agent can reach the studio as from another machine. Run the test on a host with a network interface.");
        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("RoCoIn:DataPath", _dataPath);
            builder.UseSetting("RoCoIn:SeedDemoContent", "false");
            builder.UseSetting("RoCoIn:Agents:BenchmarkSeconds", "0.1");
            // People's sign-in (ADR-013) is not under test: agents prove their device with tokens whatever the mode, and
            // tokens are still issued to loopback callers only.
            builder.UseSetting("RoCoIn:Access:Mode", "open");
            builder.UseEnvironment("Development");
        });
        _factory.UseKestrel(options =>
        {
            options.Listen(IPAddress.Loopback, 0);
            options.Listen(listen, 0);
        });
        _factory.StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses.Select(a => new Uri(a)).ToList() ?? [];
        var loopback = addresses.Single(a => IPAddress.TryParse(a.Host, out var ip) && IPAddress.IsLoopback(ip));
        var remote = addresses.Single(a => a != loopback);
        LoopbackUrl = $"http://127.0.0.1:{loopback.Port}";
        RemoteUrl = $"http://{reach}:{remote.Port}";
        return ValueTask.CompletedTask;
    }

    public async ValueTask DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dataPath, recursive: true);
        }
        catch (IOException)
        {
            // the OS cleans its temp folder
        }
        catch (UnauthorizedAccessException)
        {
            // likewise
        }
    }

    /// <summary>Waits until the device's agent is in <paramref name="state"/>, failing after <paramref name="timeout"/> with the agent's log.</summary>
    public async Task<AgentSnapshot> WaitForStateAsync(int deviceId, AgentState state, TimeSpan timeout, AgentProcess? process = null)
    {
        using var deadline = new CancellationTokenSource(timeout);
        try
        {
            return (await Registry.WaitForAsync(deviceId, s => s?.State == state, deadline.Token))!;
        }
        catch (OperationCanceledException)
        {
            var now = Registry.Find(deviceId);
            throw new TimeoutException($"Device {deviceId} did not reach {state} within {timeout.TotalSeconds} s; it is {now?.State.ToString() ?? "unknown"} ({now?.Reason}).\n"
                + (process is null ? "" : "Agent log:\n" + process.Log));
        }
    }

    /// <summary>(address to listen on, address to connect to), or null when this machine has no IPv4 address besides loopback.</summary>
    private static (IPAddress Listen, IPAddress Reach)? NetworkAddress()
    {
        var up = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses.Select(u => u.Address))
            .FirstOrDefault(IsNetworkIPv4);
        if (up is not null)
            return (up, up);
        // Some containers report their interfaces' state as unknown; the host name may still resolve to a reachable address.
        var named = Dns.GetHostAddresses(Dns.GetHostName()).FirstOrDefault(IsNetworkIPv4);
        return named is null ? null : (IPAddress.Any, named);
    }

    private static bool IsNetworkIPv4(IPAddress address) => address.AddressFamily == AddressFamily.InterNetwork && !IPAddress.IsLoopback(address);
}
