using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Api;

/// <summary>/api/distillations and /api/model-sets, with the demo plan (id 1) in the database.</summary>
public class DistillationApiTests() : ApiTestBase(new StudioFactory(seedDemoContent: true))
{
    private async Task<JsonElement> FinishedJobAsync(Uri location)
    {
        // The job trains for real (a few seconds to a minute): bounded polling.
        for (var attempt = 0; attempt < 1800; attempt++)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>(location, Ct);
            var status = job.GetProperty("status").GetString();
            if (status is not ("Queued" or "Running" or "queued" or "running"))
                return job;
            await Task.Delay(100, Ct);
        }
        throw new TimeoutException($"Job {location} did not finish.");
    }

    [Theory]
    [InlineData("""{ "planId": 4242 }""", "planId", "4242")]
    [InlineData("""{ "partitions": [ { "width": 30, "studentKey": "s-mcu" }, { "width": 30, "studentKey": "s-mcu" } ] }""", "partitions", "add up to 60")]
    [InlineData("""{ "planId": 1, "teacherEpochs": 0 }""", "teacherEpochs", "between 1 and 200")]
    [InlineData("""{ "planId": 1, "studentEpochs": 0 }""", "studentEpochs", "between 1 and 200")]
    [InlineData("""{ "planId": 1, "maxTrainImages": 50 }""", "maxTrainImages", "100")]
    [InlineData("""{ "partitions": [ { "width": 64, "studentKey": "nope" } ] }""", "partitions[0].studentKey", "nope")]
    [InlineData("""{ }""", "planId", "Choose a plan")]
    public async Task BadDistillationRequestIs400NamingTheFieldAndQueuesNothing(string body, string field, string text)
    {
        var response = await Client.PostAsync("/api/distillations", new StringContent(body, System.Text.Encoding.UTF8, "application/json"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var errors = await ErrorsOfAsync(response);
        errors.Keys.ShouldContain(field);
        string.Join(" ", errors[field]).ShouldContain(text);
        (await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).GetArrayLength().ShouldBe(0);
    }

    [Fact]
    public async Task UnknownModelSetIs404()
    {
        (await Client.GetAsync("/api/model-sets/99", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync($"/api/model-sets/99/models/{new string('a', 64)}.onnx", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await Client.GetAsync("/api/model-sets?take=0", Ct)).StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task ATinyRunMakesAModelSetToListReadAndDownload()
    {
        var response = await Client.PostAsJsonAsync("/api/distillations", new
        {
            partitions = new[] { new { width = 32, studentKey = "s-mcu" }, new { width = 32, studentKey = "s-mcu" } },
            name = "api tiny",
            teacherEpochs = 1,
            studentEpochs = 1,
            maxTrainImages = 1000,
            maxTestImages = 300,
            seed = 3,
        }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        response.Headers.Location!.ToString().ShouldStartWith("/api/jobs/");
        var job = await FinishedJobAsync(response.Headers.Location);
        job.GetProperty("status").GetString()!.ToLowerInvariant().ShouldBe("succeeded", job.ToString());
        var url = job.GetProperty("resultUrl").GetString()!;
        url.ShouldStartWith("/api/model-sets/");

        var list = await Client.GetFromJsonAsync<JsonElement>("/api/model-sets", Ct);
        // Newest first (the demo database may also hold the bundled demo set).
        list[0].GetProperty("name").GetString().ShouldBe("api tiny");

        var set = await Client.GetFromJsonAsync<JsonElement>(url, Ct);
        set.GetProperty("teacher").GetProperty("testAccuracy").GetDouble().ShouldBeGreaterThan(0.3);
        set.GetProperty("accuracy").GetArrayLength().ShouldBe(3);
        set.GetProperty("accuracy")[0].GetProperty("mask").GetInt32().ShouldBe(3);
        set.GetProperty("history").GetArrayLength().ShouldBe(2);
        var students = set.GetProperty("students").EnumerateArray().ToList();
        students.Count.ShouldBe(2);
        students.ShouldAllBe(s => s.GetProperty("aloneAccuracy").GetDouble() > 0);

        var download = await Client.GetAsync(students[0].GetProperty("downloadUrl").GetString(), Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).Length.ShouldBeGreaterThan(100);
        var aggregator = await Client.GetAsync(set.GetProperty("aggregator").GetProperty("downloadUrl").GetString(), Ct);
        aggregator.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Client.GetAsync($"{url}/models/{new string('0', 64)}.onnx", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
