using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Devices;

/// <summary>
/// Checks a <see cref="DeviceProfile"/> against the model's assumptions: finite positive capacities,
/// p in [0, 1), MTBF and MTTR together, names unique, values within <see cref="DeviceLimits"/>.
/// </summary>
public static class DeviceProfileValidator
{
    /// <summary>Every problem with <paramref name="device"/> on its own (uniqueness aside); empty when valid.</summary>
    public static IReadOnlyList<FieldError> Validate(DeviceProfile device)
    {
        ArgumentNullException.ThrowIfNull(device);
        var errors = new List<FieldError>();

        CheckText(errors, DeviceFields.Name, "Name", device.Name, DeviceLimits.MaxNameLength, required: true);
        CheckText(errors, DeviceFields.HardwareClass, "Hardware class", device.HardwareClass,
            DeviceLimits.MaxHardwareClassLength, required: true);
        CheckText(errors, DeviceFields.Notes, "Notes", device.Notes, DeviceLimits.MaxNotesLength, required: false);

        CheckPositive(errors, DeviceFields.ComputeFlopsPerSecond, "Compute", device.ComputeFlopsPerSecond,
            DeviceLimits.MaxComputeFlopsPerSecond, SiFormat.Flops);
        CheckPositive(errors, DeviceFields.MemoryBytes, "Model memory", device.MemoryBytes,
            DeviceLimits.MaxMemoryBytes, SiFormat.Bytes);
        CheckPositive(errors, DeviceFields.UplinkBitsPerSecond, "Uplink rate", device.UplinkBitsPerSecond,
            DeviceLimits.MaxLinkBitsPerSecond, SiFormat.BitRate);
        CheckPositive(errors, DeviceFields.DownlinkBitsPerSecond, "Downlink rate", device.DownlinkBitsPerSecond,
            DeviceLimits.MaxLinkBitsPerSecond, SiFormat.BitRate);

        var latency = device.LinkLatencySeconds;
        if (!double.IsFinite(latency))
            errors.Add(new(DeviceFields.LinkLatencySeconds, "Link latency must be a finite number."));
        else if (latency < 0)
            errors.Add(new(DeviceFields.LinkLatencySeconds,
                $"Link latency cannot be negative (got {SiFormat.Duration(latency)})."));
        else if (latency > DeviceLimits.MaxLinkLatencySeconds)
            errors.Add(new(DeviceFields.LinkLatencySeconds,
                $"Link latency must be at most {SiFormat.Duration(DeviceLimits.MaxLinkLatencySeconds)} " +
                $"(got {SiFormat.Duration(latency)}, {SiFormat.Duration(latency - DeviceLimits.MaxLinkLatencySeconds)} too much)."));

        var p = device.NoReplyProbability;
        if (!double.IsFinite(p))
            errors.Add(new(DeviceFields.NoReplyProbability, "Probability of no reply must be a finite number."));
        else if (p is < 0 or >= 1)
            errors.Add(new(DeviceFields.NoReplyProbability,
                $"Probability of no reply must be in [0, 1) (got {SiFormat.Number(p)}); 1 would mean the device never answers."));

        if (device.MtbfSeconds.HasValue != device.MttrSeconds.HasValue)
        {
            var missing = device.MtbfSeconds.HasValue ? DeviceFields.MttrSeconds : DeviceFields.MtbfSeconds;
            errors.Add(new(missing, "MTBF and MTTR go together: give both or neither."));
        }
        if (device.MtbfSeconds is { } mtbf)
            CheckPositive(errors, DeviceFields.MtbfSeconds, "MTBF", mtbf, DeviceLimits.MaxMtbfSeconds, SiFormat.Duration);
        if (device.MttrSeconds is { } mttr)
            CheckPositive(errors, DeviceFields.MttrSeconds, "MTTR", mttr, DeviceLimits.MaxMttrSeconds, SiFormat.Duration);

        return errors;
    }

    /// <summary>
    /// Problems with <paramref name="device"/> including a name clash with <paramref name="others"/>
    /// (names compare case-insensitively; the device's own stored row, same <see cref="DeviceProfile.Id"/>, is not a clash).
    /// </summary>
    public static IReadOnlyList<FieldError> Validate(DeviceProfile device, IEnumerable<DeviceProfile> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var errors = Validate(device).ToList();
        var clash = others.FirstOrDefault(o =>
            (device.Id == 0 || o.Id != device.Id) && string.Equals(o.Name, device.Name, StringComparison.OrdinalIgnoreCase));
        if (clash is not null)
            errors.Add(new(DeviceFields.Name, $"A device named '{clash.Name}' already exists; names must be unique."));
        return errors;
    }

    private static void CheckText(List<FieldError> errors, string field, string label, string? value, int maxLength, bool required)
    {
        if (value is null || (required && string.IsNullOrWhiteSpace(value)))
        {
            if (required)
                errors.Add(new(field, $"{label} is required."));
            return;
        }
        if (required && value.Trim().Length != value.Length)
            errors.Add(new(field, $"{label} must not start or end with spaces."));
        if (value.Length > maxLength)
            errors.Add(new(field, $"{label} must be at most {maxLength} characters (got {value.Length}, {value.Length - maxLength} too many)."));
        if (value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            errors.Add(new(field, $"{label} contains a control character."));
    }

    private static void CheckPositive(List<FieldError> errors, string field, string label, double value, double max,
        Func<double, string> format)
    {
        if (!double.IsFinite(value))
            errors.Add(new(field, $"{label} must be a finite number (got {value})."));
        else if (value <= 0)
            errors.Add(new(field, $"{label} must be greater than zero (got {format(value)})."));
        else if (value > max)
            errors.Add(new(field,
                $"{label} must be at most {format(max)} (got {format(value)}, {SiFormat.Number(value / max)}× the limit); check the unit."));
    }
}
