using System.Globalization;
using RoCoIn.Engine.Units;

namespace RoCoIn.Web.Learn;

/// <summary>How lesson widgets write figures; tests format engine values through the same functions.</summary>
public static class LessonFormat
{
    public static string Duration(double seconds) => SiFormat.Duration(seconds);

    public static string Duration(double? seconds) => seconds is { } s ? SiFormat.Duration(s) : "—";

    public static string Percent(double share) => (share * 100).ToString("0.##", CultureInfo.InvariantCulture) + " %";

    public static string Percent(double? share) => share is { } s ? Percent(s) : "—";

    public static string Probability(double p) => SiFormat.Number(p);

    public static string Bytes(double bytes) => SiFormat.Bytes(bytes);

    public static string FlopCount(double flops) => SiFormat.FlopCount(flops);

    public static string Flops(double flopsPerSecond) => SiFormat.Flops(flopsPerSecond);

    public static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
