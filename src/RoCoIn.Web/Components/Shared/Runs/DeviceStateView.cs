using MudBlazor;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>One fact about a device's live state, as words, an icon and an Okabe–Ito colour (never colour alone).</summary>
/// <param name="Key">Stable name for tests and CSS: up, down, slow, link-degraded, link-cut, busy, idle, queue.</param>
/// <param name="Text">What it says, e.g. "slow ×4".</param>
/// <param name="Icon">Material icon.</param>
/// <param name="Colour">Okabe–Ito colour.</param>
public sealed record DeviceFlag(string Key, string Text, string Icon, string Colour);

/// <summary>
/// A device's live state in words: the failures in effect (down, link cut, slow ×k, link degraded) or "up", then
/// whether it is busy and how many requests are queued on it. The first flag is the most severe and gives the
/// device's colour.
/// </summary>
public sealed record DeviceStateView(IReadOnlyList<DeviceFlag> Flags)
{
    // Okabe–Ito, as Palette.
    public const string Blue = "#0072B2";
    public const string Orange = "#E69F00";
    public const string Green = "#009E73";
    public const string Purple = "#CC79A7";
    public const string Sky = "#56B4E9";
    public const string Vermillion = "#D55E00";
    public const string Grey = "#9E9E9E";

    /// <summary>The most severe flag (its colour is the device's).</summary>
    public DeviceFlag Primary => Flags[0];

    /// <summary>Whether any failure is in effect.</summary>
    public bool Failing => Primary.Key is not ("up" or "unknown");

    /// <summary>The state of a device, or "no live state" when <paramref name="device"/> is null (an ended run).</summary>
    public static DeviceStateView Of(DeviceSnapshot? device)
    {
        if (device is null)
            return new([new("unknown", "no live state", Icons.Material.Filled.HelpOutline, Grey)]);
        var flags = new List<DeviceFlag>();
        if (!device.Up)
            flags.Add(new("down", "down", Icons.Material.Filled.PowerOff, Vermillion));
        if (device.LinkCut)
            flags.Add(new("link-cut", "link cut", Icons.Material.Filled.LinkOff, Purple));
        if (device.SlowFactor > 1)
            flags.Add(new("slow", "slow ×" + RunFormat.Number(device.SlowFactor, "0.##"), Icons.Material.Filled.Speed, Orange));
        if (device.LinkDegraded)
            flags.Add(new("link-degraded", "link degraded", Icons.Material.Filled.NetworkCheck, Sky));
        if (flags.Count == 0)
            flags.Add(new("up", "up", Icons.Material.Filled.CheckCircle, Green));
        if (device.Up)
        {
            flags.Add(device.Busy
                ? new("busy", "busy", Icons.Material.Filled.HourglassTop, Blue)
                : new("idle", "idle", Icons.Material.Filled.HourglassEmpty, Grey));
        }
        if (device.QueueLength > 0)
            flags.Add(new("queue", $"queue {device.QueueLength}", Icons.Material.Filled.List, Blue));
        return new(flags);
    }
}
