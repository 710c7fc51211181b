using System.Globalization;

namespace RoCoIn.ClassroomBench;

/// <summary>Command-line options of the harness.</summary>
public sealed record ClassroomBenchOptions
{
    public const string Usage = """
        RoCoIn.ClassroomBench: CPU of the studio and update delay of follower pages on one live run.
          --followers 0,1,30   follower counts to measure, ascending (pages are added between measurements)
          --window 15          seconds of each measurement window
          --settle 5           seconds to wait after opening pages before a window starts
          --warmup 15          seconds to wait after the run starts and after the first page opens (JIT, tiering)
          --rate 20            Poisson arrivals of the run, requests per simulated second
          --web <path>         RoCoIn.Web.dll to start (default: the build beside this harness)
        """;

    public IReadOnlyList<int> Followers { get; init; } = [0, 1, 30];
    public double WindowSeconds { get; init; } = 15;
    public double SettleSeconds { get; init; } = 5;
    public double WarmupSeconds { get; init; } = 15;
    public double RatePerSecond { get; init; } = 20;
    public string? WebAssembly { get; init; }

    /// <summary>The options, or null after a wrong one (the caller prints <see cref="Usage"/>).</summary>
    public static ClassroomBenchOptions? Parse(IReadOnlyList<string> args)
    {
        var options = new ClassroomBenchOptions();
        for (var i = 0; i < args.Count; i++)
        {
            if (i + 1 >= args.Count)
                return null;
            var value = args[++i];
            switch (args[i - 1])
            {
                case "--followers":
                    var counts = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    if (counts.Length == 0 || !counts.All(c => int.TryParse(c, CultureInfo.InvariantCulture, out var n) && n >= 0))
                        return null;
                    var list = counts.Select(c => int.Parse(c, CultureInfo.InvariantCulture)).ToList();
                    if (!list.SequenceEqual(list.Order()))
                        return null;
                    options = options with { Followers = list };
                    break;
                case "--window" when Positive(value, out var window):
                    options = options with { WindowSeconds = window };
                    break;
                case "--settle" when double.TryParse(value, CultureInfo.InvariantCulture, out var settle) && settle >= 0:
                    options = options with { SettleSeconds = settle };
                    break;
                case "--warmup" when double.TryParse(value, CultureInfo.InvariantCulture, out var warmup) && warmup >= 0:
                    options = options with { WarmupSeconds = warmup };
                    break;
                case "--rate" when Positive(value, out var rate):
                    options = options with { RatePerSecond = rate };
                    break;
                case "--web" when File.Exists(value):
                    options = options with { WebAssembly = Path.GetFullPath(value) };
                    break;
                default:
                    return null;
            }
        }
        return options;
    }

    private static bool Positive(string text, out double value) =>
        double.TryParse(text, CultureInfo.InvariantCulture, out value) && value > 0;
}
