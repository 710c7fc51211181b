using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Seeding;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Distillation;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Tests.Infrastructure;

namespace RoCoIn.Web.Tests.Bundles;

public class BundleRoundTripTests(BundleStudios studios) : IClassFixture<BundleStudios>
{
    private static CancellationToken Ct => BundleStudio.Token;

    [Fact]
    public async Task ABundleImportedIntoAnotherStudioRecreatesThePlanAndModelSetAndRunsWithTheSamePrediction()
    {
        var (a, b) = (studios.Exporter, studios.Importer);
        var planId = studios.DemoPlanId;

        using var response = await b.ImportAsync(studios.DemoBundle);

        response.StatusCode.ShouldBe(HttpStatusCode.Created, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var newPlanId = body.GetProperty("planId").GetInt32();
        var newSetId = body.GetProperty("modelSetId").GetInt32();
        response.Headers.Location!.ToString().ShouldBe($"/api/plans/{newPlanId}");
        body.GetProperty("planUrl").GetString().ShouldBe($"/plans/{newPlanId}");
        body.GetProperty("planName").GetString().ShouldBe(DemoContent.PaperPlanName);
        body.GetProperty("modelSetName").GetString().ShouldBe(DemoModelSetLoader.Name);

        var original = (await a.Studio.Services.GetRequiredService<PlanStore>().GetAsync(planId, Ct))!;
        var imported = (await b.Studio.Services.GetRequiredService<PlanStore>().GetAsync(newPlanId, Ct))!;
        imported.Document.ToJson().ShouldBe(original.Document.ToJson());
        imported.Name.ShouldBe(original.Name);
        imported.FleetName.ShouldBe(original.FleetName);
        imported.FleetId.ShouldBeNull();   // the importing studio has no such fleet; the plan keeps its device snapshot
        imported.FleetChanged.ShouldBeFalse();

        var originalSet = (await a.Studio.Services.GetRequiredService<ModelSetStore>().LatestForPlanAsync(planId, Ct))!;
        var importedSet = (await b.Studio.Services.GetRequiredService<ModelSetStore>().GetAsync(newSetId, Ct))!;
        importedSet.PlanId.ShouldBe(newPlanId);
        importedSet.Name.ShouldBe(originalSet.Name);
        DistillationJson.WriteResult(importedSet.Result).ShouldBe(DistillationJson.WriteResult(originalSet.Result));

        var hashes = importedSet.Result.Students.Select(s => s.ModelHash).Append(importedSet.Result.Aggregator.ModelHash).ToList();
        body.GetProperty("modelFilesAdded").GetInt32().ShouldBe(hashes.Count);
        foreach (var hash in hashes)
            (await File.ReadAllBytesAsync(Path.Combine(b.ModelsFolder, $"{hash}.onnx"), Ct))
                .ShouldBe(await File.ReadAllBytesAsync(Path.Combine(a.ModelsFolder, $"{hash}.onnx"), Ct));

        // The imported plan is measured on the imported students, as the original is on its own.
        var planA = await a.Http.GetFromJsonAsync<JsonElement>($"/api/plans/{planId}", Ct);
        var planB = await b.Http.GetFromJsonAsync<JsonElement>($"/api/plans/{newPlanId}", Ct);
        planB.GetProperty("plan").GetProperty("expectedAccuracy").GetDouble()
            .ShouldBe(planA.GetProperty("plan").GetProperty("expectedAccuracy").GetDouble());
        planB.GetProperty("plan").GetProperty("expectedAccuracyModelSetId").GetInt32().ShouldBe(newSetId);

        var runA = (await a.RunToEndAsync(planId)).GetProperty("summary");
        var runB = (await b.RunToEndAsync(newPlanId)).GetProperty("summary");
        runB.GetProperty("prediction").GetRawText().ShouldBe(runA.GetProperty("prediction").GetRawText());
        runB.GetProperty("sent").GetInt64().ShouldBe(runA.GetProperty("sent").GetInt64());
        runB.GetProperty("served").GetInt64().ShouldBe(runA.GetProperty("served").GetInt64());
        runB.GetProperty("accuracy").GetDouble().ShouldBe(runA.GetProperty("accuracy").GetDouble());
    }

    [Fact]
    public async Task ImportingIntoAStudioThatHasTheNamesAppendsImportedAndKeepsItsIdenticalModelFiles()
    {
        var a = studios.Exporter;
        var before = await a.ContentsAsync();

        using var first = await a.ImportAsFormAsync(studios.DemoBundle);
        using var second = await a.ImportAsFormAsync(studios.DemoBundle);

        first.StatusCode.ShouldBe(HttpStatusCode.Created, await first.Content.ReadAsStringAsync(Ct));
        second.StatusCode.ShouldBe(HttpStatusCode.Created, await second.Content.ReadAsStringAsync(Ct));
        var one = await first.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var two = await second.Content.ReadFromJsonAsync<JsonElement>(Ct);
        one.GetProperty("planName").GetString().ShouldBe(DemoContent.PaperPlanName + " (imported)");
        two.GetProperty("planName").GetString().ShouldBe(DemoContent.PaperPlanName + " (imported 2)");
        one.GetProperty("modelSetName").GetString().ShouldBe(DemoModelSetLoader.Name + " (imported)");
        one.GetProperty("modelFilesAdded").GetInt32().ShouldBe(0);
        one.GetProperty("modelFilesKept").GetInt32().ShouldBe(before.ModelFiles.Length);
        var after = await a.ContentsAsync();
        after.Plans.ShouldBe(before.Plans + 2);
        after.ModelSets.ShouldBe(before.ModelSets + 2);
        after.ModelFiles.ShouldBe(before.ModelFiles);
    }
}
