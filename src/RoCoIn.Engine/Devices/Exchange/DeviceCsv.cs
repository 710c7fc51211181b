using System.Globalization;
using System.Text;

namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>
/// Devices as RFC 4180 CSV. Columns are SI and the header names the unit; numbers are invariant-culture,
/// shortest round-trip text, so export → import → export is byte-identical.
/// </summary>
public static class DeviceCsv
{
    /// <summary>Most data rows one file may hold.</summary>
    public const int MaxRows = 10_000;

    /// <summary>Column names in export order, each mapped to the field it fills.</summary>
    public static IReadOnlyList<(string Column, string Field)> Columns { get; } =
    [
        ("name", DeviceFields.Name),
        ("hardware_class", DeviceFields.HardwareClass),
        ("compute_flops_per_s", DeviceFields.ComputeFlopsPerSecond),
        ("memory_bytes", DeviceFields.MemoryBytes),
        ("uplink_bits_per_s", DeviceFields.UplinkBitsPerSecond),
        ("downlink_bits_per_s", DeviceFields.DownlinkBitsPerSecond),
        ("link_latency_s", DeviceFields.LinkLatencySeconds),
        ("no_reply_probability", DeviceFields.NoReplyProbability),
        ("mtbf_s", DeviceFields.MtbfSeconds),
        ("mttr_s", DeviceFields.MttrSeconds),
        ("notes", DeviceFields.Notes),
    ];

    private static readonly HashSet<string> OptionalColumns = ["mtbf_s", "mttr_s", "notes"];

    /// <summary>The devices as CSV text (header first, "\n" line ends, rows in the given order).</summary>
    public static string Write(IEnumerable<DeviceProfile> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        var sb = new StringBuilder();
        sb.Append(string.Join(',', Columns.Select(c => c.Column))).Append('\n');
        foreach (var d in devices)
        {
            string[] cells =
            [
                Quote(d.Name), Quote(d.HardwareClass), Num(d.ComputeFlopsPerSecond),
                d.MemoryBytes.ToString(CultureInfo.InvariantCulture), Num(d.UplinkBitsPerSecond),
                Num(d.DownlinkBitsPerSecond), Num(d.LinkLatencySeconds), Num(d.NoReplyProbability),
                d.MtbfSeconds is { } mtbf ? Num(mtbf) : "", d.MttrSeconds is { } mttr ? Num(mttr) : "", Quote(d.Notes),
            ];
            sb.Append(string.Join(',', cells)).Append('\n');
        }
        return sb.ToString();
    }

    /// <summary>Parses and validates every row; never throws on bad content.</summary>
    public static DeviceFileReadResult Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        List<List<string>> records;
        try
        {
            records = ParseRecords(text);
        }
        catch (FormatException ex)
        {
            return DeviceFileReadResult.FileError(ex.Message);
        }
        records.RemoveAll(r => r.Count == 1 && r[0].Length == 0);   // blank lines
        if (records.Count == 0)
            return DeviceFileReadResult.FileError("The file is empty; expected a header line: " +
                string.Join(',', Columns.Select(c => c.Column)) + ".");

        var header = records[0].Select(h => h.Trim()).ToList();
        var headerErrors = new List<RowError>();
        var known = Columns.ToDictionary(c => c.Column, c => c.Field);
        foreach (var unknown in header.Where(h => !known.ContainsKey(h)).Distinct())
            headerErrors.Add(new(0, null, "header", $"Unknown column '{unknown}'. Known columns: {string.Join(", ", known.Keys)}."));
        foreach (var dup in header.GroupBy(h => h).Where(g => g.Count() > 1))
            headerErrors.Add(new(0, null, "header", $"Column '{dup.Key}' appears {dup.Count()} times."));
        foreach (var missing in Columns.Select(c => c.Column).Where(c => !OptionalColumns.Contains(c) && !header.Contains(c)))
            headerErrors.Add(new(0, null, "header", $"Required column '{missing}' is missing."));
        if (headerErrors.Count > 0)
            return DeviceFileReadResult.Failed(headerErrors);
        if (records.Count - 1 > MaxRows)
            return DeviceFileReadResult.FileError($"The file has {records.Count - 1} rows; at most {MaxRows} can be imported at once.");

