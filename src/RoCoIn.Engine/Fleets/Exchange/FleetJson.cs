using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;

namespace RoCoIn.Engine.Fleets.Exchange;

/// <summary>
/// A fleet as one self-contained JSON file: <c>{ "format": "rocoin-fleet", "version": 1, "name", "description",
/// "devices": [ full profiles ] }</c>, so it can move between studios.
/// </summary>
public static class FleetJson
{
    /// <summary>Value of the "format" member.</summary>
    public const string FormatName = "rocoin-fleet";

    /// <summary>Current file version.</summary>
    public const int Version = 1;

    /// <summary>The fleet and its devices (in fleet order) as indented JSON.</summary>
    public static string Write(Fleet fleet, IEnumerable<DeviceProfile> devices)
    {
        ArgumentNullException.ThrowIfNull(fleet);
        ArgumentNullException.ThrowIfNull(devices);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions
        {
            Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, NewLine = "\n",
        }))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", Version);
            writer.WriteString("name", fleet.Name);
            writer.WriteString("description", fleet.Description);
            writer.WriteStartArray("devices");
            foreach (var device in devices)
                DeviceJson.WriteDevice(writer, device, includeId: false);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Reads a fleet file; never throws on bad content. Errors of the fleet's own fields have row 0.</summary>
    public static FleetFile Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return new(null, "", DeviceFileReadResult.FileError(
                $"Not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}."));
        }
        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
                return new(null, "", DeviceFileReadResult.FileError("Expected a JSON object describing one fleet."));
            if (!root.TryGetProperty("format", out var format) || format.ValueKind != JsonValueKind.String || format.GetString() != FormatName)
                return new(null, "", DeviceFileReadResult.FileError($"\"format\" must be \"{FormatName}\"."));
            if (!root.TryGetProperty("version", out var version) || version.ValueKind != JsonValueKind.Number
                || !version.TryGetInt32(out var v) || v != Version)
                return new(null, "", DeviceFileReadResult.FileError($"\"version\" must be {Version}."));

            var fleetErrors = new List<RowError>();
            string? name = null;
            if (root.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String)
                name = n.GetString();
            else
                fleetErrors.Add(new(0, null, "name", "The fleet needs a \"name\" string."));
            var description = root.TryGetProperty("description", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() ?? "" : "";
            if (!root.TryGetProperty("devices", out var devices) || devices.ValueKind != JsonValueKind.Array)
                return new(name, description, DeviceFileReadResult.Failed([.. fleetErrors, new(0, null, "devices", "Expected a \"devices\" array.")]));

            var read = DeviceJson.Read(devices.GetRawText());
            return new(name, description, read with { Errors = [.. fleetErrors, .. read.Errors] });
        }
    }
}
