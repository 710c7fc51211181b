using System.Globalization;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>The agent's command line, parsed.</summary>
public sealed record AgentOptions
{
    /// <summary>Environment variable read when --token is not given (keeps the token out of the process list).</summary>
    public const string TokenVariable = AgentProtocol.TokenVariable;

    public required Uri Studio { get; init; }
    public required string Device { get; init; }
    public string? Token { get; init; }
    public int? ParentPid { get; init; }
    public bool Emulate { get; init; }
    public double BenchmarkSeconds { get; init; } = 0.5;
    public int Threads { get; init; } = 1;
    public int ProtocolVersion { get; init; } = AgentProtocol.Version;
    public bool Verbose { get; init; }

    public const string Usage = """
        RoCoIn.Agent --studio URL --device NAME [--token TOKEN] [--parent-pid PID] [--emulate]
                     [--benchmark-seconds S] [--threads N] [--verbose]

          --studio URL          the studio's base address, e.g. http://127.0.0.1:5077 (the agent connects out to URL/hubs/agents)
          --device NAME         the device's name in the studio
          --token TOKEN         the device's agent token; default: the ROCOIN_AGENT_TOKEN environment variable
          --parent-pid PID      exit when that process exits (the studio passes its own id for local agents)
          --emulate             pad compute and transfers to the device profile the studio sends
          --benchmark-seconds S length of the throughput benchmark (default 0.5)
          --threads N           ONNX Runtime intra-op threads (default 1)
          --verbose             also log the SignalR client's own warnings and errors
          --protocol-version N  speak another protocol version (for testing the studio's refusal)
        """;

    /// <summary>The options, or the problem with the command line.</summary>
    public static (AgentOptions? Options, string? Error) Parse(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(args);
        ArgumentNullException.ThrowIfNull(environment);
        try
        {
            return ParseCore(args, environment);
        }
        catch (FormatException ex)
        {
            return (null, ex.Message);
        }
    }

    private static (AgentOptions? Options, string? Error) ParseCore(IReadOnlyList<string> args, Func<string, string?> environment)
    {
        string? studio = null, device = null, token = null;
        int? parent = null;
        bool emulate = false, verbose = false;
        double benchmark = 0.5;
        int threads = 1, protocol = AgentProtocol.Version;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            string Value()
            {
                if (i + 1 >= args.Count)
                    throw new FormatException($"{arg} needs a value.");
                return args[++i];
            }
            switch (arg)
            {
                case "--studio": studio = Value(); break;
                case "--device": device = Value(); break;
                case "--token": token = Value(); break;
                case "--parent-pid": parent = Int(arg, Value(), 1); break;
                case "--emulate": emulate = true; break;
                case "--verbose": verbose = true; break;
                case "--benchmark-seconds":
                    benchmark = double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var s) && s is >= 0.01 and <= 60
                        ? s : throw new FormatException("--benchmark-seconds must be a number of seconds between 0.01 and 60.");
                    break;
                case "--threads": threads = Int(arg, Value(), 1, 64); break;
                case "--protocol-version": protocol = Int(arg, Value(), 0); break;
                default: throw new FormatException($"Unknown argument '{arg}'.");
            }
        }
        if (string.IsNullOrWhiteSpace(studio))
            return (null, "--studio URL is required.");
        if (!Uri.TryCreate(studio, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
            return (null, $"--studio must be an http:// or https:// address; got '{studio}'.");
        if (string.IsNullOrWhiteSpace(device))
            return (null, "--device NAME is required.");
        token ??= environment(TokenVariable);
        return (new AgentOptions
        {
            Studio = uri,
            Device = device,
            Token = string.IsNullOrEmpty(token) ? null : token,
            ParentPid = parent,
            Emulate = emulate,
            BenchmarkSeconds = benchmark,
            Threads = threads,
            ProtocolVersion = protocol,
            Verbose = verbose,
        }, null);
    }

    private static int Int(string name, string text, int min, int max = int.MaxValue) =>
        int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new FormatException($"{name} must be a whole number between {min} and {max}; got '{text}'.");

    /// <summary>The hub's address under <see cref="Studio"/>.</summary>
    public Uri HubUri => new(Studio, AgentProtocol.HubPath);
}
