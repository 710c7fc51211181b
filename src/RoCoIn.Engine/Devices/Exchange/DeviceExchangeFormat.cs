namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>The file formats devices are imported from and exported to.</summary>
public enum DeviceExchangeFormat
{
    /// <summary>RFC 4180 CSV with SI columns whose header names the unit (<see cref="DeviceCsv"/>).</summary>
    Csv,

    /// <summary>JSON document { format, version, devices: [...] } (<see cref="DeviceJson"/>).</summary>
    Json,
}
