using RoCoIn.Data.Stores;
using RoCoIn.Data.Tests.Builders;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Fleets;

namespace RoCoIn.Data.Tests.Stores;

public sealed class DeviceStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private DeviceStore Store => _database.Devices;

    public async ValueTask InitializeAsync() =>
        _database = await TestDatabase.CreateMigratedAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task CreatedDeviceGetsAnIdAndCanBeReadBack()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var created = result.Value.ShouldNotBeNull();
        created.Id.ShouldBeGreaterThan(0);
        (await Store.GetAsync(created.Id, ct)).ShouldBe(DeviceBuilder.Valid("pi-1") with { Id = created.Id });
    }

    [Fact]
    public async Task CreateIgnoresAnIdGivenByTheCaller()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(DeviceBuilder.Valid("first"), ct);

        var result = await Store.CreateAsync(DeviceBuilder.Valid("second") with { Id = 999 }, ct);

        result.Value.ShouldNotBeNull().Id.ShouldNotBe(999);
        (await Store.GetAsync(999, ct)).ShouldBeNull();
    }

    [Fact]
    public async Task AwkwardValuesSurviveStorageExactly()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = new List<int>();

        foreach (var device in DeviceBuilder.Awkward())
            ids.Add((await Store.CreateAsync(device, ct)).Value.ShouldNotBeNull().Id);

        for (var i = 0; i < ids.Count; i++)
            (await Store.GetAsync(ids[i], ct)).ShouldBe(DeviceBuilder.Awkward()[i] with { Id = ids[i] });
    }

    [Fact]
    public async Task ListIsOrderedByNameIgnoringCase()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var name in new[] { "delta", "Alpha", "charlie", "Bravo" })
            await Store.CreateAsync(DeviceBuilder.Valid(name), ct);

        var names = (await Store.ListAsync(ct)).Select(d => d.Name).ToList();

        names.ShouldBe(["Alpha", "Bravo", "charlie", "delta"]);
        (await Store.ListAsync(1, 2, ct)).Select(d => d.Name).ShouldBe(["Bravo", "charlie"]);
        (await Store.CountAsync(ct)).ShouldBe(4);
    }

    [Fact]
    public async Task UpdateChangesTheStoredDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;
        var changed = created with { Name = "pi-one", ComputeFlopsPerSecond = 12.5e9, MtbfSeconds = 3600, MttrSeconds = 60 };

        var result = await Store.UpdateAsync(changed, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(created.Id, ct)).ShouldBe(changed);
        (await Store.CountAsync(ct)).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateMayChangeOnlyTheCaseOfTheDevicesOwnName()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;

        var result = await Store.UpdateAsync(created with { Name = "PI-1" }, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(created.Id, ct)).ShouldNotBeNull().Name.ShouldBe("PI-1");
    }

    [Fact]
    public async Task CreateWithInvalidValuesIsRefusedWithFieldErrorsAndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var device = DeviceBuilder.Valid(" padded") with { ComputeFlopsPerSecond = -1, NoReplyProbability = 1 };

        var result = await Store.CreateAsync(device, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Value.ShouldBeNull();
        result.Errors.Select(e => e.Field).ShouldBe(
            [DeviceFields.Name, DeviceFields.ComputeFlopsPerSecond, DeviceFields.NoReplyProbability], ignoreOrder: true);
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData("PI-1")]
    [InlineData("Pi-1")]
    [InlineData("pi-1")]
    public async Task NameTakenIgnoringCaseIsRefused(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct);

        var result = await Store.CreateAsync(DeviceBuilder.Valid(name), ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain("'pi-1' already exists");
        (await Store.CountAsync(ct)).ShouldBe(1);
    }

    [Fact]
    public async Task UpdateToANameTakenByAnotherDeviceIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct);
        var second = (await Store.CreateAsync(DeviceBuilder.Valid("pi-2"), ct)).Value!;

        var result = await Store.UpdateAsync(second with { Name = "PI-1" }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe(DeviceFields.Name);
        (await Store.GetAsync(second.Id, ct)).ShouldNotBeNull().Name.ShouldBe("pi-2");
    }

    [Fact]
    public async Task UpdateWithInvalidValuesChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;

        var result = await Store.UpdateAsync(created with { MemoryBytes = 0 }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe(DeviceFields.MemoryBytes);
        (await Store.GetAsync(created.Id, ct)).ShouldBe(created);
    }

    [Fact]
    public async Task UpdateOfAnUnknownIdIsNotFound()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Store.UpdateAsync(DeviceBuilder.Valid("ghost") with { Id = 4242 }, ct);

        result.Status.ShouldBe(StoreStatus.NotFound);
        result.Message.ShouldNotBeNull().ShouldContain("4242");
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task DeleteOfADeviceInNoFleetRemovesIt()
    {
        var ct = TestContext.Current.CancellationToken;
        var created = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;

        var result = await Store.DeleteAsync(created.Id, removeFromFleets: false, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(created.Id, ct)).ShouldBeNull();
    }

    [Fact]
    public async Task DeleteOfAnUnknownIdIsNotFound()
    {
        var result = await Store.DeleteAsync(4242, removeFromFleets: true, TestContext.Current.CancellationToken);

        result.Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task DeleteOfADeviceInAFleetIsAConflictNamingTheFleetAndKeepsTheDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var device = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;
        await _database.Fleets.CreateAsync(new Fleet { Name = "Lab north", DeviceIds = [device.Id] }, ct);
        await _database.Fleets.CreateAsync(new Fleet { Name = "Lab south", DeviceIds = [device.Id] }, ct);

        var result = await Store.DeleteAsync(device.Id, removeFromFleets: false, ct);

        result.Status.ShouldBe(StoreStatus.Conflict);
        result.Message.ShouldNotBeNull().ShouldContain("used by 2 fleets (Lab north, Lab south)");
        (await Store.GetAsync(device.Id, ct)).ShouldBe(device);
        (await Store.FleetsUsingAsync(device.Id, ct)).ShouldBe(["Lab north", "Lab south"]);
    }

    [Fact]
    public async Task DeleteWithRemoveFromFleetsRemovesTheDeviceAndItsMemberships()
    {
        var ct = TestContext.Current.CancellationToken;
        var doomed = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;
        var kept = (await Store.CreateAsync(DeviceBuilder.Valid("pi-2"), ct)).Value!;
        var fleet = (await _database.Fleets.CreateAsync(new Fleet { Name = "Lab", DeviceIds = [doomed.Id, kept.Id] }, ct)).Value!;

        var result = await Store.DeleteAsync(doomed.Id, removeFromFleets: true, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(doomed.Id, ct)).ShouldBeNull();
        (await _database.Fleets.GetAsync(fleet.Id, ct)).ShouldNotBeNull().DeviceIds.ShouldBe([kept.Id]);
        (await Store.FleetCountsAsync(ct)).ShouldBe(new Dictionary<int, int> { [kept.Id] = 1 });
    }

    [Fact]
    public async Task ImportOfAFileWithOneBadRowImportsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(DeviceBuilder.Valid("existing"), ct);
        var text = DeviceCsv.Write([DeviceBuilder.Valid("new-1"), DeviceBuilder.Valid("new-2"), DeviceBuilder.Valid("new-3")])
            .Replace("new-2,Raspberry Pi 4,10000000000", "new-2,Raspberry Pi 4,fast", StringComparison.Ordinal);
        var file = DeviceCsv.Read(text);
        file.Devices.Count.ShouldBe(2);

        var outcome = await Store.ImportAsync(file, DeviceImportMode.Add, ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Created.ShouldBe(0);
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Name.ShouldBe("new-2");
        (await Store.ListAsync(ct)).Select(d => d.Name).ShouldBe(["existing"]);
    }

    [Fact]
    public async Task ImportInAddModeWithAnExistingNameImportsNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(DeviceBuilder.Valid("pi-2"), ct);
        var file = DeviceCsv.Read(DeviceCsv.Write([DeviceBuilder.Valid("pi-1"), DeviceBuilder.Valid("PI-2") with { MemoryBytes = 7 }]));

        var outcome = await Store.ImportAsync(file, DeviceImportMode.Add, ct);

        outcome.Succeeded.ShouldBeFalse();
        var error = outcome.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Field.ShouldBe(DeviceFields.Name);
        var stored = await Store.ListAsync(ct);
        stored.ShouldHaveSingleItem().MemoryBytes.ShouldBe(DeviceBuilder.Valid().MemoryBytes);
    }

    [Fact]
    public async Task ImportInAddModeCreatesEveryDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = DeviceCsv.Read(DeviceCsv.Write(DeviceBuilder.Awkward()));

        var outcome = await Store.ImportAsync(file, DeviceImportMode.Add, ct);

        outcome.ShouldBe(outcome with { Created = 4, Replaced = 0 });
        outcome.Succeeded.ShouldBeTrue();
        (await Store.ListAsync(ct)).Select(d => d with { Id = 0 })
            .ShouldBe(DeviceBuilder.Awkward(), ignoreOrder: true);
    }

    [Fact]
    public async Task ImportInReplaceModeUpdatesInPlaceKeepingIdAndFleetMembership()
    {
        var ct = TestContext.Current.CancellationToken;
        var pi = (await Store.CreateAsync(DeviceBuilder.Valid("pi-1"), ct)).Value!;
        var fleet = (await _database.Fleets.CreateAsync(new Fleet { Name = "Lab", DeviceIds = [pi.Id] }, ct)).Value!;
        var replacement = DeviceBuilder.Valid("pi-1") with { ComputeFlopsPerSecond = 25e9, Notes = "re-measured" };
        var file = DeviceCsv.Read(DeviceCsv.Write([replacement, DeviceBuilder.Valid("pi-2")]));

        var outcome = await Store.ImportAsync(file, DeviceImportMode.Replace, ct);

        outcome.Succeeded.ShouldBeTrue();
        outcome.Created.ShouldBe(1);
        outcome.Replaced.ShouldBe(1);
        (await Store.GetAsync(pi.Id, ct)).ShouldBe(replacement with { Id = pi.Id });
        (await Store.CountAsync(ct)).ShouldBe(2);
        (await _database.Fleets.GetAsync(fleet.Id, ct)).ShouldNotBeNull().DeviceIds.ShouldBe([pi.Id]);
    }

    [Fact]
    public async Task ImportOfAnEmptyFileIsAnError()
    {
        var ct = TestContext.Current.CancellationToken;

        var outcome = await Store.ImportAsync(DeviceCsv.Read(DeviceCsv.Write([])), DeviceImportMode.Add, ct);

        outcome.Succeeded.ShouldBeFalse();
        outcome.Errors.ShouldHaveSingleItem().Field.ShouldBe("file");
    }

    [Fact]
    public async Task ExportImportIntoANewDatabaseAndExportAgainIsByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var device in DeviceBuilder.Awkward())
            await Store.CreateAsync(device, ct);
        var exported = DeviceCsv.Write(await Store.ListAsync(ct));
        await using var other = await TestDatabase.CreateMigratedAsync(ct);

        var outcome = await other.Devices.ImportAsync(DeviceCsv.Read(exported), DeviceImportMode.Add, ct);
        var reexported = DeviceCsv.Write(await other.Devices.ListAsync(ct));

        outcome.Succeeded.ShouldBeTrue();
        reexported.ShouldBe(exported);
    }

    [Fact]
    public async Task JsonExportImportIntoANewDatabaseAndExportAgainIsByteIdentical()
    {
        var ct = TestContext.Current.CancellationToken;
        foreach (var device in DeviceBuilder.Awkward())
            await Store.CreateAsync(device, ct);
        var exported = DeviceJson.Write(await Store.ListAsync(ct));
        await using var other = await TestDatabase.CreateMigratedAsync(ct);

        var outcome = await other.Devices.ImportAsync(DeviceJson.Read(exported), DeviceImportMode.Add, ct);
        var reexported = DeviceJson.Write(await other.Devices.ListAsync(ct));

        outcome.Succeeded.ShouldBeTrue();
        reexported.ShouldBe(exported);
    }

    [Fact]
    public async Task NamesDifferingOnlyInNonAsciiCaseAreRefusedAndImportsStillWork()
    {
        var ct = TestContext.Current.CancellationToken;
        (await Store.CreateAsync(DeviceBuilder.Valid("Äpfel"), ct)).Status.ShouldBe(StoreStatus.Ok);

        var clash = await Store.CreateAsync(DeviceBuilder.Valid("äpfel"), ct);
        var import = await Store.ImportAsync(DeviceCsv.Read(DeviceCsv.Write([DeviceBuilder.Valid("birne")])), DeviceImportMode.Add, ct);

        clash.Status.ShouldBe(StoreStatus.Invalid);
        clash.Errors.ShouldContain(e => e.Field == DeviceFields.Name);
        import.Succeeded.ShouldBeTrue();
        (await Store.CountAsync(ct)).ShouldBe(2);
    }
}

