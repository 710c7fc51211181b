using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;

namespace RoCoIn.Web.Access;

/// <summary>
/// Decides whether callers must sign in. In auto mode the answer comes from the addresses the server actually bound
/// (known once it listens), so <c>--urls http://0.0.0.0:5000</c> turns sign-in on without another setting.
/// </summary>
public sealed class AccessPolicy(IOptions<AccessOptions> options, IServer? server = null)
{
    private bool? _listensBeyondLoopback;

    public AccessMode Mode => options.Value.Mode;

    public bool RequiresLogin => Mode switch
    {
        AccessMode.Open => false,
        AccessMode.Login => true,
        _ => ListensBeyondLoopback,
    };

    /// <summary>Whether any bound address is not loopback (a wildcard, a host name or another interface's address).</summary>
    public bool ListensBeyondLoopback
    {
        get
        {
            if (_listensBeyondLoopback is { } known)
                return known;
            var addresses = server?.Features.Get<IServerAddressesFeature>()?.Addresses;
            // Before the server listens (and in-process test servers, which never do) nothing is reachable from outside.
            if (addresses is null || addresses.Count == 0)
                return false;
            var beyond = addresses.Any(a => !IsLoopbackAddress(a));
            _listensBeyondLoopback = beyond;
            return beyond;
        }
    }

    /// <summary>Whether a server address such as "http://127.0.0.1:5000" or "http://[::]:80" only accepts local callers.</summary>
    public static bool IsLoopbackAddress(string address)
    {
        ArgumentNullException.ThrowIfNull(address);
        // Kestrel accepts wildcards ("*", "+") that Uri does not parse; they are never loopback.
        if (!Uri.TryCreate(address.Replace("://*", "://wildcard", StringComparison.Ordinal).Replace("://+", "://wildcard", StringComparison.Ordinal),
                UriKind.Absolute, out var uri))
            return false;
        if (string.Equals(uri.Host, "localhost", StringComparison.OrdinalIgnoreCase))
            return true;
        return IPAddress.TryParse(uri.Host.Trim('[', ']'), out var ip) && IPAddress.IsLoopback(ip);
    }
}
