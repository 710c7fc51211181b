using RoCoIn.Data.Stores;
using RoCoIn.Data.Tests.Builders;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Fleets.Exchange;

namespace RoCoIn.Data.Tests.Stores;

public sealed class FleetStoreTests : IAsyncLifetime
{
    private TestDatabase _database = null!;

    private FleetStore Store => _database.Fleets;

    public async ValueTask InitializeAsync() =>
        _database = await TestDatabase.CreateMigratedAsync(TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _database.DisposeAsync();

    [Fact]
    public async Task CreatedFleetKeepsItsMembersInTheGivenOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a", "b", "c");
        int[] order = [ids[2], ids[0], ids[1]];

        var result = await Store.CreateAsync(new Fleet { Name = "Lab", Description = "Three", DeviceIds = order }, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var fleet = (await Store.GetAsync(result.Value!.Id, ct)).ShouldNotBeNull();
        fleet.Name.ShouldBe("Lab");
        fleet.Description.ShouldBe("Three");
        fleet.DeviceIds.ShouldBe(order);
        (await Store.GetDevicesAsync(fleet.Id, ct)).Select(d => d.Name).ShouldBe(["c", "a", "b"]);
    }

    [Fact]
    public async Task CreateWithAnUnknownDeviceIdIsRefusedNamingTheId()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a");

        var result = await Store.CreateAsync(new Fleet { Name = "Lab", DeviceIds = [ids[0], 777] }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("deviceIds");
        error.Message.ShouldContain("777");
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Theory]
    [InlineData("Lab")]
    [InlineData("LAB")]
    public async Task DuplicateFleetNameIsRefused(string name)
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(new Fleet { Name = "Lab" }, ct);

        var result = await Store.CreateAsync(new Fleet { Name = name }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        (await Store.CountAsync(ct)).ShouldBe(1);
    }

    [Fact]
    public async Task CreateWithAnInvalidNameIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Store.CreateAsync(new Fleet { Name = " " }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
    }

    [Fact]
    public async Task UpdateReplacesTheMembersKeepingTheNewOrder()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a", "b", "c", "d");
        var fleet = (await Store.CreateAsync(new Fleet { Name = "Lab", DeviceIds = [ids[0], ids[1], ids[2]] }, ct)).Value!;
        int[] members = [ids[3], ids[1], ids[0]];

        var result = await Store.UpdateAsync(fleet with { Name = "Lab 2", Description = "new", DeviceIds = members }, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        result.Value.ShouldNotBeNull().DeviceIds.ShouldBe(members);
        var stored = (await Store.GetAsync(fleet.Id, ct)).ShouldNotBeNull();
        stored.Name.ShouldBe("Lab 2");
        stored.Description.ShouldBe("new");
        stored.DeviceIds.ShouldBe(members);
        (await Store.GetDevicesAsync(fleet.Id, ct)).Select(d => d.Name).ShouldBe(["d", "b", "a"]);
    }

    [Fact]
    public async Task UpdateWithAnUnknownDeviceIdChangesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a");
        var fleet = (await Store.CreateAsync(new Fleet { Name = "Lab", DeviceIds = [ids[0]] }, ct)).Value!;

        var result = await Store.UpdateAsync(fleet with { DeviceIds = [ids[0], 555] }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        (await Store.GetAsync(fleet.Id, ct)).ShouldNotBeNull().DeviceIds.ShouldBe([ids[0]]);
    }

    [Fact]
    public async Task UpdateToTheNameOfAnotherFleetIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(new Fleet { Name = "North" }, ct);
        var south = (await Store.CreateAsync(new Fleet { Name = "South" }, ct)).Value!;

        var result = await Store.UpdateAsync(south with { Name = "north" }, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        (await Store.GetAsync(south.Id, ct)).ShouldNotBeNull().Name.ShouldBe("South");
    }

    [Fact]
    public async Task UpdateOfAnUnknownFleetIsNotFound()
    {
        var result = await Store.UpdateAsync(new Fleet { Id = 99, Name = "Ghost" }, TestContext.Current.CancellationToken);

        result.Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task DeleteRemovesTheFleetButKeepsItsDevices()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a", "b");
        var fleet = (await Store.CreateAsync(new Fleet { Name = "Lab", DeviceIds = ids }, ct)).Value!;

        var result = await Store.DeleteAsync(fleet.Id, ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        (await Store.GetAsync(fleet.Id, ct)).ShouldBeNull();
        (await _database.Devices.CountAsync(ct)).ShouldBe(2);
        (await _database.Devices.FleetsUsingAsync(ids[0], ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task DeleteOfAnUnknownFleetIsNotFound()
    {
        var result = await Store.DeleteAsync(99, TestContext.Current.CancellationToken);

        result.Status.ShouldBe(StoreStatus.NotFound);
    }

    [Fact]
    public async Task ListSummarisesEachFleetByName()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await CreateDevicesAsync(ct, "a", "b");
        await Store.CreateAsync(new Fleet { Name = "beta", DeviceIds = ids }, ct);
        await Store.CreateAsync(new Fleet { Name = "Alpha", DeviceIds = [ids[1]] }, ct);

        var list = await Store.ListAsync(ct);

        list.Select(f => (f.Name, f.DeviceCount)).ShouldBe([("Alpha", 1), ("beta", 2)]);
    }

    [Fact]
    public async Task GenerateCreatesTheDevicesAndTheFleetInOneGo()
    {
        var ct = TestContext.Current.CancellationToken;
        var settings = new FleetGeneratorSettings { Count = 12, NamePrefix = "gen", Seed = 5 };

        var result = await Store.GenerateAsync(settings, "Generated", "twelve devices", ct);

        result.Status.ShouldBe(StoreStatus.Ok);
        var fleet = result.Value.ShouldNotBeNull();
        fleet.DeviceIds.Count.ShouldBe(12);
        var devices = await Store.GetDevicesAsync(fleet.Id, ct);
        devices.Select(d => d with { Id = 0 }).ShouldBe(FleetGenerator.Generate(settings));
        (await _database.Devices.CountAsync(ct)).ShouldBe(12);
        (await Store.GetAsync(fleet.Id, ct)).ShouldNotBeNull().Description.ShouldBe("twelve devices");
    }

    [Fact]
    public async Task GenerateIsRefusedAndCreatesNothingWhenAGeneratedNameExists()
    {
        var ct = TestContext.Current.CancellationToken;
        await _database.Devices.CreateAsync(DeviceBuilder.Valid("EDGE-03"), ct);

        var result = await Store.GenerateAsync(new FleetGeneratorSettings(), "Paper", "", ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        var error = result.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("namePrefix");
        error.Message.ShouldContain("EDGE-03");
        (await _database.Devices.CountAsync(ct)).ShouldBe(1);
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task GenerateIsRefusedAndCreatesNothingWhenTheFleetNameExists()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(new Fleet { Name = "Paper" }, ct);

        var result = await Store.GenerateAsync(new FleetGeneratorSettings(), "paper", "", ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("name");
        (await _database.Devices.CountAsync(ct)).ShouldBe(0);
        (await Store.CountAsync(ct)).ShouldBe(1);
    }

    [Fact]
    public async Task GenerateWithInvalidSettingsIsRefused()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Store.GenerateAsync(new FleetGeneratorSettings { Count = 0 }, "Empty", "", ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldHaveSingleItem().Field.ShouldBe("count");
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task ImportOfAWrittenFleetIntoAnEmptyDatabaseRecreatesDevicesAndFleet()
    {
        var ct = TestContext.Current.CancellationToken;
        var devices = DeviceBuilder.Awkward();
        var text = FleetJson.Write(new Fleet { Name = "Travelling lab", Description = "moved\nbetween studios" }, devices);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Add, ct);

        rowErrors.ShouldBeEmpty();
        result.Status.ShouldBe(StoreStatus.Ok);
        var fleet = (await Store.GetAsync(result.Value!.Id, ct)).ShouldNotBeNull();
        fleet.Name.ShouldBe("Travelling lab");
        fleet.Description.ShouldBe("moved\nbetween studios");
        (await Store.GetDevicesAsync(fleet.Id, ct)).Select(d => d with { Id = 0 }).ShouldBe(devices);
        (await _database.Devices.CountAsync(ct)).ShouldBe(devices.Count);
    }

    [Fact]
    public async Task ExportedFleetImportsIntoAnotherDatabaseAndExportsIdentically()
    {
        var ct = TestContext.Current.CancellationToken;
        var fleet = (await Store.GenerateAsync(new FleetGeneratorSettings { Seed = 3 }, "Paper", "eight", ct)).Value!;
        var exported = FleetJson.Write(fleet, await Store.GetDevicesAsync(fleet.Id, ct));
        await using var other = await TestDatabase.CreateMigratedAsync(ct);

        var (result, _) = await other.Fleets.ImportAsync(FleetJson.Read(exported), DeviceImportMode.Add, ct);
        var imported = result.Value.ShouldNotBeNull();
        var reexported = FleetJson.Write(imported, await other.Fleets.GetDevicesAsync(imported.Id, ct));

        reexported.ShouldBe(exported);
    }

    [Fact]
    public async Task ImportIsRefusedAndCreatesNothingWhenASameNamedDeviceDiffers()
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = (await _database.Devices.CreateAsync(DeviceBuilder.Valid("pi-2"), ct)).Value!;
        var text = FleetJson.Write(new Fleet { Name = "Lab" },
            [DeviceBuilder.Valid("pi-1"), DeviceBuilder.Valid("pi-2") with { ComputeFlopsPerSecond = 1e9 }]);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Add, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        var error = rowErrors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Name.ShouldBe("pi-2");
        error.Field.ShouldBe(DeviceFields.Name);
        (await _database.Devices.ListAsync(ct)).ShouldBe([stored]);
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task ImportReusesAnIdenticalStoredDevice()
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = (await _database.Devices.CreateAsync(DeviceBuilder.Valid("pi-2"), ct)).Value!;
        var text = FleetJson.Write(new Fleet { Name = "Lab" }, [DeviceBuilder.Valid("pi-1"), DeviceBuilder.Valid("pi-2")]);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Add, ct);

        rowErrors.ShouldBeEmpty();
        var fleet = result.Value.ShouldNotBeNull();
        (await _database.Devices.CountAsync(ct)).ShouldBe(2);
        fleet.DeviceIds.Count.ShouldBe(2);
        fleet.DeviceIds[1].ShouldBe(stored.Id);
        (await _database.Devices.GetAsync(stored.Id, ct)).ShouldBe(stored);
    }

    [Fact]
    public async Task ImportInReplaceModeOverwritesASameNamedDeviceKeepingItsId()
    {
        var ct = TestContext.Current.CancellationToken;
        var stored = (await _database.Devices.CreateAsync(DeviceBuilder.Valid("pi-2"), ct)).Value!;
        var replacement = DeviceBuilder.Valid("pi-2") with { ComputeFlopsPerSecond = 1e9 };
        var text = FleetJson.Write(new Fleet { Name = "Lab" }, [replacement]);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Replace, ct);

        rowErrors.ShouldBeEmpty();
        result.Value.ShouldNotBeNull().DeviceIds.ShouldBe([stored.Id]);
        (await _database.Devices.ListAsync(ct)).ShouldBe([replacement with { Id = stored.Id }]);
    }

    [Fact]
    public async Task ImportIsRefusedWhenTheFleetNameExists()
    {
        var ct = TestContext.Current.CancellationToken;
        await Store.CreateAsync(new Fleet { Name = "Lab" }, ct);
        var text = FleetJson.Write(new Fleet { Name = "LAB" }, [DeviceBuilder.Valid("pi-1")]);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Add, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        rowErrors.ShouldHaveSingleItem().ShouldBe(rowErrors[0] with { Row = 0, Field = "name" });
        (await _database.Devices.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task ImportOfAFileWithABadDeviceCreatesNothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var text = FleetJson.Write(new Fleet { Name = "Lab" },
            [DeviceBuilder.Valid("pi-1"), DeviceBuilder.Valid("pi-2") with { NoReplyProbability = 1 }]);

        var (result, rowErrors) = await Store.ImportAsync(FleetJson.Read(text), DeviceImportMode.Add, ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        rowErrors.ShouldHaveSingleItem().Row.ShouldBe(2);
        (await _database.Devices.CountAsync(ct)).ShouldBe(0);
        (await Store.CountAsync(ct)).ShouldBe(0);
    }

    private async Task<int[]> CreateDevicesAsync(CancellationToken ct, params string[] names)
    {
        var ids = new List<int>();
        foreach (var name in names)
            ids.Add((await _database.Devices.CreateAsync(DeviceBuilder.Valid(name), ct)).Value.ShouldNotBeNull().Id);
        return [.. ids];
    }

    [Fact]
    public async Task ImportLeavesTheCallersFileUntouchedSoItCanBeImportedAgainElsewhere()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = FleetJson.Read(FleetJson.Write(new Fleet { Name = "Lab" }, [DeviceBuilder.Valid("a"), DeviceBuilder.Valid("b")]));
        await using var other = await TestDatabase.CreateMigratedAsync(ct);
        await other.Devices.CreateAsync(DeviceBuilder.Valid("x"), ct);
        await other.Devices.CreateAsync(DeviceBuilder.Valid("y"), ct);

        (await Store.ImportAsync(file, DeviceImportMode.Add, ct)).Result.Status.ShouldBe(StoreStatus.Ok);
        file.Devices.Devices.ShouldAllBe(d => d.Id == 0);
        var second = await other.Fleets.ImportAsync(file, DeviceImportMode.Add, ct);

        second.Result.Status.ShouldBe(StoreStatus.Ok);
        (await other.Devices.CountAsync(ct)).ShouldBe(4);
    }

    [Fact]
    public async Task GeneratorRefusesAPrefixWithAControlCharacterAndStoresNothing()
    {
        var ct = TestContext.Current.CancellationToken;

        var result = await Store.GenerateAsync(new FleetGeneratorSettings { Count = 2, NamePrefix = "a\u0001b" }, "gen", "", ct);

        result.Status.ShouldBe(StoreStatus.Invalid);
        result.Errors.ShouldContain(e => e.Field == "namePrefix");
        (await _database.Devices.CountAsync(ct)).ShouldBe(0);
    }
}

