using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Stores;
using RoCoIn.Data.Tests.Builders;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Tests.Stores;

public sealed class RunStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;
    private int _planId;
    private SimulationTopology _topology = null!;

    private RunStore Store => _database.Runs;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _database = await RunBuilder.SeededDatabaseAsync(Ct);
        (_planId, _topology) = await RunBuilder.DemoPlanAsync(_database, Ct);
    }

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private async Task<int> CreateAsync(Scenario? scenario = null, int? scenarioId = null, string? warning = null)
    {
        var created = await Store.CreateAsync(RunBuilder.NewRun(_planId, _topology, scenario, scenarioId, warning: warning), Ct);
        created.IsOk.ShouldBeTrue(created.Message);
        return created.Value;
    }

    private async Task<int> RunningAsync()
    {
        var id = await CreateAsync();
        (await Store.MarkRunningAsync(id, Ct)).IsOk.ShouldBeTrue();
        return id;
    }

    [Fact]
    public async Task MigrationCreatesTheRunAndScenarioTables()
    {
        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);

        var applied = await db.Database.GetAppliedMigrationsAsync(Ct);
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync(Ct);

        applied.ShouldContain(m => m.EndsWith("_AddRunsAndScenarios", StringComparison.Ordinal));
        tables.ShouldContain("Runs");
        tables.ShouldContain("RunSeconds");
        tables.ShouldContain("Scenarios");
    }

    [Fact]
    public async Task ANewRunReadsBackWithItsSnapshotsBitForBit()
    {
        var id = await CreateAsync(ScenarioLibrary.RollingCrash, warning: "The fleet changed.");

        var run = (await Store.GetAsync(id, Ct)).ShouldNotBeNull();

        run.Status.ShouldBe(RunStatus.Queued);
        run.PlanId.ShouldBe(_planId);
        run.PlanName.ShouldNotBeNullOrEmpty();
        run.Strategy.ShouldBe("RoCoIn");
        run.Kind.ShouldBe("simulated");
        run.Seed.ShouldBe(7);
        run.Speed.ShouldBe("fast");
        run.Settings.ShouldBe(RunBuilder.NewRun(_planId, _topology).Settings);
        RunJson.Write(run.Topology).ShouldBe(RunJson.Write(_topology));
        run.Topology.Groups.SelectMany(g => g.Members).Select(m => m.ComputeSeconds)
            .ShouldBe(_topology.Groups.SelectMany(g => g.Members).Select(m => m.ComputeSeconds));
        run.Scenario.ShouldBe(ScenarioLibrary.RollingCrash);
        run.ScenarioName.ShouldBe(ScenarioLibrary.RollingCrash.Name);
        run.Injections.ShouldBeEmpty();
        run.Summary.ShouldBeNull();
        run.Warning.ShouldBe("The fleet changed.");
        run.StartedUtc.ShouldBeNull();
    }

    [Fact]
    public async Task ARunForAnUnknownPlanIsNotCreated()
    {
        var result = await Store.CreateAsync(RunBuilder.NewRun(4242, _topology), Ct);

        result.Status.ShouldBe(StoreStatus.NotFound);
        (await Store.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task StatusMovesOnlyFromTheStatesThatAllowThem()
    {
        var id = await CreateAsync();

        (await Store.MarkPausedAsync(id, Ct)).Status.ShouldBe(StoreStatus.Conflict);
        (await Store.MarkRunningAsync(id, Ct)).Value!.StartedUtc.ShouldNotBeNull();
        (await Store.MarkRunningAsync(id, Ct)).Status.ShouldBe(StoreStatus.Conflict);
        (await Store.MarkPausedAsync(id, Ct)).Value!.Status.ShouldBe(RunStatus.Paused);
        (await Store.MarkResumedAsync(id, Ct)).Value!.Status.ShouldBe(RunStatus.Running);
        var failed = await Store.FailAsync(id, "The simulator broke.", Ct);
        failed.Value!.Status.ShouldBe(RunStatus.Failed);
        failed.Value.Reason.ShouldBe("The simulator broke.");
        var again = await Store.MarkResumedAsync(id, Ct);
        again.Status.ShouldBe(StoreStatus.Conflict);
        again.Message!.ShouldContain("has failed");
        (await Store.MarkRunningAsync(4242, Ct)).Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task SecondsAreAppendedInBatchesAndReadByRange()
    {
        var id = await RunningAsync();

        await Store.AppendSecondsAsync(id, [RunBuilder.Second(0), RunBuilder.Second(1)], Ct);
        await Store.AppendSecondsAsync(id, [RunBuilder.Second(1, sent: 20), RunBuilder.Second(2, served: 0)], Ct);

        var all = await Store.GetSecondsAsync(id, cancellationToken: Ct);
        all.Select(s => s.Second).ShouldBe([0, 1, 2]);
        all[1].Sent.ShouldBe(20);
        all[2].ShouldBe(RunBuilder.Second(2, served: 0));
        all[2].P95Seconds.ShouldBeNull();
        (await Store.GetSecondsAsync(id, 1, 1, Ct)).ShouldHaveSingleItem().Second.ShouldBe(1);
        (await Store.GetSecondsAsync(id, from: 2, cancellationToken: Ct)).ShouldHaveSingleItem().Second.ShouldBe(2);
        (await Store.GetAsync(id, Ct))!.SecondsStored.ShouldBe(3);
    }

    [Fact]
    public async Task FinishStoresTheResultAndTheResultsSeconds()
    {
        var id = await RunningAsync();
        await Store.AppendSecondsAsync(id, [RunBuilder.Second(0, sent: 99)], Ct);
        var result = RunBuilder.Result(_topology, 5);
        Injection[] injections = [new(1.5, InjectionAction.Crash, DeviceId: _topology.Devices.First().DeviceId)];
        RunEvent[] events = [new(1.5, "injection", "Crashed a device.", _topology.Devices.First().DeviceId, 0), new(5, "end", "Done.", null, null)];

        var finished = await Store.FinishAsync(id, RunStatus.Finished, result, injections, events, reason: null, Ct);

        finished.IsOk.ShouldBeTrue(finished.Message);
        var run = finished.Value!;
        run.Status.ShouldBe(RunStatus.Finished);
        run.EndedUtc.ShouldNotBeNull();
        RunJson.Write(run.Summary).ShouldBe(RunJson.Write(result.Summary));
        run.Histogram.ShouldBe(result.Histogram);
        run.Injections.ShouldBe(injections);
        run.Events.ShouldBe(events);
        run.SecondsStored.ShouldBe(5);
        (await Store.GetSecondsAsync(id, cancellationToken: Ct)).ShouldBe(result.Seconds);
        var listed = (await Store.ListAsync(0, 10, Ct)).ShouldHaveSingleItem();
        listed.SuccessRate.ShouldBe(result.Summary.SuccessRate);
        listed.P95Seconds.ShouldBe(result.Summary.P95Seconds);
    }

    [Fact]
    public async Task AnEndedRunCannotBeEndedAgain()
    {
        var id = await RunningAsync();
        var result = RunBuilder.Result(_topology, 2);
        (await Store.FinishAsync(id, RunStatus.Stopped, result, [], [], "Stopped by the operator.", Ct)).IsOk.ShouldBeTrue();

        var again = await Store.FinishAsync(id, RunStatus.Finished, RunBuilder.Result(_topology, 3), [], [], null, Ct);

        again.Status.ShouldBe(StoreStatus.Conflict);
        var run = (await Store.GetAsync(id, Ct))!;
        run.Status.ShouldBe(RunStatus.Stopped);
        run.Reason.ShouldBe("Stopped by the operator.");
        run.SecondsStored.ShouldBe(2);
    }

    [Fact]
    public async Task SavingTheResultIsAllOrNothing()
    {
        var id = await RunningAsync();
        await Store.AppendSecondsAsync(id, [RunBuilder.Second(0), RunBuilder.Second(1)], Ct);
        // Second 2 twice breaks the key half-way through the insert.
        var broken = RunBuilder.Result(_topology, 4, s => RunBuilder.Second(Math.Min(s, 2)));

        var thrown = await Record.ExceptionAsync(() => Store.FinishAsync(id, RunStatus.Finished, broken, [], [], null, Ct));

        thrown.ShouldNotBeNull();
        var run = (await Store.GetAsync(id, Ct))!;
        run.Status.ShouldBe(RunStatus.Running);
        run.Summary.ShouldBeNull();
        run.EndedUtc.ShouldBeNull();
        (await Store.GetSecondsAsync(id, cancellationToken: Ct)).Select(s => s.Second).ShouldBe([0, 1]);
    }

    [Fact]
    public async Task LiveRunsCannotBeDeletedAndDeletingAnEndedRunRemovesItsSeconds()
    {
        var id = await RunningAsync();
        var live = await Store.DeleteAsync(id, Ct);
        await Store.FinishAsync(id, RunStatus.Finished, RunBuilder.Result(_topology, 3), [], [], null, Ct);

        var deleted = await Store.DeleteAsync(id, Ct);

        live.Status.ShouldBe(StoreStatus.Conflict);
        live.Message!.ShouldContain("is running");
        deleted.IsOk.ShouldBeTrue();
        (await Store.GetAsync(id, Ct)).ShouldBeNull();
        await using var db = await _database.Contexts.CreateDbContextAsync(Ct);
        (await db.RunSeconds.CountAsync(Ct)).ShouldBe(0);
        (await Store.DeleteAsync(id, Ct)).Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task ListIsNewestFirstAndPaged()
    {
        var ids = new List<int>();
        for (var i = 0; i < 3; i++)
            ids.Add(await CreateAsync());

        var page = await Store.ListAsync(1, 2, Ct);

        page.Select(r => r.Id).ShouldBe([ids[1], ids[0]]);
        page.ShouldAllBe(r => r.PlanName.Length > 0 && r.Status == RunStatus.Queued);
        (await Store.CountAsync(Ct)).ShouldBe(3);
    }

    [Fact]
    public async Task LiveRunsBecomeInterruptedAtStartUp()
    {
        var queued = await CreateAsync();
        var running = await RunningAsync();
        var paused = await RunningAsync();
        await Store.MarkPausedAsync(paused, Ct);
        var finished = await RunningAsync();
        await Store.FinishAsync(finished, RunStatus.Finished, RunBuilder.Result(_topology, 1), [], [], null, Ct);

        var count = await Store.RecoverAtStartupAsync(Ct);

        count.ShouldBe(3);
        foreach (var id in new[] { queued, running, paused })
        {
            var run = (await Store.GetAsync(id, Ct))!;
            run.Status.ShouldBe(RunStatus.Interrupted);
            run.Reason.ShouldBe(RunStore.InterruptedReason);
        }
        (await Store.GetAsync(finished, Ct))!.Status.ShouldBe(RunStatus.Finished);
    }

    [Fact]
    public async Task InjectionsAreSavedAsTheyHappen()
    {
        var id = await RunningAsync();
        Injection[] injections = [new(2, InjectionAction.Slow, Group: 0, Factor: 3), new(4, InjectionAction.RestoreSpeed, Group: 0)];

        await Store.SaveInjectionsAsync(id, injections, Ct);

        (await Store.GetAsync(id, Ct))!.Injections.ShouldBe(injections);
    }

    [Fact]
    public async Task DeletingTheScenarioKeepsTheRunsSnapshot()
    {
        var scenario = (await _database.Scenarios.CreateAsync(ScenarioLibrary.GroupDown, Ct)).Value!;
        var id = await CreateAsync(scenario.Scenario, scenario.Id);

        await _database.Scenarios.DeleteAsync(scenario.Id, Ct);

        var run = (await Store.GetAsync(id, Ct))!;
        run.ScenarioId.ShouldBeNull();
        run.Scenario.ShouldBe(ScenarioLibrary.GroupDown);
        run.ScenarioName.ShouldBe(ScenarioLibrary.GroupDown.Name);
    }

    [Fact]
    public async Task DeletingAPlanWithRunsIsAConflictNamingThem()
    {
        var run = await CreateAsync();

        var refused = await _database.Plans.DeleteAsync(_planId, Ct);
        await Store.FailAsync(run, "gone", Ct);
        await Store.DeleteAsync(run, Ct);
        var deleted = await _database.Plans.DeleteAsync(_planId, Ct);

        refused.Status.ShouldBe(StoreStatus.Conflict);
        refused.Message!.ShouldContain("has 1 run");
        deleted.IsOk.ShouldBeTrue();
        (await _database.Plans.DeleteAsync(_planId, Ct)).Status.ShouldBe(StoreStatus.NotFound);
    }
}
