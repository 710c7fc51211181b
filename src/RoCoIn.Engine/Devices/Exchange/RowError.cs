namespace RoCoIn.Engine.Devices.Exchange;

/// <summary>One problem in one row of an imported file.</summary>
/// <param name="Row">1-based index of the device in the file (CSV: the data row under the header; JSON: the array element).</param>
/// <param name="Name">The row's device name when it could be read, else null.</param>
/// <param name="Field">The field at fault (API spelling), or "row" / "file" when no single field is.</param>
/// <param name="Message">What is wrong.</param>
public sealed record RowError(int Row, string? Name, string Field, string Message)
{
    /// <summary>"Row 3 ('edge-03'), computeFlopsPerSecond: Compute must be …".</summary>
    public override string ToString() =>
        Row == 0 ? $"{Field}: {Message}" : $"Row {Row}{(Name is null ? "" : $" ('{Name}')")}, {Field}: {Message}";
}
