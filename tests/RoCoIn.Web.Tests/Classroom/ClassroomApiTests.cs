using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Runs;

namespace RoCoIn.Web.Tests.Classroom;

/// <summary>POST /api/runs/{id}/classroom and GET /api/classroom/{code} on a whole studio with the demo plan.</summary>
public sealed class ClassroomApiTests : RunsTestBase
{
    private async Task<int> StartLiveRunAsync()
    {
        var (_, runId, _) = await StartAsync(SlowRun(await DemoPlanIdAsync(), startPaused: true));
        await WaitForStatusAsync(runId, "paused");
        return runId;
    }

    private async Task<JsonElement> OpenAsync(int runId)
    {
        using var response = await PostAsync($"/api/runs/{runId}/classroom");
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    [Fact]
    public async Task ALiveRunGetsACodeThatResolvesToItTypedAnyWay()
    {
        var runId = await StartLiveRunAsync();

        var opened = await OpenAsync(runId);
        var again = await OpenAsync(runId);

        opened.GetProperty("runId").GetInt32().ShouldBe(runId);
        var code = opened.GetProperty("code").GetString()!;
        code.ShouldMatch("^[2-9A-HJKMNP-Z]{3}-[2-9A-HJKMNP-Z]{3}$");
        opened.GetProperty("joinUrl").GetString().ShouldBe($"/follow/{code}");
        again.GetProperty("code").GetString().ShouldBe(code);
        foreach (var typed in new[] { code, code.Replace("-", "", StringComparison.Ordinal).ToLowerInvariant() })
        {
            var resolved = await Client.GetFromJsonAsync<JsonElement>($"/api/classroom/{typed}", Ct);
            resolved.GetProperty("runId").GetInt32().ShouldBe(runId);
            resolved.GetProperty("code").GetString().ShouldBe(code);
        }
    }

    [Fact]
    public async Task AnUnknownRunIs404()
    {
        using var response = await PostAsync("/api/runs/4242/classroom");

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DetailOfAsync(response)).ShouldBe("Run 4242 does not exist.");
    }

    [Fact]
    public async Task ARunThatIsNotLiveIs409NamingIt()
    {
        var (jobId, runId, _) = await StartAsync(ShortRun(await DemoPlanIdAsync()));
        await WaitForJobAsync(jobId);

        using var response = await PostAsync($"/api/runs/{runId}/classroom");

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(response)).ShouldBe($"Run {runId} has finished; only a live run can be followed by a class.");
    }

    [Theory]
    [InlineData("zzz-zzz", "No live class run has the code ZZZ-ZZZ; codes end when the run ends.")]
    [InlineData("hello", "'hello' is not a class code: a code has 6 letters and digits, such as K7M-Q2P (no 0, 1, I, L or O).")]
    public async Task AnUnknownOrMalformedCodeIs404SayingWhy(string code, string detail)
    {
        using var response = await Client.GetAsync($"/api/classroom/{code}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await DetailOfAsync(response)).ShouldBe(detail);
    }

    [Fact]
    public async Task ACodeEndsWhenItsRunIsStopped()
    {
        var runId = await StartLiveRunAsync();
        var code = (await OpenAsync(runId)).GetProperty("code").GetString()!;

        using var stopped = await PostAsync($"/api/runs/{runId}/stop");
        using var response = await Client.GetAsync($"/api/classroom/{code}", Ct);

        stopped.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DetailOfAsync(response)).ShouldStartWith($"No live class run has the code {code}; codes end when the run ends.");
    }
}
