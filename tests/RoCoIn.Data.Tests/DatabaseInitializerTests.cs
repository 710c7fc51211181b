using Microsoft.EntityFrameworkCore;
using RoCoIn.Data.Seeding;
using RoCoIn.Engine.Devices.Presets;
using RoCoIn.Engine.Fleets;

namespace RoCoIn.Data.Tests;

public class DatabaseInitializerTests
{
    [Fact]
    public async Task MigrationsApplyToANewFileWithoutSeedingWhenNotAsked()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();

        var seeded = await database.Initializer.InitializeAsync(seedDemoContent: false, ct);

        seeded.ShouldBeFalse();
        File.Exists(database.FilePath).ShouldBeTrue();
        await using var db = await database.Contexts.CreateDbContextAsync(ct);
        (await db.Database.GetPendingMigrationsAsync(ct)).ShouldBeEmpty();
        (await db.Database.GetAppliedMigrationsAsync(ct)).ShouldBe(db.Database.GetMigrations());
        var tables = await db.Database.SqlQueryRaw<string>("SELECT name AS Value FROM sqlite_master WHERE type = 'table'").ToListAsync(ct);
        tables.ShouldContain("Devices");
        tables.ShouldContain("Fleets");
        tables.ShouldContain("FleetMembers");
        (await database.Devices.CountAsync(ct)).ShouldBe(0);
        (await database.Fleets.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task InitializeSwitchesTheDatabaseToWriteAheadLogging()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();

        await database.Initializer.InitializeAsync(seedDemoContent: false, ct);

        await using var db = await database.Contexts.CreateDbContextAsync(ct);
        var mode = await db.Database.SqlQueryRaw<string>("SELECT journal_mode AS Value FROM pragma_journal_mode()").ToListAsync(ct);
        mode.ShouldHaveSingleItem().ShouldBe("wal");
    }

    [Fact]
    public async Task SecondInitializeOfTheSameFileDoesNotSeed()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();
        await database.Initializer.InitializeAsync(seedDemoContent: false, ct);

        var seeded = await database.Initializer.InitializeAsync(seedDemoContent: true, ct);

        seeded.ShouldBeFalse();
        (await database.Devices.CountAsync(ct)).ShouldBe(0);
        (await database.Fleets.CountAsync(ct)).ShouldBe(0);
    }

    [Fact]
    public async Task SeedingIsDoneOnceEvenWhenAskedAgain()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();
        (await database.Initializer.InitializeAsync(seedDemoContent: true, ct)).ShouldBeTrue();

        var seededAgain = await database.Initializer.InitializeAsync(seedDemoContent: true, ct);

        seededAgain.ShouldBeFalse();
        (await database.Devices.CountAsync(ct)).ShouldBe(8 + DemoContent.PresetDevices.Count);
        (await database.Fleets.CountAsync(ct)).ShouldBe(2);
    }

    [Fact]
    public async Task NewDatabaseIsSeededWithThePaperFleet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();

        var seeded = await database.Initializer.InitializeAsync(seedDemoContent: true, ct);

        seeded.ShouldBeTrue();
        var paper = (await database.Fleets.ListAsync(ct)).Single(f => f.Name == DemoContent.PaperFleetName);
        paper.DeviceCount.ShouldBe(8);
        var devices = await database.Fleets.GetDevicesAsync(paper.Id, ct);
        devices.Select(d => d.Name).ShouldBe(
            ["paper-01", "paper-02", "paper-03", "paper-04", "paper-05", "paper-06", "paper-07", "paper-08"]);
        devices.Select(d => d with { Id = 0 }).ShouldBe(FleetGenerator.Generate(DemoContent.PaperSettings));
        devices.ShouldAllBe(d => d.ComputeFlopsPerSecond >= 5e6 && d.ComputeFlopsPerSecond <= 30e6);
        devices.ShouldAllBe(d => d.UplinkBitsPerSecond >= 0.5e6 && d.UplinkBitsPerSecond <= 1e6);
    }

    [Fact]
    public async Task NewDatabaseIsSeededWithTheMixedPresetFleet()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var database = TestDatabase.CreateEmpty();

        await database.Initializer.InitializeAsync(seedDemoContent: true, ct);

        var mixed = (await database.Fleets.ListAsync(ct)).Single(f => f.Name == DemoContent.MixedFleetName);
        var devices = await database.Fleets.GetDevicesAsync(mixed.Id, ct);
        devices.Select(d => d.Name).ShouldBe(["mcu-01", "mcu-02", "pi3-01", "pi4-01", "nano-01", "phone-01"]);
        devices.Select(d => d.HardwareClass).ShouldBe(
            DemoContent.PresetDevices.Select(p => DevicePresetCatalogue.Find(p.Preset)!.HardwareClass));
    }

    [Fact]
    public async Task SeedingIsDeterministic()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var first = TestDatabase.CreateEmpty();
        await using var second = TestDatabase.CreateEmpty();

        await first.Initializer.InitializeAsync(seedDemoContent: true, ct);
        await second.Initializer.InitializeAsync(seedDemoContent: true, ct);

        (await second.Devices.ListAsync(ct)).ShouldBe(await first.Devices.ListAsync(ct));
        var firstFleets = await first.Fleets.ListAsync(ct);
        var secondFleets = await second.Fleets.ListAsync(ct);
        secondFleets.Select(f => (f.Id, f.Name, f.Description, f.DeviceCount))
            .ShouldBe(firstFleets.Select(f => (f.Id, f.Name, f.Description, f.DeviceCount)));
        foreach (var fleet in firstFleets)
        {
            var a = (await first.Fleets.GetAsync(fleet.Id, ct)).ShouldNotBeNull();
            var b = (await second.Fleets.GetAsync(fleet.Id, ct)).ShouldNotBeNull();
            b.DeviceIds.ShouldBe(a.DeviceIds);
        }
    }
}
