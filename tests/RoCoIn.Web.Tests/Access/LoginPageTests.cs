using System.Net;
using System.Text.RegularExpressions;

namespace RoCoIn.Web.Tests.Access;

/// <summary>The /login form: antiforgery checked, wrong passwords answered on the page, only local return addresses.</summary>
public sealed partial class LoginPageTests : SignedInStudio
{
    [Fact]
    public async Task The_form_signs_in_and_returns_to_the_page_asked_for()
    {
        using var client = AnonymousClient();
        var token = await AntiforgeryTokenAsync(client, "/login?returnUrl=%2Fplans");

        using var response = await PostFormAsync(client, token, AdminName, AdminPassword, "/plans");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        LocalPath(response).ShouldBe("/plans");
        (await client.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_wrong_password_is_answered_on_the_page_and_signs_nobody_in()
    {
        using var client = AnonymousClient();
        var token = await AntiforgeryTokenAsync(client, "/login");

        using var response = await PostFormAsync(client, token, AdminName, "wrong password", "/");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("The name or the password is wrong.");
        (await client.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Empty_fields_are_named()
    {
        using var client = AnonymousClient();
        var token = await AntiforgeryTokenAsync(client, "/login");

        using var response = await PostFormAsync(client, token, "", "", "/");

        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("Give your name and your password.");
    }

    [Fact]
    public async Task A_post_without_the_antiforgery_token_is_refused()
    {
        using var client = AnonymousClient();

        using var response = await PostFormAsync(client, token: null, AdminName, AdminPassword, "/");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await client.GetAsync("/api/devices", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_return_address_on_another_site_is_ignored()
    {
        using var client = AnonymousClient();
        var token = await AntiforgeryTokenAsync(client, "/login");

        using var response = await PostFormAsync(client, token, AdminName, AdminPassword, "//evil.example/steal");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        LocalPath(response).ShouldBe("/");
        response.Headers.Location!.Host.ShouldBe("localhost");
    }

    private static string LocalPath(HttpResponseMessage response) =>
        new Uri(new Uri("http://localhost/"), response.Headers.Location!).PathAndQuery;

    private static async Task<string> AntiforgeryTokenAsync(HttpClient client, string path)
    {
        var html = await client.GetStringAsync(path, Ct);
        var match = AntiforgeryInput().Match(html);
        match.Success.ShouldBeTrue("the sign-in form carries an antiforgery token");
        return WebUtility.HtmlDecode(match.Groups["value"].Value);
    }

    private static Task<HttpResponseMessage> PostFormAsync(HttpClient client, string? token, string name, string password, string returnUrl)
    {
        var fields = new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["Input.Name"] = name,
            ["Input.Password"] = password,
            ["Input.ReturnUrl"] = returnUrl,
        };
        if (token is not null)
            fields["__RequestVerificationToken"] = token;
        return client.PostAsync("/login", new FormUrlEncodedContent(fields), Ct);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"(?<value>[^\"]+)\"")]
    private static partial Regex AntiforgeryInput();
}
