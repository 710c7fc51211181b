namespace RoCoIn.Data.Entities;

/// <summary>
/// A person who signs in when the studio listens beyond loopback (ADR-013). Only a password hash is stored
/// (ASP.NET Core's PasswordHasher format, produced by the web layer).
/// </summary>
public sealed class UserRow
{
    public int Id { get; set; }
    public required string Name { get; set; }
    /// <summary>"editor" or "viewer" (<see cref="Stores.UserRoles"/>).</summary>
    public required string Role { get; set; }
    public required string PasswordHash { get; set; }
    public DateTimeOffset CreatedUtc { get; set; }
    public DateTimeOffset? LastSignInUtc { get; set; }
}
