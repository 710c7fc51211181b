using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Access;

/// <summary>The identities the studio hands out: a signed-in account, or the local editor of open access.</summary>
public static class StudioPrincipals
{
    /// <summary>The authentication type of open access (no sign-in; every caller edits).</summary>
    public const string OpenAccess = "OpenAccess";

    /// <summary>The policy that API writes and editing pages require.</summary>
    public const string EditorPolicy = "editor";

    public static ClaimsPrincipal LocalEditor { get; } = new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, "local"), new Claim(ClaimTypes.Role, UserRoles.Editor)], OpenAccess));

    /// <summary>The principal of a signed-in account, as the sign-in cookie carries it.</summary>
    public static ClaimsPrincipal ForAccount(UserCredentials account)
    {
        ArgumentNullException.ThrowIfNull(account);
        return new ClaimsPrincipal(new ClaimsIdentity(
            [
                new Claim(ClaimTypes.NameIdentifier, account.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(ClaimTypes.Name, account.Name),
                new Claim(ClaimTypes.Role, account.Role),
            ], CookieAuthenticationDefaults.AuthenticationScheme));
    }

    public static bool IsEditor(this ClaimsPrincipal user) => user?.IsInRole(UserRoles.Editor) == true;

    /// <summary>Whether the user signed in with an account (rather than being the open-access local editor).</summary>
    public static bool IsSignedIn(this ClaimsPrincipal user) =>
        user?.Identity is { IsAuthenticated: true, AuthenticationType: CookieAuthenticationDefaults.AuthenticationScheme };
}