        var devices = new List<DeviceProfile>();
        var rows = new List<int>();
        var errors = new List<RowError>();
        for (var r = 1; r < records.Count; r++)
        {
            var cells = records[r];
            if (cells.Count != header.Count)
            {
                errors.Add(new(r, cells.Count > 0 && header.IndexOf("name") is var ni && ni >= 0 && ni < cells.Count ? cells[ni] : null,
                    "row", $"Has {cells.Count} cells, but the header has {header.Count} columns."));
                continue;
            }
            var draft = new DraftDevice();
            for (var c = 0; c < header.Count; c++)
                Assign(draft, header[c], known[header[c]], cells[c]);
            var device = draft.Build();
            if (device is null)
                errors.AddRange(draft.Errors.Select(e => new RowError(r, draft.Name, ColumnOf(e.Field), e.Message)));
            else
            {
                devices.Add(device);
                rows.Add(r);
            }
        }
        errors.AddRange(DeviceImportPlanner.DuplicateNames(devices, rows));
        return new(devices, rows, errors.OrderBy(e => e.Row).ToList());
    }

    private static void Assign(DraftDevice draft, string column, string field, string cell)
    {
        switch (field)
        {
            case DeviceFields.Name: draft.Name = cell; break;
            case DeviceFields.HardwareClass: draft.HardwareClass = cell; break;
            case DeviceFields.Notes: draft.Notes = cell; break;
            case DeviceFields.MemoryBytes:
                if (long.TryParse(cell, NumberStyles.Integer, CultureInfo.InvariantCulture, out var bytes))
                    draft.Memory = bytes;
                else
                    draft.Errors.Add(new(field, $"Column {column} must be a whole number of bytes (got '{cell}')."));
                break;
            default:
                var optional = OptionalColumns.Contains(column);
                if (optional && cell.Length == 0)
                    break;
                if (double.TryParse(cell, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    switch (field)
                    {
                        case DeviceFields.ComputeFlopsPerSecond: draft.Compute = value; break;
                        case DeviceFields.UplinkBitsPerSecond: draft.Uplink = value; break;
                        case DeviceFields.DownlinkBitsPerSecond: draft.Downlink = value; break;
                        case DeviceFields.LinkLatencySeconds: draft.Latency = value; break;
                        case DeviceFields.NoReplyProbability: draft.NoReply = value; break;
                        case DeviceFields.MtbfSeconds: draft.Mtbf = value; break;
                        case DeviceFields.MttrSeconds: draft.Mttr = value; break;
                    }
                }
                else
                {
                    draft.Errors.Add(new(field, $"Column {column} must be a number with '.' as decimal point (got '{cell}')."));
                }
                break;
        }
    }

    // Row errors name the CSV column the user sees in the file.
    private static string ColumnOf(string field) =>
        Columns.FirstOrDefault(c => c.Field == field).Column ?? field;

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    private static string Quote(string value) =>
        value.IndexOfAny([',', '"', '\n', '\r']) >= 0 || (value.Length > 0 && (value[0] == ' ' || value[^1] == ' '))
            ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""
            : value;

    // RFC 4180: fields separated by commas, records by CRLF or LF; quoted fields may hold commas,
    // line breaks and doubled quotes.
    private static List<List<string>> ParseRecords(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        var line = 1;
        var i = 0;
        while (i < text.Length)
        {
            var ch = text[i];
            if (ch == '"' && field.Length == 0)
            {
                var startLine = line;
                i++;
                while (true)
                {
                    if (i >= text.Length)
                        throw new FormatException($"Line {startLine}: a quoted field is never closed.");
                    if (text[i] == '"')
                    {
                        if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                        i++;
                        break;
                    }
                    if (text[i] == '\n') line++;
                    field.Append(text[i++]);
                }
                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    throw new FormatException($"Line {line}: unexpected text after a closing quote.");
                continue;
            }
            if (ch == ',') { record.Add(field.ToString()); field.Clear(); i++; continue; }
            if (ch is '\r' or '\n')
            {
                record.Add(field.ToString()); field.Clear();
                records.Add(record); record = [];
                i += ch == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                continue;
            }
            field.Append(ch);
            i++;
        }
        if (field.Length > 0 || record.Count > 0)
        {
            record.Add(field.ToString());
            records.Add(record);
        }
        return records;
    }
}
