using RoCoIn.Data.Stores;
using RoCoIn.Data.Tests.Builders;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Data.Tests.Stores;

/// <summary>Deleting model sets and listing what they reference, on the bundled demo result (real hashes and teacher path).</summary>
public sealed class ModelSetStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private ModelSetStore _store = null!;
    private SavedPlan _plan = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await RunBuilder.SeededDatabaseAsync(Ct);
        _store = new ModelSetStore(_database.Contexts, TimeProvider.System);
        var (planId, _) = await RunBuilder.DemoPlanAsync(_database, Ct);
        _plan = (await _database.Plans.GetAsync(planId, Ct))!;
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static DistillationResult DemoResult()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var file = Path.Combine(dir.FullName, "assets", "models", "demo", DistillationResult.FileName);
            if (File.Exists(file))
                return DistillationJson.ReadResult(File.ReadAllText(file));
        }
        throw new FileNotFoundException("assets/models/demo/result.json is not above the test's base directory.");
    }

    /// <summary>The demo result with another aggregator and teacher: it shares the students' files with the demo set.</summary>
    private static DistillationResult Sibling(string aggregatorHash, string teacherPath)
    {
        var demo = DemoResult();
        return demo with
        {
            Aggregator = demo.Aggregator with { ModelHash = aggregatorHash, ModelFile = aggregatorHash + ".onnx" },
            Teacher = demo.Teacher with { WeightsPath = teacherPath },
        };
    }

    [Fact]
    public async Task DeleteRemovesTheSetAndAnswersWithItsResult()
    {
        var id = await _store.SaveAsync("Demo", _plan.Id, null, DemoResult(), Ct);

        var deleted = await _store.DeleteAsync(id, Ct);

        deleted.Status.ShouldBe(StoreStatus.Ok);
        deleted.Value!.Name.ShouldBe("Demo");
        ModelSetStore.ModelHashes(deleted.Value.Result).ShouldBe(ModelSetStore.ModelHashes(DemoResult()));
        (await _store.GetAsync(id, Ct)).ShouldBeNull();
        (await _store.DeleteAsync(id, Ct)).Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task ThePlansModelSetIsTheOneAskedForElseTheReplannedOneElseTheNewestDistilled()
    {
        var older = await _store.SaveAsync("Older", _plan.Id, null, DemoResult(), Ct);
        var newest = await _store.SaveAsync("Newest", _plan.Id, null, DemoResult(), Ct);
        var replannedId = await _database.Plans.SaveAsync("Re-planned", _plan.FleetId, _plan.FleetName, _plan.Document,
            jobId: null, basedOnModelSetId: older, Ct);
        var replanned = (await _database.Plans.GetAsync(replannedId, Ct)).ShouldNotBeNull();

        (await _store.ForPlanAsync(_plan, null, Ct))!.Id.ShouldBe(newest);
        (await _store.ForPlanAsync(replanned, null, Ct))!.Id.ShouldBe(older);
        (await _store.ForPlanAsync(replanned, newest, Ct))!.Id.ShouldBe(newest);
        (await _store.ForPlanAsync(_plan, 999, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteIsRefusedWhileAPlanWasReplannedWithTheSet()
    {
        var id = await _store.SaveAsync("Demo", _plan.Id, null, DemoResult(), Ct);
        var replanned = await _database.Plans.SaveAsync("Re-planned with the demo students", _plan.FleetId, _plan.FleetName, _plan.Document,
            jobId: null, basedOnModelSetId: id, Ct);

        var refused = await _store.DeleteAsync(id, Ct);

        refused.Status.ShouldBe(StoreStatus.Conflict);
        refused.Message.ShouldNotBeNull();
        refused.Message.ShouldContain($"'Re-planned with the demo students' (#{replanned})");
        refused.Message.ShouldContain("delete that plan first");
        (await _store.GetAsync(id, Ct)).ShouldNotBeNull();

        (await _database.Plans.DeleteAsync(replanned, Ct)).IsOk.ShouldBeTrue();
        (await _store.DeleteAsync(id, Ct)).IsOk.ShouldBeTrue();
    }

    [Fact]
    public async Task ReferencesNameEveryStoredSetsModelFilesAndTeacher()
    {
        var demo = DemoResult();
        var first = await _store.SaveAsync("Demo", _plan.Id, null, demo, Ct);
        var sibling = Sibling(new string('e', 64), "/data/distillation/job-7/teacher/teacher.dat");
        await _store.SaveAsync("Sibling", _plan.Id, null, sibling, Ct);

        var both = await _store.ReferencesAsync(Ct);
        await _store.DeleteAsync(first, Ct);
        var remaining = await _store.ReferencesAsync(Ct);

        both.ModelHashes.ShouldBe(ModelSetStore.ModelHashes(demo).Append(new string('e', 64)).Distinct(), ignoreOrder: true);
        both.TeacherPaths.ShouldBe([demo.Teacher.WeightsPath, "/data/distillation/job-7/teacher/teacher.dat"], ignoreOrder: true);
        remaining.ModelHashes.ShouldNotContain(demo.Aggregator.ModelHash);
        remaining.ModelHashes.ShouldContain(demo.Students[0].ModelHash);
        remaining.TeacherPaths.ShouldBe(["/data/distillation/job-7/teacher/teacher.dat"]);
    }

    [Fact]
    public async Task DeletingAPlanKeepsTheSetDistilledForItAndDeletesNothingElse()
    {
        var plan = await _database.Plans.SaveAsync("Second demo plan", _plan.FleetId, _plan.FleetName, _plan.Document, null, Ct);
        var id = await _store.SaveAsync("Distilled for the second plan", plan, null, DemoResult(), Ct);
        var plansBefore = (await _database.Plans.ListAsync(cancellationToken: Ct)).Count;

        (await _database.Plans.DeleteAsync(plan, Ct)).IsOk.ShouldBeTrue();

        var set = (await _store.GetAsync(id, Ct)).ShouldNotBeNull();
        set.PlanId.ShouldBeNull();
        set.Result.Students.Count.ShouldBe(DemoResult().Students.Count);
        (await _database.Plans.ListAsync(cancellationToken: Ct)).Count.ShouldBe(plansBefore - 1);
        (await _database.Plans.GetAsync(_plan.Id, Ct)).ShouldNotBeNull();
    }

    [Fact]
    public async Task MoveTeacherPathsRewritesOnlyTeachersUnderTheOldFolder()
    {
        var moved = await _store.SaveAsync("Moved", null, null, Sibling(new string('e', 64), "/old/data/distillation/job-3/teacher/teacher.dat"), Ct);
        var elsewhere = await _store.SaveAsync("Elsewhere", null, null, Sibling(new string('f', 64), "/assets/models/demo/teacher/teacher.dat"), Ct);

        var changed = await _store.MoveTeacherPathsAsync("/old/data/distillation", "/new/data/distillation", Ct);

        changed.ShouldBe(1);
        (await _store.GetAsync(moved, Ct))!.Result.Teacher.WeightsPath.ShouldBe("/new/data/distillation/job-3/teacher/teacher.dat");
        (await _store.GetAsync(elsewhere, Ct))!.Result.Teacher.WeightsPath.ShouldBe("/assets/models/demo/teacher/teacher.dat");
    }
}
