using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Fleets.Exchange;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Fleets.Exchange;

public class FleetJsonTests
{
    [Fact]
    public void WriteThenReadGivesBackTheFleetAndItsDevices()
    {
        var fleet = new Fleet { Name = "Lab, \"north\" wing", Description = "Mixed\nhardware — ✓" };
        var devices = DeviceBuilder.Awkward();

        var file = FleetJson.Read(FleetJson.Write(fleet, devices));

        file.Devices.Errors.ShouldBeEmpty();
        file.Name.ShouldBe(fleet.Name);
        file.Description.ShouldBe(fleet.Description);
        file.Devices.Devices.ShouldBe(devices);
        file.Devices.Rows.ShouldBe([1, 2, 3, 4, 5]);
    }

    [Fact]
    public void WriteLeavesIdsOutSoAnotherStudioAssignsItsOwn()
    {
        var fleet = new Fleet { Id = 9, Name = "Lab", DeviceIds = [4] };

        var text = FleetJson.Write(fleet, [DeviceBuilder.Valid("edge-01", id: 4)]);

        text.ShouldNotContain("\"id\"");
        FleetJson.Read(text).Devices.Devices.ShouldHaveSingleItem().Id.ShouldBe(0);
    }

    [Fact]
    public void WriteOfReadIsByteIdentical()
    {
        var written = FleetJson.Write(new Fleet { Name = "Lab", Description = "d" }, DeviceBuilder.Awkward());
        var file = FleetJson.Read(written);

        var rewritten = FleetJson.Write(new Fleet { Name = file.Name!, Description = file.Description }, file.Devices.Devices);

        rewritten.ShouldBe(written);
    }

    [Fact]
    public void WrittenFileNamesItsFormatAndVersion()
    {
        var text = FleetJson.Write(new Fleet { Name = "Lab" }, []);

        text.ShouldStartWith("{\n  \"format\": \"rocoin-fleet\",\n  \"version\": 1,");
        text.ShouldEndWith("}\n");
    }

    [Theory]
    [InlineData("""{"format":"rocoin-devices","version":1,"name":"Lab","devices":[]}""")]
    [InlineData("""{"version":1,"name":"Lab","devices":[]}""")]
    [InlineData("""{"format":3,"version":1,"name":"Lab","devices":[]}""")]
    public void WrongOrMissingFormatIsAFileError(string json)
    {
        var file = FleetJson.Read(json);

        var error = file.Devices.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("rocoin-fleet");
        file.Name.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"format":"rocoin-fleet","version":2,"name":"Lab","devices":[]}""")]
    [InlineData("""{"format":"rocoin-fleet","version":0,"name":"Lab","devices":[]}""")]
    [InlineData("""{"format":"rocoin-fleet","name":"Lab","devices":[]}""")]
    public void WrongOrMissingVersionIsAFileError(string json)
    {
        var file = FleetJson.Read(json);

        var error = file.Devices.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("\"version\" must be 1");
    }

    [Fact]
    public void InvalidJsonIsAFileErrorWithLineAndPosition()
    {
        var file = FleetJson.Read("{\n  \"format\": \"rocoin-fleet\",\n  oops\n}");

        var error = file.Devices.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("line 3");
    }

    [Fact]
    public void ArrayInsteadOfObjectIsAFileError()
    {
        var file = FleetJson.Read("[]");

        file.Devices.Errors.ShouldHaveSingleItem().Field.ShouldBe("file");
    }

    [Fact]
    public void MissingNameIsAnErrorOfRowZero()
    {
        var file = FleetJson.Read("""{"format":"rocoin-fleet","version":1,"devices":[]}""");

        var error = file.Devices.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Field.ShouldBe("name");
        file.Name.ShouldBeNull();
    }

    [Fact]
    public void MissingDevicesArrayIsAnError()
    {
        var file = FleetJson.Read("""{"format":"rocoin-fleet","version":1,"name":"Lab"}""");

        file.Name.ShouldBe("Lab");
        file.Devices.Errors.ShouldHaveSingleItem().Field.ShouldBe("devices");
    }

    [Fact]
    public void BadDeviceIsReportedByRowAndGoodDevicesAreKept()
    {
        var text = FleetJson.Write(new Fleet { Name = "Lab" },
            [DeviceBuilder.Valid("good"), DeviceBuilder.Valid("bad") with { ComputeFlopsPerSecond = -1 }]);

        var file = FleetJson.Read(text);

        var error = file.Devices.Errors.ShouldHaveSingleItem();
        error.ShouldBe(error with { Row = 2, Name = "bad", Field = "computeFlopsPerSecond" });
        file.Devices.Devices.ShouldHaveSingleItem().Name.ShouldBe("good");
        file.Devices.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void DuplicateDeviceNamesInTheFleetAreAnError()
    {
        var text = FleetJson.Write(new Fleet { Name = "Lab" }, [DeviceBuilder.Valid("pi"), DeviceBuilder.Valid("PI")]);

        var error = FleetJson.Read(text).Devices.Errors.ShouldHaveSingleItem();

        error.Row.ShouldBe(2);
        error.Message.ShouldContain("row 1");
    }

    [Fact]
    public void ReadResultIsAFleetFileWithAReadableDeviceResult()
    {
        var file = FleetJson.Read(FleetJson.Write(new Fleet { Name = "Lab" }, [DeviceBuilder.Valid()]));

        file.ShouldBeOfType<FleetFile>().Devices.ShouldBeOfType<DeviceFileReadResult>().IsValid.ShouldBeTrue();
    }

    [Fact]
    public void VersionGivenAsAStringIsAFileErrorNotAnException()
    {
        var file = FleetJson.Read("""{"format":"rocoin-fleet","version":"1","name":"x","devices":[]}""");

        file.Devices.Errors.ShouldHaveSingleItem().Message.ShouldContain("\"version\" must be 1");
    }
}

