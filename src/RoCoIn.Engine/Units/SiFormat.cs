using System.Globalization;

namespace RoCoIn.Engine.Units;

/// <summary>
/// Formats SI quantities in the human units the studio shows (MFLOPS, KB, Mbps, ms), the unit always visible.
/// </summary>
/// <remarks>KB, MB and GB are decimal (1 KB = 1000 B), as product.md fixes.</remarks>
public static class SiFormat
{
    /// <summary>Number of bytes in one KB (decimal).</summary>
    public const double BytesPerKilobyte = 1e3;

    /// <summary>FLOP/s in one MFLOPS.</summary>
    public const double FlopsPerMflops = 1e6;

    /// <summary>bit/s in one Mbps.</summary>
    public const double BitsPerMbps = 1e6;

    /// <summary>Compute with an automatic prefix: "12.5 MFLOPS", "8 GFLOPS".</summary>
    public static string Flops(double flopsPerSecond) => WithPrefix(flopsPerSecond, "FLOPS");

    /// <summary>
    /// A FLOP count (work, not a rate) with an automatic prefix: "12.3 MFLOP" for one inference; compare
    /// <see cref="Flops"/>, which formats FLOP/s as "MFLOPS".
    /// </summary>
    public static string FlopCount(double flops) => WithPrefix(flops, "FLOP");

    /// <summary>Bytes with an automatic decimal prefix: "500 KB", "1.5 GB".</summary>
    public static string Bytes(double bytes) => WithPrefix(bytes, "B");

    /// <summary>A link rate with an automatic prefix: "750 kbps", "54 Mbps".</summary>
    public static string BitRate(double bitsPerSecond) => WithPrefix(bitsPerSecond, "bps");

    /// <summary>A duration: milliseconds below one second, seconds below an hour, else hours.</summary>
    public static string Duration(double seconds) => Math.Abs(seconds) switch
    {
        < 1 => $"{Significant(seconds * 1e3)} ms",
        < 3600 => $"{Significant(seconds)} s",
        _ => $"{Significant(seconds / 3600)} h",
    };

    // Four significant digits without an exponent (values here are below 10,000).
    private static string Significant(double value) =>
        double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            .ToString("0.####", CultureInfo.InvariantCulture);

    /// <summary>A plain number with at most three decimals, invariant culture; exponent form when very large or small.</summary>
    public static string Number(double value)
    {
        var magnitude = Math.Abs(value);
        return magnitude == 0 || (magnitude >= 1e-3 && magnitude < 1e9) || !double.IsFinite(value)
            ? value.ToString("0.######", CultureInfo.InvariantCulture)
            : value.ToString("G4", CultureInfo.InvariantCulture);
    }

    private static string WithPrefix(double value, string unit)
    {
        if (!double.IsFinite(value) || value == 0)
            return $"{Number(value)} {unit}";
        (double Scale, string Prefix)[] prefixes =
            [(1e15, "P"), (1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, unit == "bps" ? "k" : "K")];
        // Round to four significant digits first, so 999,999,999 reads "1 G…", not "1000 M…".
        var rounded = double.Parse(value.ToString("G4", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        var magnitude = Math.Abs(rounded);
        foreach (var (scale, prefix) in prefixes)
        {
            // Values under 1000 of a prefix print without an exponent in G4.
            if (magnitude >= scale)
                return $"{(rounded / scale).ToString("G4", CultureInfo.InvariantCulture)} {prefix}{unit}";
        }
        return $"{Number(value)} {unit}";
    }
}
