using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>
/// Collects one row's fields as they are read from a file or request, with type errors, then validates the
/// result as a <see cref="DeviceProfile"/>. Shared by the CSV and JSON readers so both say the same things.
/// </summary>
internal sealed class DraftDevice
{
    public string? Name;
    public string? HardwareClass;
    public double? Compute;
    public long? Memory;
    public double? Uplink;
    public double? Downlink;
    public double? Latency;
    public double? NoReply;
    public double? Mtbf;
    public double? Mttr;
    public string Notes = "";
    public List<FieldError> Errors { get; } = [];

    public void Missing(string field)
    {
        // A value that was present but unreadable already has its error; "missing" would only repeat it.
        if (!Errors.Any(e => e.Field == field))
            Errors.Add(new(field, "A value is required but missing."));
    }

    /// <summary>The profile when every required field was read and the values validate; else null with <see cref="Errors"/> filled.</summary>
    public DeviceProfile? Build()
    {
        if (Name is null) Missing(DeviceFields.Name);
        if (HardwareClass is null) Missing(DeviceFields.HardwareClass);
        if (Compute is null) Missing(DeviceFields.ComputeFlopsPerSecond);
        if (Memory is null) Missing(DeviceFields.MemoryBytes);
        if (Uplink is null) Missing(DeviceFields.UplinkBitsPerSecond);
        if (Downlink is null) Missing(DeviceFields.DownlinkBitsPerSecond);
        if (Latency is null) Missing(DeviceFields.LinkLatencySeconds);
        if (NoReply is null) Missing(DeviceFields.NoReplyProbability);
        if (Errors.Count > 0)
            return null;

        var device = new DeviceProfile
        {
            Name = Name!,
            HardwareClass = HardwareClass!,
            ComputeFlopsPerSecond = Compute!.Value,
            MemoryBytes = Memory!.Value,
            UplinkBitsPerSecond = Uplink!.Value,
            DownlinkBitsPerSecond = Downlink!.Value,
            LinkLatencySeconds = Latency!.Value,
            NoReplyProbability = NoReply!.Value,
            MtbfSeconds = Mtbf,
            MttrSeconds = Mttr,
            Notes = Notes,
        };
        Errors.AddRange(DeviceProfileValidator.Validate(device));
        return Errors.Count == 0 ? device : null;
    }
}
