using System.Globalization;

namespace RoCoIn.ClassroomBench;

/// <summary>One measurement window: the studio's CPU and the followers' update delays.</summary>
public sealed record WindowResult(
    int Followers,
    double WallSeconds,
    double StudioCpuSeconds,
    double BrowserCpuSeconds,
    IReadOnlyList<FollowerSample> Pages,
    double OpenSeconds,
    string LoadBefore,
    string LoadAfter)
{
    public double StudioShare => StudioCpuSeconds / WallSeconds;

    public double[] DelaysMs { get; } = [.. Pages.SelectMany(p => p.DelaysMs)];

    public bool AllVisible => Pages.All(p => p.Visible);

    /// <summary>Pages that saw no update in the window, and pages showing Blazor's reconnect dialog.</summary>
    public string Stalled => Followers == 0 ? "—" : $"{Pages.Count(p => p.DelaysMs.Length == 0)} / {Pages.Count(p => p.Reconnecting)}";

    public double BrowserShare => BrowserCpuSeconds / WallSeconds;

    /// <summary>Nearest-rank percentile of the delays (ms), or null without samples.</summary>
    public double? Percentile(double p)
    {
        if (DelaysMs.Length == 0)
            return null;
        var sorted = DelaysMs.Order().ToArray();
        return sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];
    }

    public string ToMarkdownRow()
    {
        static string Ms(double? value) => value is { } v ? string.Create(CultureInfo.InvariantCulture, $"{v:0} ms") : "—";
        var perFollower = Followers == 0 ? "—" : string.Create(CultureInfo.InvariantCulture,
            $"{Pages.Average(p => p.DelaysMs.Length) / WallSeconds:0.00} /s ({Pages.Min(p => p.DelaysMs.Length)}–{Pages.Max(p => p.DelaysMs.Length)})");
        return string.Create(CultureInfo.InvariantCulture,
            $"| {Followers} | {WallSeconds:0.0} s | {StudioCpuSeconds:0.00} s | {StudioShare * 100:0.0} % | {BrowserShare * 100:0.0} % | {perFollower} | " +
            $"{Ms(Percentile(0.5))} | {Ms(Percentile(0.95))} | {Ms(DelaysMs.Length == 0 ? null : DelaysMs.Max())} | {DelaysMs.Length} | {Stalled} | {LoadBefore} → {LoadAfter} |");
    }
}

/// <summary>The Markdown the harness prints on standard output.</summary>
public static class Report
{
    public static void Write(TextWriter output, string command, ClassroomBenchOptions options, int runId, string code, string loadAtStart,
        string loadAtEnd, TimeSpan elapsed, IReadOnlyList<WindowResult> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(rows);
        output.WriteLine("### Classroom: followers on one live run");
        output.WriteLine();
        output.WriteLine($"Command: `{command}`");
        output.WriteLine();
        foreach (var line in Machine.Describe())
            output.WriteLine($"- {line}");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- load average: {loadAtStart} at start, {loadAtEnd} at end ({elapsed.TotalSeconds:0} s in all)"));
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"- run {runId}: demo plan, real time ×1, Poisson {options.RatePerSecond} requests/s; class code {code}; windows of {options.WindowSeconds} s after {options.SettleSeconds} s of settling ({options.WarmupSeconds} s more after the run started and after the first page opened)"));
        output.WriteLine($"- every follower page visible to its renderer: {(rows.All(r => r.AllVisible) ? "yes" : "no")}");
        output.WriteLine();
        output.WriteLine("| followers | window | studio CPU | share of one core | browser + driver CPU (of one core) | updates per follower (min–max) | delay p50 | delay p95 | delay max | samples | pages without update / reconnecting | load before → after |");
        output.WriteLine("|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|---|");
        foreach (var row in rows)
            output.WriteLine(row.ToMarkdownRow());
        output.WriteLine();
        foreach (var row in rows.Where(r => r.Followers > 0))
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"- opening pages up to {row.Followers} took {row.OpenSeconds:0.0} s"));
    }
}
