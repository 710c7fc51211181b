using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Tests.Workspace;

public class WorkspaceCleanupApiTests : WorkspaceTestBase
{
    [Fact]
    public async Task CleanUpRemovesOnlyWhatNoModelSetRefersTo()
    {
        var demo = await DemoModelSetAsync();
        var referencedModels = WorkspaceSnapshot.Files(ModelsFolder);
        var stray = WorkspaceSnapshot.WriteModelFile(Factory.DataPath, [9, 8, 7]);
        // A job whose teacher a model set reuses, and one whose model set is gone (or never came).
        var keptTeacher = WorkspaceSnapshot.WriteFile(Factory.DataPath, "distillation/job-91/teacher/teacher.dat", "kept teacher");
        WorkspaceSnapshot.WriteFile(Factory.DataPath, "distillation/job-91/result.json", "{}");
        WorkspaceSnapshot.WriteFile(Factory.DataPath, "distillation/job-90/teacher/teacher.dat", "orphan teacher");
        WorkspaceSnapshot.WriteFile(Factory.DataPath, "distillation/job-90/result.json", "{}");
        WorkspaceSnapshot.WriteFile(Factory.DataPath, $"distillation/job-90/{stray}.onnx", "copy");
        var notes = WorkspaceSnapshot.WriteFile(Factory.DataPath, "notes.txt", "someone's notes");
        await ModelSets.SaveAsync("Reuses job 91's teacher", demo.PlanId, null,
            demo.Result with { Teacher = demo.Result.Teacher with { WeightsPath = keptTeacher } }, Ct);

        using var response = await Client.PostAsync("/api/workspace/cleanup", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
        body.GetProperty("files").EnumerateArray().Select(f => f.GetString()).ShouldBe([
            $"models/{stray}.onnx",
            "distillation/job-90/teacher/teacher.dat",
            "distillation/job-90/result.json",
            $"distillation/job-90/{stray}.onnx",
            "distillation/job-91/result.json",
        ], ignoreOrder: true);
        WorkspaceSnapshot.Files(ModelsFolder).ShouldBe(referencedModels);
        File.Exists(keptTeacher).ShouldBeTrue();
        Directory.Exists(Path.Combine(Factory.DataPath, "distillation", "job-90")).ShouldBeFalse();
        File.Exists(notes).ShouldBeTrue();
        File.Exists(demo.Result.Teacher.WeightsPath).ShouldBeTrue();
        (await Client.GetFromJsonAsync<JsonElement>("/api/workspace", Ct)).GetProperty("unreferencedBytes").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task CleanUpIsRefusedWhileADistillationJobIsQueued()
    {
        var stray = WorkspaceSnapshot.WriteModelFile(Factory.DataPath, [4, 4, 4]);
        // Stored as queued and not handed to the runner, so it stays queued.
        var job = await Factory.Services.GetRequiredService<JobStore>().CreateAsync(JobKind.Distillation, "Distil something", "{}", Ct);

        using var response = await Client.PostAsync("/api/workspace/cleanup", null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        (await DetailOfAsync(response)).ShouldContain($"Distillation job {job} is queued or running");
        File.Exists(Path.Combine(ModelsFolder, $"{stray}.onnx")).ShouldBeTrue();
    }
}
