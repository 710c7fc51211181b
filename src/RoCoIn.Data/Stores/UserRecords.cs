namespace RoCoIn.Data.Stores;

/// <summary>The two roles of ADR-013: editors change things, viewers only look.</summary>
public static class UserRoles
{
    public const string Editor = "editor";
    public const string Viewer = "viewer";

    public static readonly IReadOnlyList<string> All = [Editor, Viewer];
}

/// <summary>An account as lists show it: never the password hash.</summary>
public sealed record UserSummary(int Id, string Name, string Role, DateTimeOffset CreatedUtc, DateTimeOffset? LastSignInUtc);

/// <summary>An account with its password hash, for checking a sign-in.</summary>
public sealed record UserCredentials(int Id, string Name, string Role, string PasswordHash);
