using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Api;

namespace RoCoIn.Web.Access;

/// <summary>Body of POST /api/session.</summary>
public sealed record SessionRequest(string? Name, string? Password);

/// <summary>Who the caller is, as GET /api/session answers.</summary>
public sealed record SessionInfo(string? Name, string Role, bool SignedIn, bool LoginRequired);

/// <summary>Signing in and out: /api/session for scripts, POST /logout for the studio's sign-out button.</summary>
internal static class AccessEndpoints
{
    public static IEndpointRouteBuilder MapAccessEndpoints(this IEndpointRouteBuilder app)
    {
        var session = app.MapGroup("/api/session").WithTags("Session");

        session.MapGet("/", (HttpContext context, AccessPolicy policy) => Results.Ok(Info(context, policy)))
            .WithSummary("Who the caller is: name, role (editor or viewer), and whether this studio requires signing in.")
            .Produces<SessionInfo>();

        session.MapPost("/", async (SessionRequest body, HttpContext context, UserAccounts accounts, AccessPolicy policy, CancellationToken ct) =>
        {
            var missing = new List<FieldError>();
            if (string.IsNullOrWhiteSpace(body.Name))
                missing.Add(new FieldError("name", "Give the account's name."));
            if (string.IsNullOrEmpty(body.Password))
                missing.Add(new FieldError("password", "Give the account's password."));
            if (missing.Count > 0)
                return ApiProblems.Validation(missing);
            var account = await accounts.CheckAsync(body.Name, body.Password, ct);
            if (account is null)
                return Results.Problem(UserAccounts.WrongCredentials, statusCode: 401, title: "Unauthorized.");
            var principal = StudioPrincipals.ForAccount(account);
            await context.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, principal);
            context.User = principal;
            return Results.Ok(Info(context, policy));
        }).AllowAnonymous()
          .WithSummary("Signs in with an account's name and password and sets the studio's sign-in cookie (for scripts; people use /login).")
          .Produces<SessionInfo>().ProducesValidationProblem().ProducesProblem(401);

        session.MapDelete("/", async (HttpContext context) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.NoContent();
        }).AllowAnonymous().WithSummary("Signs out (removes the sign-in cookie).");

        // The app bar's sign-out button posts a form here; the form carries an antiforgery token, checked for [FromForm].
        app.MapPost("/logout", async (HttpContext context, [FromForm] string? returnUrl) =>
        {
            await context.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
            return Results.LocalRedirect("/login" + (IsLocal(returnUrl) ? "?returnUrl=" + Uri.EscapeDataString(returnUrl!) : ""));
        }).AllowAnonymous().ExcludeFromDescription();

        return app;
    }

    /// <summary>Only paths of this studio, never "//host" or "http://…", so a link cannot send a user elsewhere after sign-in.</summary>
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'));

    private static SessionInfo Info(HttpContext context, AccessPolicy policy) => new(
        context.User.Identity?.IsAuthenticated == true ? context.User.Identity.Name : null,
        context.User.IsEditor() ? Data.Stores.UserRoles.Editor : context.User.Identity?.IsAuthenticated == true ? Data.Stores.UserRoles.Viewer : "none",
        context.User.IsSignedIn(), policy.RequiresLogin);
}
