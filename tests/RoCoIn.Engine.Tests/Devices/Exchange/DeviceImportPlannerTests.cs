using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Devices.Exchange;

public class DeviceImportPlannerTests
{
    [Fact]
    public void AddModeCreatesEveryNewDeviceUnstored()
    {
        var file = Read(DeviceBuilder.Valid("a"), DeviceBuilder.Valid("b"));
        DeviceProfile[] stored = [DeviceBuilder.Valid("c", id: 1)];

        var plan = DeviceImportPlanner.Plan(file, stored, DeviceImportMode.Add);

        plan.IsValid.ShouldBeTrue();
        plan.Creates.Select(d => d.Name).ShouldBe(["a", "b"]);
        plan.Creates.ShouldAllBe(d => d.Id == 0);
        plan.Updates.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("edge-02")]
    [InlineData("EDGE-02")]
    public void AddModeWithAStoredNameIsAnErrorAndPlansNothing(string storedName)
    {
        var file = Read(DeviceBuilder.Valid("edge-01"), DeviceBuilder.Valid("edge-02"));
        DeviceProfile[] stored = [DeviceBuilder.Valid(storedName, id: 5)];

        var plan = DeviceImportPlanner.Plan(file, stored, DeviceImportMode.Add);

        plan.IsValid.ShouldBeFalse();
        plan.Creates.ShouldBeEmpty();
        plan.Updates.ShouldBeEmpty();
        var error = plan.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Name.ShouldBe("edge-02");
        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain($"'{storedName}' already exists");
        error.Message.ShouldContain("replace mode");
    }

    [Fact]
    public void ReplaceModeUpdatesAStoredDeviceCarryingItsIdAndCreatesTheRest()
    {
        var replacement = DeviceBuilder.Valid("Edge-01") with { ComputeFlopsPerSecond = 42e9 };
        var file = Read(replacement, DeviceBuilder.Valid("edge-09"));
        DeviceProfile[] stored = [DeviceBuilder.Valid("edge-01", id: 17), DeviceBuilder.Valid("other", id: 18)];

        var plan = DeviceImportPlanner.Plan(file, stored, DeviceImportMode.Replace);

        plan.IsValid.ShouldBeTrue();
        plan.Updates.ShouldHaveSingleItem().ShouldBe(replacement with { Id = 17 });
        plan.Creates.ShouldHaveSingleItem().Name.ShouldBe("edge-09");
    }

    [Fact]
    public void EmptyFileIsAnError()
    {
        var file = DeviceCsv.Read(DeviceCsv.Write([]));

        var plan = DeviceImportPlanner.Plan(file, [], DeviceImportMode.Add);

        var error = plan.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("no devices");
    }

    [Fact]
    public void FileWithARowErrorPlansNothingEvenInReplaceMode()
    {
        var text = DeviceCsv.Write([DeviceBuilder.Valid("good"), DeviceBuilder.Valid("bad")])
            .Replace("bad,Raspberry Pi 4,10000000000", "bad,Raspberry Pi 4,-1", StringComparison.Ordinal);
        var file = DeviceCsv.Read(text);

        var plan = DeviceImportPlanner.Plan(file, [], DeviceImportMode.Replace);

        plan.Creates.ShouldBeEmpty();
        plan.Updates.ShouldBeEmpty();
        var error = plan.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Field.ShouldBe("compute_flops_per_s");
    }

    [Fact]
    public void ErrorsFromTheFileAndFromStoredNamesAreReportedTogetherInRowOrder()
    {
        var text = DeviceCsv.Write([DeviceBuilder.Valid("taken"), DeviceBuilder.Valid("bad")])
            .Replace("bad,Raspberry Pi 4,10000000000", "bad,Raspberry Pi 4,fast", StringComparison.Ordinal);
        var file = DeviceCsv.Read(text);
        DeviceProfile[] stored = [DeviceBuilder.Valid("TAKEN", id: 1)];

        var plan = DeviceImportPlanner.Plan(file, stored, DeviceImportMode.Add);

        plan.Errors.Select(e => (e.Row, e.Field)).ShouldBe([(1, DeviceFields.Name), (2, "compute_flops_per_s")]);
    }

    private static DeviceFileReadResult Read(params DeviceProfile[] devices)
    {
        var file = DeviceCsv.Read(DeviceCsv.Write(devices));
        file.Errors.ShouldBeEmpty();
        return file;
    }
}
