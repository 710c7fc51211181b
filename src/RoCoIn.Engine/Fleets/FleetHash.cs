using System.Security.Cryptography;
using System.Text;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;

namespace RoCoIn.Engine.Fleets;

/// <summary>
/// A fingerprint of a fleet's devices (ids and every profile value), so a saved plan can tell whether its fleet
/// has changed since it was made.
/// </summary>
public static class FleetHash
{
    /// <summary>Lower-case hex SHA-256 of the devices in id order; independent of the order given.</summary>
    public static string Compute(IEnumerable<DeviceProfile> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var ordered = devices.OrderBy(d => d.Id).ToList();
        // Ids count too: replacing a device by an identical twin is still a different fleet.
        var text = string.Join(",", ordered.Select(d => d.Id)) + "\n" + DeviceJson.Write(ordered);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
    }
}
