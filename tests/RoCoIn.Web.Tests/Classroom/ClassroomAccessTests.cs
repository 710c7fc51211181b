using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Access;

namespace RoCoIn.Web.Tests.Classroom;

/// <summary>With sign-in on (ADR-013): opening a code is a write, so editors only; any signed-in user resolves one.</summary>
public sealed class ClassroomAccessTests : SignedInStudio
{
    [Fact]
    public async Task AViewerCannotOpenACodeButCanResolveOneAnEditorOpened()
    {
        using var editor = await SignedInClientAsync(AdminName, AdminPassword);
        using var viewer = await SignedInClientAsync(ViewerName, ViewerPassword);
        using var anonymous = AnonymousClient();
        var planId = (await editor.GetFromJsonAsync<JsonElement>("/api/plans", Ct))[0].GetProperty("id").GetInt32();
        using var started = await editor.PostAsJsonAsync("/api/runs", new
        {
            planId,
            speed = "realtime",
            speedFactor = 1,
            startPaused = true,
            settings = new { durationSeconds = 600 },
        }, Ct);
        started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(Ct));
        var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("runId").GetInt32();

        using var refused = await viewer.PostAsync($"/api/runs/{runId}/classroom", null, Ct);
        using var opened = await editor.PostAsync($"/api/runs/{runId}/classroom", null, Ct);
        var code = (await opened.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString();
        var resolved = await viewer.GetFromJsonAsync<JsonElement>($"/api/classroom/{code}", Ct);
        using var unknown = await anonymous.GetAsync($"/api/classroom/{code}", Ct);
        using var stopped = await editor.PostAsync($"/api/runs/{runId}/stop", null, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        resolved.GetProperty("runId").GetInt32().ShouldBe(runId);
        unknown.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        stopped.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
