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

    /// <summary>The SI profile, or the fields left empty that must be filled.</summary>
    public (DeviceProfile? Device, IReadOnlyList<FieldError> Errors) ToProfile()
    {
        var missing = new List<FieldError>();
        void Require(double? value, string field, string label)
        {
            if (value is null)
                missing.Add(new(field, $"{label} is required."));
        }
        Require(ComputeMflops, DeviceFields.ComputeFlopsPerSecond, "Compute");
        Require(MemoryKb, DeviceFields.MemoryBytes, "Model memory");
        Require(UplinkMbps, DeviceFields.UplinkBitsPerSecond, "Uplink rate");
        Require(DownlinkMbps, DeviceFields.DownlinkBitsPerSecond, "Downlink rate");
        Require(LatencyMs, DeviceFields.LinkLatencySeconds, "Link latency");
        Require(NoReplyProbability, DeviceFields.NoReplyProbability, "Probability of no reply");
        if (missing.Count > 0)
            return (null, missing);

        var memoryBytes = MemoryKb!.Value * SiFormat.BytesPerKilobyte;
        var device = new DeviceProfile
        {
            Id = Id,
            Name = Name.Trim(),
            HardwareClass = HardwareClass.Trim(),
            ComputeFlopsPerSecond = ComputeMflops!.Value * SiFormat.FlopsPerMflops,
            // Out-of-range memory becomes a value the validator rejects with its limit, rather than an overflow.
            MemoryBytes = memoryBytes > long.MaxValue / 2 ? long.MaxValue : (long)Math.Round(memoryBytes),
            UplinkBitsPerSecond = UplinkMbps!.Value * SiFormat.BitsPerMbps,
            DownlinkBitsPerSecond = DownlinkMbps!.Value * SiFormat.BitsPerMbps,
            LinkLatencySeconds = LatencyMs!.Value / 1e3,
            NoReplyProbability = NoReplyProbability!.Value,
            MtbfSeconds = MtbfHours * 3600,
            MttrSeconds = MttrMinutes * 60,
            Notes = Notes,
        };
        return (device, []);
    }
}
