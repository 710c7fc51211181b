using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Infrastructure;
using RoCoIn.Web.Tests.Runs;

namespace RoCoIn.Web.Tests.Bundles;

/// <summary>One studio of a bundle test (there are two: the one that exports and the one that imports), with the run helpers public.</summary>
public sealed class BundleStudio(StudioFactory factory) : RunsTestBase(factory)
{
    public StudioFactory Studio => Factory;

    public HttpClient Http => Client;

    public string ModelsFolder => Path.Combine(Factory.DataPath, "models");

    public Task<int> DemoPlanAsync() => DemoPlanIdAsync();

    /// <summary>GET /api/plans/{id}/bundle, checked to be a zip.</summary>
    public async Task<byte[]> ExportAsync(int planId)
    {
        using var response = await Client.GetAsync($"/api/plans/{planId}/bundle", Ct);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/zip");
        response.Content.Headers.ContentDisposition!.FileNameStar.ShouldBe($"plan-{planId}-bundle.zip");
        return await response.Content.ReadAsByteArrayAsync(Ct);
    }

    /// <summary>POST /api/bundles with the bundle as an application/zip body (through <paramref name="client"/> when given).</summary>
    public async Task<HttpResponseMessage> ImportAsync(byte[] bundle, HttpClient? client = null)
    {
        using var content = new ByteArrayContent(bundle);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        return await (client ?? Client).PostAsync("/api/bundles", content, Ct);
    }

    /// <summary>POST /api/bundles with the bundle as the file of a multipart form, as a browser or curl -F sends it.</summary>
    public async Task<HttpResponseMessage> ImportAsFormAsync(byte[] bundle, string fileName = "bundle.zip")
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bundle);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/zip");
        form.Add(new StringContent("a note the import ignores"), "note");
        form.Add(file, "file", fileName);
        return await Client.PostAsync("/api/bundles", form, Ct);
    }

    /// <summary>How many plans and model sets the studio has, and the files in its models folder.</summary>
    public async Task<(int Plans, int ModelSets, string[] ModelFiles)> ContentsAsync() =>
        ((await Client.GetFromJsonAsync<JsonElement>("/api/plans", Ct)).GetArrayLength(),
         (await Client.GetFromJsonAsync<JsonElement>("/api/model-sets", Ct)).GetArrayLength(),
         Directory.Exists(ModelsFolder) ? Directory.GetFiles(ModelsFolder).Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal).ToArray() : []);

    /// <summary>A short fast simulated run of the plan, to its end.</summary>
    public async Task<JsonElement> RunToEndAsync(int planId)
    {
        var (jobId, runId, _) = await StartAsync(ShortRun(planId));
        var job = await WaitForJobAsync(jobId);
        job.GetProperty("status").GetString().ShouldBe("succeeded", job.GetRawText());
        return await GetRunAsync(runId);
    }

    public static Task<string> DetailAsync(HttpResponseMessage response) => DetailOfAsync(response);

    public static CancellationToken Token => Ct;
}
