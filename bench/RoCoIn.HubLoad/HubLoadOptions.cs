using System.Globalization;

namespace RoCoIn.HubLoad;

/// <summary>What to measure: the studio, its process, how many clients, for how long, on which run.</summary>
public sealed record HubLoadOptions
{
    public const string Usage = """
        RoCoIn.HubLoad --url URL --server-pid PID [--clients N] [--seconds S] [--warmup S] [--plan ID | --run ID]
                       [--rate R] [--speed-factor F] [--seed N] [--keep-run]
          --url           the studio, e.g. http://127.0.0.1:5099
          --server-pid    the studio's process id; its CPU time is read from /proc/<pid>/stat
          --clients       SignalR clients joining the run (default 1; 0 measures the run alone)
          --seconds       measured window in wall-clock seconds (default 60)
          --warmup        seconds between the clients joining and the window (default 5)
          --plan          start a real-time run of this plan (default 1) ...
          --run           ... or watch this live run instead
          --rate          Poisson requests per simulated second of the started run (default 20)
          --speed-factor  simulated seconds per wall second of the started run (default 1)
          --seed          seed of the started run (default 1)
          --keep-run      leave the started run live afterwards (default: stop it)
        """;

    public required Uri Url { get; init; }
    public required int ServerPid { get; init; }
    public int Clients { get; init; } = 1;
    public double Seconds { get; init; } = 60;
    public double WarmupSeconds { get; init; } = 5;
    public int PlanId { get; init; } = 1;
    public int? RunId { get; init; }
    public double RatePerSecond { get; init; } = 20;
    public double SpeedFactor { get; init; } = 1;
    public long Seed { get; init; } = 1;
    public bool KeepRun { get; init; }

    /// <summary>The options in <paramref name="args"/>, or null when they are incomplete or malformed.</summary>
    public static HubLoadOptions? Parse(string[] args)
    {
        ArgumentNullException.ThrowIfNull(args);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var keepRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--keep-run")
                keepRun = true;
            else if (args[i].StartsWith("--", StringComparison.Ordinal) && i + 1 < args.Length)
                values[args[i][2..]] = args[++i];
            else
                return null;
        }
        if (!values.TryGetValue("url", out var url) || !Uri.TryCreate(url, UriKind.Absolute, out var uri)
            || !values.TryGetValue("server-pid", out var pidText) || !int.TryParse(pidText, CultureInfo.InvariantCulture, out var pid))
            return null;
        try
        {
            return new HubLoadOptions
            {
                Url = uri,
                ServerPid = pid,
                Clients = Int(values, "clients") ?? 1,
                Seconds = Double(values, "seconds") ?? 60,
                WarmupSeconds = Double(values, "warmup") ?? 5,
                PlanId = Int(values, "plan") ?? 1,
                RunId = Int(values, "run"),
                RatePerSecond = Double(values, "rate") ?? 20,
                SpeedFactor = Double(values, "speed-factor") ?? 1,
                Seed = values.TryGetValue("seed", out var seed) ? long.Parse(seed, CultureInfo.InvariantCulture) : 1,
                KeepRun = keepRun,
            };
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
