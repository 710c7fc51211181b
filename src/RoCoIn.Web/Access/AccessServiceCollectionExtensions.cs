using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Access;

/// <summary>Wires ADR-013: cookie sign-in, editor and viewer roles, and open access on loopback.</summary>
public static class AccessServiceCollectionExtensions
{
    public static WebApplicationBuilder AddRoCoInAccess(this WebApplicationBuilder builder, string dataPath)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var access = AccessOptions.Read(builder.Configuration);
        builder.Services.AddSingleton(Microsoft.Extensions.Options.Options.Create(access));
        builder.Services.AddSingleton<AccessPolicy>();
        builder.Services.AddSingleton<UserAccounts>();
        builder.Services.AddScoped<StudioAccess>();
        builder.Services.AddScoped<Teaching.ViewMode>();
        builder.Services.AddHostedService<AccessStartupCheck>();

        // Keys under the data folder: sign-ins and antiforgery tokens survive a restart.
        builder.Services.AddDataProtection().SetApplicationName("RoCoIn.Studio")
            .PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataPath, "keys")));

        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(o =>
        {
            o.Cookie.Name = "rocoin.signin";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Strict;
            // Secure whenever the request came over https (directly, or through a proxy with ForwardedHeaders on).
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/login";
            o.AccessDeniedPath = "/login";
            o.ReturnUrlParameter = "returnUrl";
            o.ExpireTimeSpan = TimeSpan.FromHours(12);
            o.SlidingExpiration = true;
            // Scripts and hubs get status codes, people get the sign-in page.
            o.Events.OnRedirectToLogin = context => Answer(context, StatusCodes.Status401Unauthorized, "Sign in first: POST /api/session or the /login page.");
            o.Events.OnRedirectToAccessDenied = context => Answer(context, StatusCodes.Status403Forbidden, StudioAccess.ViewerMessage);
        });
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(StudioPrincipals.EditorPolicy, p => p.RequireRole(UserRoles.Editor));
        builder.Services.AddCascadingAuthenticationState();
        if (access.ForwardedHeaders)
        {
            builder.Services.Configure<ForwardedHeadersOptions>(o =>
                o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto);
        }
        return builder;
    }

    /// <summary>Authentication, open access when no sign-in is required, then authorization (before antiforgery).</summary>
    public static WebApplication UseRoCoInAccess(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        if (app.Services.GetRequiredService<IOptions<AccessOptions>>().Value.ForwardedHeaders)
            app.UseForwardedHeaders();
        app.UseAuthentication();
        var policy = app.Services.GetRequiredService<AccessPolicy>();
        app.Use((context, next) =>
        {
            // Open access: whoever reaches the studio edits, as before accounts existed.
            if (!policy.RequiresLogin)
                context.User = StudioPrincipals.LocalEditor;
            return next(context);
        });
        app.UseAuthorization();
        return app;
    }

    /// <summary>
    /// Requires the editor role on every endpoint of <paramref name="group"/> that does more than read (any method but
    /// GET and HEAD), so a new write endpoint cannot be left open by forgetting an attribute.
    /// </summary>
    public static TBuilder RequireEditorForWrites<TBuilder>(this TBuilder group) where TBuilder : IEndpointConventionBuilder
    {
        group.Finally(endpoint =>
        {
            var methods = endpoint.Metadata.OfType<HttpMethodMetadata>().SelectMany(m => m.HttpMethods).ToList();
            var writes = methods.Count == 0 || methods.Any(m => m is not ("GET" or "HEAD"));
            var anonymous = endpoint.Metadata.OfType<IAllowAnonymous>().Any();
            if (writes && !anonymous)
                endpoint.Metadata.Add(new AuthorizeAttribute { Policy = StudioPrincipals.EditorPolicy });
        });
        return group;
    }

    private static Task Answer(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status, string detail)
    {
        var path = context.Request.Path;
        if (path.StartsWithSegments("/api") || path.StartsWithSegments("/hubs") || path.StartsWithSegments("/_blazor"))
        {
            context.Response.StatusCode = status;
            return context.Response.WriteAsJsonAsync(new
            {
                type = "https://tools.ietf.org/html/rfc9110#section-15.5." + (status == 401 ? "2" : "4"),
                title = status == 401 ? "Unauthorized." : "Forbidden.",
                status,
                detail,
            }, options: null, contentType: "application/problem+json");
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
