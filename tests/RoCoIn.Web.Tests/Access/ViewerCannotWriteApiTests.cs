using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Tests.Access;

/// <summary>
/// ADR-013 through the API: a viewer reads but every write endpoint — enumerated from the studio's own endpoint table,
/// so a new one cannot be forgotten — answers 403 and changes nothing; anonymous callers get 401.
/// </summary>
public sealed partial class ViewerCannotWriteApiTests : SignedInStudio
{
    /// <summary>Write endpoints that deliberately take no sign-in: signing in and out.</summary>
    private static readonly string[] OpenWrites = ["/api/session"];

    [Fact]
    public async Task Every_api_write_endpoint_refuses_a_viewer_with_403_and_changes_nothing()
    {
        using var viewer = await SignedInClientAsync(ViewerName, ViewerPassword);
        var before = await SnapshotAsync(viewer);
        var writes = WriteEndpoints();
        writes.Count.ShouldBeGreaterThan(20, "the enumeration should find the API's write endpoints");

        var answers = new List<string>();
        foreach (var (method, route, contentType) in writes)
        {
            using var request = new HttpRequestMessage(new HttpMethod(method), route)
            {
                Content = new StringContent("{}", Encoding.UTF8, contentType),
            };
            using var response = await viewer.SendAsync(request, Ct);
            if (response.StatusCode != HttpStatusCode.Forbidden)
                answers.Add($"{method} {route} answered {(int)response.StatusCode}");
        }

        answers.ShouldBeEmpty();
        (await SnapshotAsync(viewer)).ShouldBe(before);
    }

    [Fact]
    public async Task A_viewer_reads_the_api_and_the_403_says_why()
    {
        using var viewer = await SignedInClientAsync(ViewerName, ViewerPassword);

        var devices = await viewer.GetFromJsonAsync<JsonElement>("/api/devices", Ct);
        devices.GetArrayLength().ShouldBeGreaterThan(0);
        var session = await viewer.GetFromJsonAsync<JsonElement>("/api/session", Ct);
        session.GetProperty("name").GetString().ShouldBe(ViewerName);
        session.GetProperty("role").GetString().ShouldBe(UserRoles.Viewer);
        session.GetProperty("loginRequired").GetBoolean().ShouldBeTrue();

        using var refused = await viewer.DeleteAsync($"/api/devices/{devices[0].GetProperty("id").GetInt32()}", Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        refused.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await refused.Content.ReadAsStringAsync(Ct)).ShouldContain("viewer");
    }

    [Fact]
    public async Task An_editor_writes_through_the_same_endpoints()
    {
        using var editor = await SignedInClientAsync(AdminName, AdminPassword);
        var before = (await editor.GetFromJsonAsync<JsonElement>("/api/devices", Ct)).GetArrayLength();

        using var created = await editor.PostAsJsonAsync("/api/devices", new
        {
            name = "editor-made", hardwareClass = "Raspberry Pi 4", computeFlopsPerSecond = 10e9, memoryBytes = 1_000_000_000L,
            uplinkBitsPerSecond = 100e6, downlinkBitsPerSecond = 100e6, linkLatencySeconds = 0.001, noReplyProbability = 0.01, notes = "",
        }, Ct);

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(Ct));
        (await editor.GetFromJsonAsync<JsonElement>("/api/devices", Ct)).GetArrayLength().ShouldBe(before + 1);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_from_the_api_and_the_sign_in_page_from_pages()
    {
        using var anonymous = AnonymousClient();

        using var api = await anonymous.GetAsync("/api/devices", Ct);
        api.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await api.Content.ReadAsStringAsync(Ct)).ShouldContain("/api/session");
        using var write = await anonymous.PostAsJsonAsync("/api/devices", new { name = "x" }, Ct);
        write.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        using var page = await anonymous.GetAsync("/plans", Ct);
        page.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        page.Headers.Location!.ToString().ShouldEndWith("/login?returnUrl=%2Fplans");

        // What must stay reachable: health for load balancers, the sign-in page, static files.
        (await anonymous.GetAsync("/health", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/login", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/app.css", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Signing_in_with_bad_input_names_the_fields_and_a_wrong_password_is_401()
    {
        using var anonymous = AnonymousClient();

        using var empty = await anonymous.PostAsJsonAsync("/api/session", new { name = "", password = "" }, Ct);
        empty.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = (await empty.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("errors");
        errors.TryGetProperty("name", out _).ShouldBeTrue();
        errors.TryGetProperty("password", out _).ShouldBeTrue();

        using var wrong = await anonymous.PostAsJsonAsync("/api/session", new { name = AdminName, password = "not the password" }, Ct);
        wrong.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await wrong.Content.ReadAsStringAsync(Ct)).ShouldContain("The name or the password is wrong.");
        using var unknown = await anonymous.PostAsJsonAsync("/api/session", new { name = "nobody", password = "whatever it is" }, Ct);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        (await anonymous.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Signing_out_ends_the_session()
    {
        using var editor = await SignedInClientAsync(AdminName, AdminPassword);
        (await editor.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        (await editor.DeleteAsync("/api/session", Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        (await editor.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    /// <summary>
    /// Every /api route with a method other than GET or HEAD (the unknown-route fallback aside), route values filled with
    /// plausible ones, and a content type the endpoint accepts (otherwise routing would not reach it).
    /// </summary>
    private List<(string Method, string Route, string ContentType)> WriteEndpoints()
    {
        var sources = Factory.Services.GetRequiredService<EndpointDataSource>();
        return [.. sources.Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText is { } raw && raw.TrimStart('/').StartsWith("api/", StringComparison.Ordinal) && !raw.Contains("{**", StringComparison.Ordinal))
            .Where(e => !OpenWrites.Contains("/" + e.RoutePattern.RawText!.Trim('/')))
            .SelectMany(e => (e.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["POST"])
                .Where(m => m is not ("GET" or "HEAD"))
                .Select(m => (m, Fill(e.RoutePattern.RawText!),
                    e.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes is [var accepted, ..] ? accepted : "application/json")))
            .Distinct()];
    }

    private static string Fill(string raw) => "/" + RouteParameter().Replace(raw.TrimStart('/'), m =>
        m.Groups["constraint"].Value.StartsWith(":int", StringComparison.Ordinal) ? "1" : "x");

    /// <summary>What a write would change: the lists of the main things.</summary>
    private static async Task<string> SnapshotAsync(HttpClient client)
    {
        var parts = new List<string>();
        foreach (var path in new[] { "/api/devices", "/api/fleets", "/api/plans", "/api/scenarios", "/api/runs", "/api/jobs", "/api/model-sets", "/api/agents/tokens" })
        {
            using var response = await client.GetAsync(path, Ct);
            parts.Add($"{path} {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(Ct)}");
        }
        return string.Join("\n", parts);
    }

    [GeneratedRegex(@"\{(?<name>[^}:?=]+)(?<constraint>[^}]*)\}")]
    private static partial Regex RouteParameter();
}
