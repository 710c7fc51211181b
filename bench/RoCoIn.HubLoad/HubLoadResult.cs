using System.Globalization;

namespace RoCoIn.HubLoad;

/// <summary>What one measurement found.</summary>
public sealed record HubLoadResult(
    int RunId,
    int Clients,
    double WallSeconds,
    double ServerCpuSeconds,
    double HarnessCpuSeconds,
    long MessagesPerClientMin,
    long MessagesPerClientMax,
    double MeanMessageChars,
    string LoadBefore,
    string LoadAfter)
{
    /// <summary>Server CPU time over the window as a share of one core, in percent.</summary>
    public double ServerCpuPercent => WallSeconds > 0 ? 100 * ServerCpuSeconds / WallSeconds : 0;

    /// <summary>| clients | server CPU s | % of one core | messages per client | mean message (JSON chars) | harness CPU s | load avg before → after |</summary>
    public string ToMarkdownRow() => string.Create(CultureInfo.InvariantCulture,
        $"| {Clients} | {ServerCpuSeconds:0.00} s | {ServerCpuPercent:0.0} % | {Messages} | {(MeanMessageChars > 0 ? MeanMessageChars.ToString("0", CultureInfo.InvariantCulture) : "—")} | {HarnessCpuSeconds:0.00} s | {LoadBefore} → {LoadAfter} |");

    private string Messages => Clients == 0 ? "—"
        : MessagesPerClientMin == MessagesPerClientMax ? MessagesPerClientMin.ToString(CultureInfo.InvariantCulture)
        : string.Create(CultureInfo.InvariantCulture, $"{MessagesPerClientMin}–{MessagesPerClientMax}");
}
