using RoCoIn.Data.Stores;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Agents;

/// <summary>
/// Issues and revokes agent tokens for the Agents page and the API alike. Revoking also closes the connections that
/// registered with the token, so a revoked agent is cut off at once (its reconnection is refused and it stops).
/// </summary>
public sealed class AgentTokenAdmin(AgentTokenStore tokens, AgentRegistry registry)
{
    /// <summary>Longest label kept with a token.</summary>
    public const int MaxLabelLength = 100;

    public async Task<StoreResult<IssuedAgentToken>> IssueAsync(int deviceId, string? label, CancellationToken cancellationToken = default)
    {
        var text = string.IsNullOrWhiteSpace(label) ? "issued on the Agents page" : label.Trim();
        if (text.Length > MaxLabelLength)
        {
            return StoreResult<IssuedAgentToken>.Invalid(
                [new FieldError("label", $"A token's label is at most {MaxLabelLength} characters (this one has {text.Length}).")]);
        }
        return await tokens.IssueAsync(deviceId, text, cancellationToken);
    }

    /// <summary>Revokes the token and disconnects the agents using it; the result is the number of connections closed.</summary>
    public async Task<StoreResult<int>> RevokeAsync(int tokenId, CancellationToken cancellationToken = default)
    {
        var revoked = await tokens.RevokeAsync(tokenId, cancellationToken);
        return revoked.IsOk ? StoreResult<int>.Ok(registry.DisconnectToken(tokenId)) : revoked;
    }

    public Task<IReadOnlyList<AgentTokenSummary>> ListAsync(CancellationToken cancellationToken = default) => tokens.ListAsync(null, cancellationToken);
}
