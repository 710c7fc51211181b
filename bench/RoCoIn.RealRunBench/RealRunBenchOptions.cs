using System.Globalization;

namespace RoCoIn.RealRunBench;

/// <summary>What to measure and how much.</summary>
public sealed record RealRunBenchOptions
{
    public const string Usage = """
        RoCoIn.RealRunBench [--requests N] [--emulated-requests N] [--concurrency 1,4,16] [--warmup N]
                            [--failure-concurrency C] [--lead-seconds S] [--down-seconds S] [--settle-seconds S]
                            [--parts latency,failures] [--agent-program PATH]
          --requests             requests per concurrency level with emulation off (default 500); the concurrency-1
                                 level also gives the coordinator overhead
          --emulated-requests    requests per concurrency level with emulation on (default 150)
          --concurrency          the levels, comma-separated (default 1,4,16)
          --warmup               requests of the real run (RealRunService) that warms each fleet up (default 40)
          --failure-concurrency  requests in flight during the failure drill (default 4)
          --lead-seconds         load before the first kill and after the last restart (default 2)
          --down-seconds         how long each killed agent stays down before its restart (default 2)
          --settle-seconds       load between a restarted agent being ready and the next kill (default 1)
          --parts                what to run (default latency,failures)
          --agent-program        RoCoIn.Agent.dll to start (default: the one built with this configuration)
        A quick run: --requests 100 --emulated-requests 40 --down-seconds 1 (well under 2 minutes).
        """;

    public int Requests { get; init; } = 500;
    public int EmulatedRequests { get; init; } = 150;
    public IReadOnlyList<int> Concurrency { get; init; } = [1, 4, 16];
    public int Warmup { get; init; } = 40;
    public int FailureConcurrency { get; init; } = 4;
    public double LeadSeconds { get; init; } = 2;
    public double DownSeconds { get; init; } = 2;
    public double SettleSeconds { get; init; } = 1;
    public bool Latency { get; init; } = true;
    public bool Failures { get; init; } = true;
    public string? AgentProgram { get; init; }

    /// <summary>The options in <paramref name="args"/>, or null when they are malformed.</summary>
    public static RealRunBenchOptions? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal) || i + 1 >= args.Length)
                return null;
            values[args[i][2..]] = args[++i];
        }
        var known = new[] { "requests", "emulated-requests", "concurrency", "warmup", "failure-concurrency", "lead-seconds", "down-seconds",
            "settle-seconds", "parts", "agent-program" };
        if (values.Keys.Any(k => !known.Contains(k)))
            return null;
        try
        {
            var parts = values.TryGetValue("parts", out var p) ? p.Split(',', StringSplitOptions.TrimEntries) : ["latency", "failures"];
            if (parts.Any(x => x is not ("latency" or "failures")))
                return null;
            var options = new RealRunBenchOptions
            {
                Requests = Int(values, "requests") ?? 500,
                EmulatedRequests = Int(values, "emulated-requests") ?? 150,
                Concurrency = values.TryGetValue("concurrency", out var c)
                    ? [.. c.Split(',').Select(x => int.Parse(x, CultureInfo.InvariantCulture))]
                    : [1, 4, 16],
                Warmup = Int(values, "warmup") ?? 40,
                FailureConcurrency = Int(values, "failure-concurrency") ?? 4,
                LeadSeconds = Double(values, "lead-seconds") ?? 2,
                DownSeconds = Double(values, "down-seconds") ?? 2,
                SettleSeconds = Double(values, "settle-seconds") ?? 1,
                Latency = parts.Contains("latency"),
                Failures = parts.Contains("failures"),
                AgentProgram = values.GetValueOrDefault("agent-program"),
            };
            var valid = options.Requests > 0 && options.EmulatedRequests > 0 && options.Concurrency.Count > 0
                && options.Concurrency.All(x => x is >= 1 and <= 64) && options.Warmup is >= 1 and <= 10_000
                && options.FailureConcurrency is >= 1 and <= 64
                && options.LeadSeconds >= 0 && options.DownSeconds >= 0 && options.SettleSeconds >= 0;
            return valid ? options : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static int? Int(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) ? int.Parse(text, CultureInfo.InvariantCulture) : null;

    private static double? Double(Dictionary<string, string> values, string key) =>
        values.TryGetValue(key, out var text) ? double.Parse(text, CultureInfo.InvariantCulture) : null;
}
