using System.Globalization;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Runs;

/// <summary>How fast a run's simulated clock goes: as fast as the machine can, or wall-clock time × a factor.</summary>
/// <param name="RealTimeFactor">Simulated seconds per wall-clock second, or null for as fast as possible.</param>
public sealed record RunSpeed(double? RealTimeFactor)
{
    public const string FastName = "fast";
    public const string RealTimeName = "realtime";
    public const double MinFactor = 0.1;
    public const double MaxFactor = 100;

    public static RunSpeed Fast { get; } = new((double?)null);

    public bool IsFast => RealTimeFactor is null;

    /// <summary>"fast" or "realtime", as stored and shown.</summary>
    public string Name => IsFast ? FastName : RealTimeName;

    /// <summary>
    /// Reads "fast" (the default) or "realtime" with a factor in [<see cref="MinFactor"/>, <see cref="MaxFactor"/>]
    /// (default 1); errors name <paramref name="prefix"/>speed or <paramref name="prefix"/>speedFactor.
    /// </summary>
    public static (RunSpeed? Speed, IReadOnlyList<FieldError> Errors) Parse(string? speed, double? factor, string prefix = "")
    {
        if (string.IsNullOrWhiteSpace(speed) || string.Equals(speed, FastName, StringComparison.OrdinalIgnoreCase))
        {
            return factor is null
                ? (Fast, [])
                : (null, [new(prefix + "speedFactor", "A speed factor applies to real-time runs only; set speed to \"realtime\" or leave the factor out.")]);
        }
        if (!string.Equals(speed, RealTimeName, StringComparison.OrdinalIgnoreCase) && !string.Equals(speed, "real-time", StringComparison.OrdinalIgnoreCase))
            return (null, [new(prefix + "speed", $"Unknown speed '{speed}'. Use \"fast\" or \"realtime\".")]);
        var f = factor ?? 1;
        if (!(f is >= MinFactor and <= MaxFactor))
        {
            return (null, [new(prefix + "speedFactor", string.Create(CultureInfo.InvariantCulture,
                $"The real-time factor must lie in [{MinFactor}, {MaxFactor}] simulated seconds per second (got {f})."))]);
        }
        return (new RunSpeed(f), []);
    }
}
