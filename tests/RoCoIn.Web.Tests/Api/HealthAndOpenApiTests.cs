using System.Net;
using System.Text.Json;

namespace RoCoIn.Web.Tests.Api;

public class HealthAndOpenApiTests : ApiTestBase
{
    [Fact]
    public async Task HealthAnswersHealthyOnceTheDatabaseIsReady()
    {
        var response = await Client.GetAsync("/health", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("Healthy");
    }

    [Fact]
    public async Task OpenApiDocumentDescribesDeviceAndFleetEndpoints()
    {
        var json = await Client.GetStringAsync("/openapi/v1.json", Ct);

        using var document = JsonDocument.Parse(json);
        var paths = document.RootElement.GetProperty("paths");
        paths.TryGetProperty("/api/devices", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/devices/import", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/fleets", out _).ShouldBeTrue();
        paths.TryGetProperty("/api/fleets/generate", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task ApiDocsPageServesTheReferenceUi()
    {
        var response = await Client.GetAsync("/api/docs/", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("openapi/v1.json");
        // The reference UI's script is served by the studio itself: the machine may have no internet.
        html.ShouldContain("src=\"scalar.js\"");
        (await Client.GetAsync("/api/docs/scalar.js", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task UnknownApiRouteAnswersWithProblemDetails()
    {
        var response = await Client.GetAsync("/api/devices/99999", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}

public class NotFoundPageTests : ApiTestBase
{
    [Fact]
    public async Task UnknownPageShowsTheStudiosNotFoundPage()
    {
        var response = await Client.GetAsync("/no-such-page", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("There is nothing at this address.");
    }
}

public class UnknownApiRouteTests : ApiTestBase
{
    [Fact]
    public async Task UnknownApiPathIsAProblemNotAPage()
    {
        var response = await Client.GetAsync("/api/nothing-here", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
    }
}
