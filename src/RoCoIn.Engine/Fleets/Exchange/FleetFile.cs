using RoCoIn.Engine.Devices.Exchange;

namespace RoCoIn.Engine.Fleets.Exchange;

/// <summary>A fleet read from a file: its own fields and its devices' full profiles.</summary>
/// <param name="Name">Fleet name, or null when it could not be read.</param>
/// <param name="Description">Fleet description.</param>
/// <param name="Devices">The member devices as read and validated, with row errors.</param>
public sealed record FleetFile(string? Name, string Description, DeviceFileReadResult Devices);
