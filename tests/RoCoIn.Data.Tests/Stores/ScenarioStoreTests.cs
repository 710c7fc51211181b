using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Tests.Stores;

public sealed class ScenarioStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private ScenarioStore Store => _database.Scenarios;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _database = await TestDatabase.CreateMigratedAsync(Ct);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    private static Scenario Crash(string name = "Crash one", double start = 10) =>
        new(name, "One device down for 5 s.",
            [new ScenarioEvent(FailureEffect.Crash, TargetSelector.AllDevices, BlastRadius.Devices(1), start, 5)]);

    [Fact]
    public async Task CreatedScenarioReadsBackEqual()
    {
        var created = await Store.CreateAsync(ScenarioLibrary.Stragglers, Ct);

        created.IsOk.ShouldBeTrue(created.Message);
        var read = (await Store.GetAsync(created.Value!.Id, Ct)).ShouldNotBeNull();
        read.Scenario.ShouldBe(ScenarioLibrary.Stragglers);
        read.CreatedUtc.ShouldBe(read.UpdatedUtc);
        var listed = (await Store.ListAsync(Ct)).ShouldHaveSingleItem();
        listed.Name.ShouldBe(ScenarioLibrary.Stragglers.Name);
        listed.EventCount.ShouldBe(1);
    }

    [Fact]
    public async Task EveryLibraryScenarioRoundTripsIncludingOpenEndedEvents()
    {
        foreach (var scenario in ScenarioLibrary.All)
        {
            var created = await Store.CreateAsync(scenario, Ct);

            created.IsOk.ShouldBeTrue(created.Message);
            (await Store.GetAsync(created.Value!.Id, Ct))!.Scenario.ShouldBe(scenario);
        }
    }

    [Fact]
    public async Task NamesAreUniqueRegardlessOfCase()
    {
        (await Store.CreateAsync(Crash("Crash one"), Ct)).IsOk.ShouldBeTrue();

        var second = await Store.CreateAsync(Crash("CRASH ONE"), Ct);

        second.Status.ShouldBe(StoreStatus.Invalid);
        second.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        (await Store.CountAsync(Ct)).ShouldBe(1);
    }

    [Fact]
    public async Task InvalidScenarioIsRefusedWithTheValidatorsFieldErrors()
    {
        var result = await Store.CreateAsync(Crash(start: -1), Ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.Select(e => e.Field).ShouldContain("events[0].startSeconds");
        (await Store.CountAsync(Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task UpdateReplacesTheTimelineAndRefusesAnotherScenariosName()
    {
        var first = (await Store.CreateAsync(Crash("First"), Ct)).Value!;
        (await Store.CreateAsync(Crash("Second"), Ct)).IsOk.ShouldBeTrue();

        var renamed = await Store.UpdateAsync(first.Id, Crash("first, later", start: 30), Ct);
        var clash = await Store.UpdateAsync(first.Id, Crash("second"), Ct);
        var unknown = await Store.UpdateAsync(4242, Crash("Third"), Ct);

        renamed.IsOk.ShouldBeTrue(renamed.Message);
        var read = (await Store.GetAsync(first.Id, Ct)).ShouldNotBeNull();
        read.Scenario.ShouldBe(Crash("first, later", start: 30));
        read.CreatedUtc.ShouldBe(first.CreatedUtc);
        clash.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        unknown.Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task UpdateMayChangeOnlyTheCaseOfItsOwnName()
    {
        var created = (await Store.CreateAsync(Crash("crash"), Ct)).Value!;

        var result = await Store.UpdateAsync(created.Id, Crash("Crash"), Ct);

        result.IsOk.ShouldBeTrue(result.Message);
    }

    [Fact]
    public async Task DeleteRemovesTheScenario()
    {
        var created = (await Store.CreateAsync(Crash(), Ct)).Value!;

        (await Store.DeleteAsync(created.Id, Ct)).IsOk.ShouldBeTrue();
        (await Store.DeleteAsync(created.Id, Ct)).Status.ShouldBe(StoreStatus.NotFound);
        (await Store.GetAsync(created.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task ListIsAlphabeticalIgnoringCase()
    {
        foreach (var name in new[] { "b", "A", "c" })
            (await Store.CreateAsync(Crash(name), Ct)).IsOk.ShouldBeTrue();

        (await Store.ListAsync(Ct)).Select(s => s.Name).ShouldBe(["A", "b", "c"]);
    }
}
