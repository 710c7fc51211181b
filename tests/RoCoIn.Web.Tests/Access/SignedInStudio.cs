using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Access;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Access;

/// <summary>A studio that requires sign-in (RoCoIn:Access:Mode login) with an admin editor and a viewer account.</summary>
public abstract class SignedInStudio : IAsyncLifetime
{
    public const string AdminName = "admin";
    public const string AdminPassword = "correct horse battery";
    public const string ViewerName = "vic";
    public const string ViewerPassword = "viewer password 1";

    protected StudioFactory Factory { get; } = new(seedDemoContent: true, settings: new Dictionary<string, string>
    {
        ["RoCoIn:Access:Mode"] = "login",
        ["RoCoIn:Access:AdminUser"] = AdminName,
        ["RoCoIn:Access:AdminPassword"] = AdminPassword,
    });

    protected static CancellationToken Ct => Xunit.TestContext.Current.CancellationToken;

    public virtual async ValueTask InitializeAsync()
    {
        var viewer = await Factory.Services.GetRequiredService<UserAccounts>().CreateAsync(ViewerName, UserRoles.Viewer, ViewerPassword, Ct);
        viewer.IsOk.ShouldBeTrue(viewer.Message);
    }

    public virtual async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>A client without redirects followed, signed in through POST /api/session (its cookie kept by the client).</summary>
    protected async Task<HttpClient> SignedInClientAsync(string name, string password)
    {
        var client = AnonymousClient();
        var response = await client.PostAsJsonAsync("/api/session", new { name, password }, Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return client;
    }

    protected HttpClient AnonymousClient() =>
        Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
}
