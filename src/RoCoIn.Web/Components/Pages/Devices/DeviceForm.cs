using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Units;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Components.Pages.Devices;

/// <summary>
/// The device dialog's model in the units people type (MFLOPS, KB, Mbps, ms, h, min); converts to and
/// from the SI <see cref="DeviceProfile"/> the engine validates.
/// </summary>
public sealed class DeviceForm
{
    public int Id { get; set; }
    public string Name { get; set; } = "";
    public string HardwareClass { get; set; } = "Custom";
    public double? ComputeMflops { get; set; }
    public double? MemoryKb { get; set; }
    public double? UplinkMbps { get; set; }
    public double? DownlinkMbps { get; set; }
    public double? LatencyMs { get; set; }
    public double? NoReplyProbability { get; set; } = 0.01;
    public double? MtbfHours { get; set; }
    public double? MttrMinutes { get; set; }
    public string Notes { get; set; } = "";

    public static DeviceForm From(DeviceProfile d) => new()
    {
        Id = d.Id,
        Name = d.Name,
        HardwareClass = d.HardwareClass,
        ComputeMflops = d.ComputeFlopsPerSecond / SiFormat.FlopsPerMflops,
        MemoryKb = d.MemoryBytes / SiFormat.BytesPerKilobyte,
        UplinkMbps = d.UplinkBitsPerSecond / SiFormat.BitsPerMbps,
        DownlinkMbps = d.DownlinkBitsPerSecond / SiFormat.BitsPerMbps,
        LatencyMs = d.LinkLatencySeconds * 1e3,
        NoReplyProbability = d.NoReplyProbability,
        MtbfHours = d.MtbfSeconds / 3600,
        MttrMinutes = d.MttrSeconds / 60,
        Notes = d.Notes,
    };

    /// <summary>
    /// The SI profile and every problem with it: empty required fields and the engine's checks of the filled
    /// ones, together, so the user sees all at once. The profile is null when anything is wrong.
    /// </summary>
    public (DeviceProfile? Device, IReadOnlyList<FieldError> Errors) ToProfile()
    {
        var missing = new List<FieldError>();
        double Require(double? value, string field, string label)
        {
            if (value is not null)
                return value.Value;
            missing.Add(new(field, $"{label} is required."));
            return 1;   // a stand-in that passes validation, so only real problems of other fields are reported
        }
        var compute = Require(ComputeMflops, DeviceFields.ComputeFlopsPerSecond, "Compute");
        var memoryKb = Require(MemoryKb, DeviceFields.MemoryBytes, "Model memory");
        var uplink = Require(UplinkMbps, DeviceFields.UplinkBitsPerSecond, "Uplink rate");
        var downlink = Require(DownlinkMbps, DeviceFields.DownlinkBitsPerSecond, "Downlink rate");
        var latency = Require(LatencyMs, DeviceFields.LinkLatencySeconds, "Link latency");
        var noReply = Require(NoReplyProbability, DeviceFields.NoReplyProbability, "Probability of no reply");

        var memoryBytes = memoryKb * SiFormat.BytesPerKilobyte;
        var device = new DeviceProfile
        {
            Id = Id,
            Name = Name.Trim(),
            HardwareClass = HardwareClass.Trim(),
            ComputeFlopsPerSecond = compute * SiFormat.FlopsPerMflops,
            // Out-of-range memory becomes a value the validator rejects with its limit, rather than an overflow.
            MemoryBytes = memoryBytes > long.MaxValue / 2 ? long.MaxValue : (long)Math.Round(memoryBytes),
            UplinkBitsPerSecond = uplink * SiFormat.BitsPerMbps,
            DownlinkBitsPerSecond = downlink * SiFormat.BitsPerMbps,
            LinkLatencySeconds = latency / 1e3,
            NoReplyProbability = noReply,
            MtbfSeconds = MtbfHours * 3600,
            MttrSeconds = MttrMinutes * 60,
            Notes = Notes,
        };
        var errors = missing.Concat(DeviceProfileValidator.Validate(device)).ToList();
        return errors.Count == 0 ? (device, []) : (null, errors);
    }
}
