using System.Globalization;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Fleets;

/// <summary>
/// Draws a heterogeneous fleet from uniform ranges, the way the paper's evaluation builds its 8 devices.
/// Same settings and seed, same devices, on any machine.
/// </summary>
public static class FleetGenerator
{
    /// <summary>Most devices one call generates.</summary>
    public const int MaxCount = 1000;

    /// <summary>Every problem with <paramref name="settings"/>; empty when they can be generated.</summary>
    public static IReadOnlyList<FieldError> Validate(FleetGeneratorSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var errors = new List<FieldError>();
        if (settings.Count is < 1 or > MaxCount)
            errors.Add(new("count", $"Count must be between 1 and {MaxCount} (got {settings.Count})."));
        if (string.IsNullOrWhiteSpace(settings.NamePrefix) || settings.NamePrefix.Length > 80
            || settings.NamePrefix.Trim().Length != settings.NamePrefix.Length || settings.NamePrefix.Any(char.IsControl))
            errors.Add(new("namePrefix", "Name prefix must be 1–80 characters, without control characters or leading or trailing spaces."));
        CheckRange(errors, "ComputeFlopsPerSecond", "Compute", settings.MinComputeFlopsPerSecond, settings.MaxComputeFlopsPerSecond,
            DeviceLimits.MaxComputeFlopsPerSecond, zeroAllowed: false, SiFormat.Flops);
        CheckRange(errors, "LinkBitsPerSecond", "Link rate", settings.MinLinkBitsPerSecond, settings.MaxLinkBitsPerSecond,
            DeviceLimits.MaxLinkBitsPerSecond, zeroAllowed: false, SiFormat.BitRate);
        CheckRange(errors, "LinkLatencySeconds", "Latency", settings.MinLinkLatencySeconds, settings.MaxLinkLatencySeconds,
            DeviceLimits.MaxLinkLatencySeconds, zeroAllowed: true, SiFormat.Duration);
        CheckRange(errors, "NoReplyProbability", "p(no reply)", settings.MinNoReplyProbability, settings.MaxNoReplyProbability,
            0.999, zeroAllowed: true, SiFormat.Number);
        if (settings.MemoryBytes is <= 0 or > DeviceLimits.MaxMemoryBytes)
            errors.Add(new("memoryBytes",
                $"Memory must be above 0 B and at most {SiFormat.Bytes(DeviceLimits.MaxMemoryBytes)} (got {SiFormat.Bytes(settings.MemoryBytes)})."));
        return errors;
    }

    /// <summary>The fleet's devices, named "{prefix}-01" onwards, not yet stored (Id 0).</summary>
    /// <exception cref="ArgumentException">The settings are invalid; the message lists every problem.</exception>
    public static IReadOnlyList<DeviceProfile> Generate(FleetGeneratorSettings settings)
    {
        var errors = Validate(settings);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => $"{e.Field}: {e.Message}")), nameof(settings));

        var random = new SeededRandom(settings.Seed);
        var digits = Math.Max(2, settings.Count.ToString(CultureInfo.InvariantCulture).Length);
        var devices = new List<DeviceProfile>(settings.Count);
        for (var i = 1; i <= settings.Count; i++)
        {
            // Draw order is part of the seed contract: compute, up, down, latency, p.
            var compute = random.NextUniform(settings.MinComputeFlopsPerSecond, settings.MaxComputeFlopsPerSecond);
            var up = random.NextUniform(settings.MinLinkBitsPerSecond, settings.MaxLinkBitsPerSecond);
            var down = random.NextUniform(settings.MinLinkBitsPerSecond, settings.MaxLinkBitsPerSecond);
            var latency = random.NextUniform(settings.MinLinkLatencySeconds, settings.MaxLinkLatencySeconds);
            var p = random.NextUniform(settings.MinNoReplyProbability, settings.MaxNoReplyProbability);
            devices.Add(new DeviceProfile
            {
                Name = $"{settings.NamePrefix}-{i.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0')}",
                HardwareClass = "Generated",
                // Rounded so tables read well; the rounding stays inside the drawn range's ends.
                ComputeFlopsPerSecond = RoundWithin(compute, 1e3, settings.MinComputeFlopsPerSecond, settings.MaxComputeFlopsPerSecond),
                UplinkBitsPerSecond = RoundWithin(up, 1e3, settings.MinLinkBitsPerSecond, settings.MaxLinkBitsPerSecond),
                DownlinkBitsPerSecond = RoundWithin(down, 1e3, settings.MinLinkBitsPerSecond, settings.MaxLinkBitsPerSecond),
                LinkLatencySeconds = RoundWithin(latency, 1e-4, settings.MinLinkLatencySeconds, settings.MaxLinkLatencySeconds),
                NoReplyProbability = RoundWithin(p, 1e-3, settings.MinNoReplyProbability, settings.MaxNoReplyProbability),
                MemoryBytes = settings.MemoryBytes,
                Notes = $"Generated with seed {settings.Seed.ToString(CultureInfo.InvariantCulture)}.",
            });
        }
        return devices;
    }

    private static double RoundWithin(double value, double step, double min, double max)
    {
        var rounded = Math.Round(value / step) * step;
        // Re-parse through the shortest round-trip text so stored values print without float noise.
        rounded = double.Parse(rounded.ToString("G10", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
        return Math.Clamp(rounded, min, max);
    }

    private static void CheckRange(List<FieldError> errors, string name, string label, double min, double max,
        double highest, bool zeroAllowed, Func<double, string> format)
    {
        var lowestText = zeroAllowed ? "at least 0" : "above 0";
        var minField = "min" + name;
        var maxField = "max" + name;
        if (!double.IsFinite(min) || min < 0 || (!zeroAllowed && min <= 0) || min > highest)
            errors.Add(new(minField, $"{label} 'from' must be {lowestText} and at most {format(highest)} (got {format(min)})."));
        if (!double.IsFinite(max) || max < 0 || (!zeroAllowed && max <= 0) || max > highest)
            errors.Add(new(maxField, $"{label} 'to' must be {lowestText} and at most {format(highest)} (got {format(max)})."));
        if (double.IsFinite(min) && double.IsFinite(max) && min > max)
            errors.Add(new(maxField, $"{label} 'to' ({format(max)}) must not be below 'from' ({format(min)})."));
    }
}
