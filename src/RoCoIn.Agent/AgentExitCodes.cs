namespace RoCoIn.Agent;

/// <summary>Exit codes of RoCoIn.Agent (also printed by --help).</summary>
public static class AgentExitCodes
{
    /// <summary>Stopped on purpose: a shutdown order, SIGTERM or Ctrl-C.</summary>
    public const int Stopped = 0;

    /// <summary>An unexpected failure; the last log line says what.</summary>
    public const int Failed = 1;

    /// <summary>The command line is invalid.</summary>
    public const int Usage = 2;

    /// <summary>Refused by the studio: no token, an invalid or revoked token, or another device's token.</summary>
    public const int Unauthorized = 3;

    /// <summary>Refused by the studio: it speaks another protocol version.</summary>
    public const int ProtocolMismatch = 4;

    /// <summary>Refused by the studio: it has no device of that name (or the hello was malformed).</summary>
    public const int UnknownDevice = 5;

    /// <summary>The process named by --parent-pid exited.</summary>
    public const int ParentExited = 6;

    /// <summary>The exit code for a refusal code of the studio.</summary>
    public static int ForRefusal(string? refusalCode) => refusalCode switch
    {
        Web.Hubs.Contracts.AgentRefusalCodes.UnsupportedProtocol => ProtocolMismatch,
        Web.Hubs.Contracts.AgentRefusalCodes.NoDevice or Web.Hubs.Contracts.AgentRefusalCodes.UnknownDevice
            or Web.Hubs.Contracts.AgentRefusalCodes.MalformedHello => UnknownDevice,
        _ => Unauthorized,
    };

    /// <summary>The codes as --help prints them.</summary>
    public const string Description = """
        Exit codes:
          0  stopped on purpose (shutdown order, SIGTERM, Ctrl-C)
          1  unexpected failure
          2  invalid command line
          3  refused: no token, invalid or revoked token, or another device's token
          4  refused: unsupported protocol version
          5  refused: unknown device (or malformed hello)
          6  the --parent-pid process exited
        """;
}
