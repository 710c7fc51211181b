namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// How many of the devices a selector matches an event hits: exactly one of <see cref="Count"/> and
/// <see cref="Percent"/> is set. The devices are drawn with the run's seed.
/// </summary>
/// <param name="Count">A number of devices, ≥ 1 and at most the number matching.</param>
/// <param name="Percent">A share of the matching devices in percent, in (0, 100]: ⌈p·n/100⌉ of n devices.</param>
public sealed record BlastRadius(int? Count, double? Percent)
{
    /// <summary>Exactly <paramref name="count"/> of the matching devices.</summary>
    public static BlastRadius Devices(int count) => new(count, null);

    /// <summary><paramref name="percent"/> % of the matching devices, rounded up.</summary>
    public static BlastRadius Percentage(double percent) => new(null, percent);

    /// <summary>
    /// How many of <paramref name="matching"/> devices this radius hits: <see cref="Count"/> as given (the resolver
    /// rejects one above <paramref name="matching"/>), or ⌈p·n/100⌉ clamped to [1, n] for a percentage.
    /// </summary>
    /// <remarks>A product within 10⁻⁹ above an integer counts as that integer, so 7 % of 100 hits 7 devices even
    /// where binary floating point lands a hair above 7.</remarks>
    public int DeviceCount(int matching)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(matching);
        if (Count is { } count)
            return count;
        if (Percent is not { } percent || matching == 0)
            return 0;
        var exact = percent * matching / 100;
        var rounded = Math.Ceiling(exact - 1e-9);
        return (int)Math.Clamp(rounded, 1, matching);
    }
}
