using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Tests.Components;

/// <summary>Signed-in users as the sign-in cookie carries them.</summary>
public static class TestPrincipals
{
    public static ClaimsPrincipal Editor { get; } = Account("ada", UserRoles.Editor);

    public static ClaimsPrincipal Viewer { get; } = Account("vic", UserRoles.Viewer);

    private static ClaimsPrincipal Account(string name, string role) => new(new ClaimsIdentity(
        [new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], CookieAuthenticationDefaults.AuthenticationScheme));
}

/// <summary>The authentication state a bUnit test chooses (the studio's comes from the request).</summary>
public sealed class FixedAuthenticationStateProvider(ClaimsPrincipal user) : AuthenticationStateProvider
{
    public ClaimsPrincipal User { get; set; } = user;

    public override Task<AuthenticationState> GetAuthenticationStateAsync() => Task.FromResult(new AuthenticationState(User));
}
