namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>Why the studio refused a registration (<see cref="AgentRegistration.RefusalCode"/>).</summary>
public static class AgentRefusalCodes
{
    /// <summary>The agent speaks another protocol version.</summary>
    public const string UnsupportedProtocol = "unsupported-protocol";

    /// <summary>The hello was missing or a field was too long.</summary>
    public const string MalformedHello = "malformed-hello";

    /// <summary>No device name was given.</summary>
    public const string NoDevice = "no-device";

    /// <summary>The studio has no device of that name.</summary>
    public const string UnknownDevice = "unknown-device";

    /// <summary>No token was given.</summary>
    public const string NoToken = "no-token";

    /// <summary>The token is unknown, mistyped or its secret does not match.</summary>
    public const string InvalidToken = "invalid-token";

    /// <summary>The token was revoked.</summary>
    public const string RevokedToken = "revoked-token";

    /// <summary>The token is valid but was issued for another device.</summary>
    public const string OtherDevice = "other-device";
}
