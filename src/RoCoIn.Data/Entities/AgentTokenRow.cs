namespace RoCoIn.Data.Entities;

/// <summary>
/// A device agent's token, stored hashed: SHA-256 of a per-token salt followed by the secret. The secret itself is
/// shown once, when the token is issued, and never stored.
/// </summary>
public sealed class AgentTokenRow
{
    public int Id { get; set; }
    public int DeviceId { get; set; }
    public required string Label { get; set; }
    public required byte[] Salt { get; set; }
    public required byte[] Hash { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? LastUsedUtc { get; set; }
    public DateTimeOffset? RevokedUtc { get; set; }
}
