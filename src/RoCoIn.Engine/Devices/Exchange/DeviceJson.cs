using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>
/// Devices as JSON: <c>{ "format": "rocoin-devices", "version": 1, "devices": [ … ] }</c> with the API's
/// camelCase SI field names. Reading checks every value's type itself, so a bad value is reported by
/// row and field instead of failing the whole document.
/// </summary>
public static class DeviceJson
{
    /// <summary>Value of the "format" member.</summary>
    public const string FormatName = "rocoin-devices";

    /// <summary>Current file version.</summary>
    public const int Version = 1;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        NewLine = "\n",
    };

    private static readonly HashSet<string> KnownFields =
    [
        DeviceFields.Name, DeviceFields.HardwareClass, DeviceFields.ComputeFlopsPerSecond, DeviceFields.MemoryBytes,
        DeviceFields.UplinkBitsPerSecond, DeviceFields.DownlinkBitsPerSecond, DeviceFields.LinkLatencySeconds,
        DeviceFields.NoReplyProbability, DeviceFields.MtbfSeconds, DeviceFields.MttrSeconds, DeviceFields.Notes,
    ];

    /// <summary>The devices as an indented JSON document, in the given order, ids left out.</summary>
    public static string Write(IEnumerable<DeviceProfile> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, WriterOptions))
        {
            writer.WriteStartObject();
            writer.WriteString("format", FormatName);
            writer.WriteNumber("version", Version);
            writer.WriteStartArray("devices");
            foreach (var device in devices)
                WriteDevice(writer, device, includeId: false);
            writer.WriteEndArray();
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }

    /// <summary>Writes one device as a JSON object with the API's field names.</summary>
    public static void WriteDevice(Utf8JsonWriter writer, DeviceProfile device, bool includeId)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(device);
        writer.WriteStartObject();
        if (includeId)
            writer.WriteNumber("id", device.Id);
        writer.WriteString(DeviceFields.Name, device.Name);
        writer.WriteString(DeviceFields.HardwareClass, device.HardwareClass);
        writer.WriteNumber(DeviceFields.ComputeFlopsPerSecond, device.ComputeFlopsPerSecond);
        writer.WriteNumber(DeviceFields.MemoryBytes, device.MemoryBytes);
        writer.WriteNumber(DeviceFields.UplinkBitsPerSecond, device.UplinkBitsPerSecond);
        writer.WriteNumber(DeviceFields.DownlinkBitsPerSecond, device.DownlinkBitsPerSecond);
        writer.WriteNumber(DeviceFields.LinkLatencySeconds, device.LinkLatencySeconds);
        writer.WriteNumber(DeviceFields.NoReplyProbability, device.NoReplyProbability);
        if (device.MtbfSeconds is { } mtbf) writer.WriteNumber(DeviceFields.MtbfSeconds, mtbf);
        else writer.WriteNull(DeviceFields.MtbfSeconds);
        if (device.MttrSeconds is { } mttr) writer.WriteNumber(DeviceFields.MttrSeconds, mttr);
        else writer.WriteNull(DeviceFields.MttrSeconds);
        writer.WriteString(DeviceFields.Notes, device.Notes);
        writer.WriteEndObject();
    }

    /// <summary>Parses and validates a device file; never throws on bad content. A bare array of devices is accepted too.</summary>
    public static DeviceFileReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException ex)
        {
            return DeviceFileReadResult.FileError(
                $"Not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}: {FirstSentence(ex.Message)}");
        }
        using (document)
        {
            var root = document.RootElement;
            JsonElement array;
            if (root.ValueKind == JsonValueKind.Array)
            {
                array = root;
            }
            else if (root.ValueKind == JsonValueKind.Object)
            {
                if (root.TryGetProperty("format", out var format) &&
                    (format.ValueKind != JsonValueKind.String || format.GetString() != FormatName))
                    return DeviceFileReadResult.FileError($"\"format\" must be \"{FormatName}\".");
                if (root.TryGetProperty("version", out var version) &&
                    (version.ValueKind != JsonValueKind.Number || !version.TryGetInt32(out var v) || v != Version))
                    return DeviceFileReadResult.FileError($"\"version\" must be {Version}; this studio reads version {Version} files.");
                if (!root.TryGetProperty("devices", out array) || array.ValueKind != JsonValueKind.Array)
                    return DeviceFileReadResult.FileError("Expected a \"devices\" array.");
            }
            else
            {
                return DeviceFileReadResult.FileError($"Expected a JSON object with a \"devices\" array, got {Describe(root.ValueKind)}.");
            }

            if (array.GetArrayLength() > DeviceCsv.MaxRows)
                return DeviceFileReadResult.FileError($"The file has {array.GetArrayLength()} devices; at most {DeviceCsv.MaxRows} can be imported at once.");

            var devices = new List<DeviceProfile>();
            var rows = new List<int>();
            var errors = new List<RowError>();
            var row = 0;
            foreach (var element in array.EnumerateArray())
            {
                row++;
                var (device, fieldErrors) = ReadDevice(element);
                if (device is null)
                    errors.AddRange(fieldErrors.Select(e => new RowError(row, NameOf(element), e.Field, e.Message)));
                else
                {
                    devices.Add(device);
                    rows.Add(row);
                }
            }
            errors.AddRange(DeviceImportPlanner.DuplicateNames(devices, rows));
            return new(devices, rows, errors.OrderBy(e => e.Row).ToList());
        }
    }

    /// <summary>
    /// Reads one device object (as an API request body or a file row). Unknown members, wrong types,
    /// non-finite or out-of-range values are field errors; an "id" member is ignored.
    /// </summary>
    public static (DeviceProfile? Device, IReadOnlyList<FieldError> Errors) ReadDevice(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.Object)
            return (null, [new FieldError("device", $"Expected a JSON object, got {Describe(element.ValueKind)}.")]);

        var draft = new DraftDevice();
        foreach (var member in element.EnumerateObject())
        {
            var value = member.Value;
            switch (member.Name)
            {
                case "id": break;
                case DeviceFields.Name: draft.Name = ReadString(draft, member.Name, value); break;
                case DeviceFields.HardwareClass: draft.HardwareClass = ReadString(draft, member.Name, value); break;
                case DeviceFields.Notes: draft.Notes = value.ValueKind == JsonValueKind.Null ? "" : ReadString(draft, member.Name, value) ?? ""; break;
                case DeviceFields.MemoryBytes:
                    if (value.ValueKind != JsonValueKind.Number)
                        draft.Errors.Add(new(member.Name, $"Must be a number of bytes, got {Describe(value.ValueKind)}."));
                    else if (value.TryGetInt64(out var bytes))
                        draft.Memory = bytes;
                    else
                        draft.Errors.Add(new(member.Name, $"Must be a whole number of bytes within range (got {value.GetRawText()})."));
                    break;
                case DeviceFields.ComputeFlopsPerSecond: draft.Compute = ReadNumber(draft, member.Name, value, optional: false); break;
                case DeviceFields.UplinkBitsPerSecond: draft.Uplink = ReadNumber(draft, member.Name, value, optional: false); break;
                case DeviceFields.DownlinkBitsPerSecond: draft.Downlink = ReadNumber(draft, member.Name, value, optional: false); break;
                case DeviceFields.LinkLatencySeconds: draft.Latency = ReadNumber(draft, member.Name, value, optional: false); break;
                case DeviceFields.NoReplyProbability: draft.NoReply = ReadNumber(draft, member.Name, value, optional: false); break;
                case DeviceFields.MtbfSeconds: draft.Mtbf = ReadNumber(draft, member.Name, value, optional: true); break;
                case DeviceFields.MttrSeconds: draft.Mttr = ReadNumber(draft, member.Name, value, optional: true); break;
                default:
                    draft.Errors.Add(new(member.Name, $"Unknown field. Known fields: {string.Join(", ", KnownFields)}."));
                    break;
            }
        }
        if (draft.Errors.Count > 0)
        {
            // Report type errors first without piling "missing" on top of a field that was present but wrong.
            var present = element.EnumerateObject().Select(m => m.Name).ToHashSet();
            foreach (var field in KnownFields.Where(f => !present.Contains(f) && IsRequired(f)))
                draft.Missing(field);
            return (null, draft.Errors);
        }
        var device = draft.Build();
        return (device, draft.Errors);
    }

    private static bool IsRequired(string field) =>
        field is not (DeviceFields.MtbfSeconds or DeviceFields.MttrSeconds or DeviceFields.Notes);

    private static string? ReadString(DraftDevice draft, string field, JsonElement value)
    {
        if (value.ValueKind == JsonValueKind.String)
            return value.GetString();
        draft.Errors.Add(new(field, $"Must be a string, got {Describe(value.ValueKind)}."));
        return null;
    }

    private static double? ReadNumber(DraftDevice draft, string field, JsonElement value, bool optional)
    {
        if (optional && value.ValueKind == JsonValueKind.Null)
            return null;
        if (value.ValueKind != JsonValueKind.Number)
        {
            draft.Errors.Add(new(field, $"Must be a number, got {Describe(value.ValueKind)}" +
                (value.ValueKind == JsonValueKind.String ? $" \"{value.GetString()}\"." : ".")));
            return null;
        }
        // TryGetDouble refuses values that overflow to ±∞, such as 1e400.
        if (value.TryGetDouble(out var number) && double.IsFinite(number))
            return number;
        draft.Errors.Add(new(field, $"Must be a finite number; {value.GetRawText()} is out of range."));
        return null;
    }

    private static string? NameOf(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(DeviceFields.Name, out var n) &&
        n.ValueKind == JsonValueKind.String ? n.GetString() : null;

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static string FirstSentence(string message)
    {
        var dot = message.IndexOf(". ", StringComparison.Ordinal);
        return dot > 0 ? message[..(dot + 1)] : message;
    }
}
