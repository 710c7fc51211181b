using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Web.Tests.Planning;

namespace RoCoIn.Web.Tests.Api;

/// <summary>Re-planning with a distilled model set's students (fixed-student mode).</summary>
public class PlanWithModelSetApiTests : ApiTestBase
{
    private async Task<int> PaperFleetAsync()
    {
        var response = await Client.PostAsJsonAsync("/api/fleets/generate", new { name = "paper" }, Ct);
        return (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetInt32();
    }

    private async Task<JsonElement> FinishedJobAsync(Uri location)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var job = await Client.GetFromJsonAsync<JsonElement>(location, Ct);
            if (job.GetProperty("status").GetString() is not ("Queued" or "Running" or "queued" or "running"))
                return job;
            await Task.Delay(50, Ct);
        }
        throw new TimeoutException($"Job {location} did not finish.");
    }

    [Fact]
    public async Task PlanWithAModelSetKeepsItsWidthsAndStudentsAndIsMeasuredOnIt()
    {
        var fleetId = await PaperFleetAsync();
        (int Width, string StudentKey)[] partitions = [(40, "s-mcu"), (24, "s-small")];
        var modelSetId = await Factory.Services.GetRequiredService<ModelSetStore>()
            .SaveAsync("distilled", planId: null, jobId: null, ModelSetBuilder.Result(partitions), Ct);

        var response = await Client.PostAsJsonAsync("/api/plans", new { fleetId, modelSetId, minReliability = 0.5 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync(Ct));
        var job = await FinishedJobAsync(response.Headers.Location!);
        job.GetProperty("status").GetString()!.ShouldBe("Succeeded", StringCompareShould.IgnoreCase);
        var plan = await Client.GetFromJsonAsync<JsonElement>(job.GetProperty("resultUrl").GetString()!, Ct);
        plan.GetProperty("basedOnModelSetId").GetInt32().ShouldBe(modelSetId);
        plan.GetProperty("feasible").GetBoolean().ShouldBeTrue(plan.GetProperty("problem").GetRawText());
        var rocoin = plan.GetProperty("plan");
        var groups = rocoin.GetProperty("groups").EnumerateArray().OrderBy(g => g.GetProperty("partition").GetInt32())
            .Select(g => (g.GetProperty("width").GetInt32(), g.GetProperty("studentKey").GetString()!)).ToList();
        groups.ShouldBe(partitions.ToList());
        rocoin.GetProperty("expectedAccuracy").GetDouble().ShouldBeInRange(0, 1);
        rocoin.GetProperty("expectedAccuracyModelSetId").GetInt32().ShouldBe(modelSetId);
        foreach (var baseline in plan.GetProperty("baselines").EnumerateArray())
            baseline.GetProperty("expectedAccuracy").ValueKind.ShouldBe(JsonValueKind.Null);
        var listed = (await Client.GetFromJsonAsync<JsonElement>("/api/plans", Ct)).EnumerateArray().Single();
        listed.GetProperty("basedOnModelSetId").GetInt32().ShouldBe(modelSetId);
    }

    [Fact]
    public async Task UnknownModelSetIs400AndQueuesNothing()
    {
        var fleetId = await PaperFleetAsync();

        var response = await Client.PostAsJsonAsync("/api/plans", new { fleetId, modelSetId = 424242 }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await ErrorsOfAsync(response))["modelSetId"].Single().ShouldContain("does not exist");
        (await Client.GetFromJsonAsync<JsonElement>("/api/jobs", Ct)).GetArrayLength().ShouldBe(0);
    }
}
