using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using RoCoIn.Data.Stores;

namespace RoCoIn.Web.Tests.Workspace;

public class ModelSetDeleteApiTests : WorkspaceTestBase
{
    [Fact]
    public async Task DeletingAModelSetRemovesTheFilesOnlyItNamedAndKeepsTheSharedOnes()
    {
        var demo = await DemoModelSetAsync();
        // A second set with the demo students and an aggregator of its own: the students' files are shared.
        var ownHash = WorkspaceSnapshot.WriteModelFile(Factory.DataPath, [1, 2, 3, 4, 5]);
        var sibling = demo.Result with { Aggregator = demo.Result.Aggregator with { ModelHash = ownHash, ModelFile = ownHash + ".onnx" } };
        await ModelSets.SaveAsync("Sibling", demo.PlanId, null, sibling, Ct);
        var students = demo.Result.Students.Select(s => $"models/{s.ModelHash}.onnx").Distinct().ToList();
        var aggregator = $"models/{demo.Result.Aggregator.ModelHash}.onnx";
        students.ShouldNotContain(aggregator);

        using var response = await Client.DeleteAsync($"/api/model-sets/{demo.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("removedFiles").EnumerateArray().Select(f => f.GetString()).ShouldBe([aggregator]);
        body.GetProperty("keptFiles").EnumerateArray().Select(f => f.GetString()).ShouldBe(students, ignoreOrder: true);
        File.Exists(Path.Combine(Factory.DataPath, aggregator)).ShouldBeFalse();
        students.ShouldAllBe(f => File.Exists(Path.Combine(Factory.DataPath, f)));
        File.Exists(Path.Combine(ModelsFolder, ownHash + ".onnx")).ShouldBeTrue();
        (await Client.GetAsync($"/api/model-sets/{demo.Id}", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task AModelSetAPlanWasReplannedWithIsRefusedWithTheReasonAndKeepsItsFiles()
    {
        var demo = await DemoModelSetAsync();
        var plan = (await Plans.GetAsync(demo.PlanId!.Value, Ct))!;
        var replanned = await Plans.SaveAsync("Paper fleet, demo students", plan.FleetId, plan.FleetName, plan.Document, null, demo.Id, Ct);
        var before = WorkspaceSnapshot.Files(ModelsFolder);

        using var response = await Client.DeleteAsync($"/api/model-sets/{demo.Id}", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        var detail = await DetailOfAsync(response);
        detail.ShouldContain($"plan 'Paper fleet, demo students' (#{replanned})");
        detail.ShouldContain("re-planned with its students");
        (await ModelSets.GetAsync(demo.Id, Ct)).ShouldNotBeNull();
        WorkspaceSnapshot.Files(ModelsFolder).ShouldBe(before);
    }

    [Fact]
    public async Task AnUnknownModelSetIsNotFound()
    {
        using var response = await Client.DeleteAsync("/api/model-sets/4242", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await DetailOfAsync(response)).ShouldBe("Model set 4242 does not exist.");
    }
}
