using System.Globalization;
using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>Which devices of a plan a scenario event may hit.</summary>
/// <param name="Kind">What <paramref name="Value"/> is matched against.</param>
/// <param name="Value">A name glob (<c>*</c>, <c>?</c>; case-insensitive, whole name), a hardware class (exact,
/// case-insensitive) or a group number as text ("2" is the second group).</param>
public sealed record TargetSelector(SelectorKind Kind, string Value)
{
    /// <summary>Every device of the plan (the name glob "*").</summary>
    public static TargetSelector AllDevices { get; } = new(SelectorKind.DeviceName, "*");

    /// <summary>Devices whose name matches <paramref name="glob"/>.</summary>
    public static TargetSelector NamedLike(string glob) => new(SelectorKind.DeviceName, glob);

    /// <summary>Devices of hardware class <paramref name="hardwareClass"/>.</summary>
    public static TargetSelector OfHardwareClass(string hardwareClass) => new(SelectorKind.HardwareClass, hardwareClass);

    /// <summary>The members of group <paramref name="number"/> (1-based).</summary>
    public static TargetSelector InGroup(int number) => new(SelectorKind.Group, number.ToString(CultureInfo.InvariantCulture));

    /// <summary>The group number of a <see cref="SelectorKind.Group"/> selector, or null when it is not a positive integer.</summary>
    /// <remarks>Not serialized: <see cref="Value"/> is the stored form.</remarks>
    [JsonIgnore]
    public int? GroupNumber =>
        Kind == SelectorKind.Group
        && int.TryParse(Value, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
        && number >= 1
            ? number
            : null;

    /// <summary>
    /// Whether <paramref name="device"/> is one this selector picks: its name matches the glob, its hardware class is
    /// the value ignoring case, or it is in the group numbered by the value. False for a malformed selector.
    /// </summary>
    public bool Matches(SimulatedDevice device)
    {
        ArgumentNullException.ThrowIfNull(device);
        if (Value is null)
            return false;
        return Kind switch
        {
            SelectorKind.DeviceName => GlobMatches(Value, device.Name),
            SelectorKind.HardwareClass => string.Equals(Value, device.HardwareClass, StringComparison.OrdinalIgnoreCase),
            SelectorKind.Group => GroupNumber is { } number && device.Group == number - 1,
            _ => false,
        };
    }

    /// <summary>Whether device <paramref name="name"/> matches the glob <see cref="Value"/>: <c>*</c> any text (also
    /// none), <c>?</c> exactly one character, anything else itself ignoring case; the glob must cover the whole name.</summary>
    public static bool GlobMatches(string glob, string name)
    {
        ArgumentNullException.ThrowIfNull(glob);
        ArgumentNullException.ThrowIfNull(name);
        // Greedy matching that backtracks only to the last '*': O(glob·name) at worst, no recursion.
        int g = 0, n = 0, star = -1, starMatch = 0;
        while (n < name.Length)
        {
            if (g < glob.Length && glob[g] != '*' && (glob[g] == '?' || SameIgnoringCase(glob[g], name[n])))
            {
                g++;
                n++;
            }
            else if (g < glob.Length && glob[g] == '*')
            {
                star = g++;
                starMatch = n;
            }
            else if (star >= 0)
            {
                g = star + 1;
                n = ++starMatch;
            }
            else
            {
                return false;
            }
        }
        while (g < glob.Length && glob[g] == '*')
            g++;
        return g == glob.Length;
    }

    private static bool SameIgnoringCase(char a, char b) => a == b || char.ToUpperInvariant(a) == char.ToUpperInvariant(b);
}
