using RoCoIn.Engine.Devices;

namespace RoCoIn.Data.Stores;

/// <summary>The outcome of checking an agent's token.</summary>
public enum AgentTokenCheck
{
    /// <summary>The token is valid for the device.</summary>
    Valid,
    /// <summary>No token was given.</summary>
    Missing,
    /// <summary>The token is malformed, unknown, or its secret does not match.</summary>
    Invalid,
    /// <summary>The token was revoked.</summary>
    Revoked,
    /// <summary>The token is valid but belongs to another device.</summary>
    OtherDevice,
    /// <summary>No device has the name given.</summary>
    UnknownDevice,
}

/// <summary>What <see cref="AgentTokenStore"/> found.</summary>
/// <param name="Check">The outcome.</param>
/// <param name="Device">The device (the named one, or the token's own when no name was given); null when unknown.</param>
/// <param name="TokenId">The token's id when it was recognised.</param>
public sealed record AgentTokenVerdict(AgentTokenCheck Check, DeviceProfile? Device, int? TokenId)
{
    public bool IsValid => Check == AgentTokenCheck.Valid;
}

/// <summary>A freshly issued token: <see cref="Token"/> is the only copy of the secret.</summary>
public sealed record IssuedAgentToken(int Id, int DeviceId, string Label, string Token, DateTimeOffset CreatedUtc);

/// <summary>A stored token as lists show it (never the secret).</summary>
public sealed record AgentTokenSummary(int Id, int DeviceId, string Label, DateTimeOffset CreatedUtc, DateTimeOffset? LastUsedUtc,
    DateTimeOffset? RevokedUtc);
