using System.Text.Json;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Devices.Exchange;

public class DeviceJsonTests
{
    [Fact]
    public void WriteThenReadGivesBackEveryDeviceExactly()
    {
        var devices = DeviceBuilder.Awkward().Append(DeviceBuilder.Crashing()).ToList();

        var read = DeviceJson.Read(DeviceJson.Write(devices));

        read.Errors.ShouldBeEmpty();
        read.Devices.ShouldBe(devices);
        read.Rows.ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void WriteOfReadIsByteIdentical()
    {
        var written = DeviceJson.Write(DeviceBuilder.Awkward());

        var rewritten = DeviceJson.Write(DeviceJson.Read(written).Devices);

        rewritten.ShouldBe(written);
    }

    [Fact]
    public void WriteUsesTheApiFieldNamesLeavesIdsOutAndKeepsUnicodeReadable()
    {
        var device = DeviceBuilder.Valid("Knoten-東京", id: 12) with { ComputeFlopsPerSecond = 0.1 + 0.2 };

        var text = DeviceJson.Write([device]);

        text.ShouldStartWith("{\n  \"format\": \"rocoin-devices\",\n  \"version\": 1,\n  \"devices\": [");
        text.ShouldContain("\"name\": \"Knoten-東京\"");
        text.ShouldContain("\"computeFlopsPerSecond\": 0.30000000000000004");
        text.ShouldContain("\"mtbfSeconds\": null");
        text.ShouldNotContain("\"id\"");
        text.ShouldEndWith("}\n");
    }

    [Fact]
    public void BareArrayOfDevicesIsAccepted()
    {
        var text = """[{"name":"pi","hardwareClass":"Pi","computeFlopsPerSecond":1e9,"memoryBytes":500000,"uplinkBitsPerSecond":1e6,"downlinkBitsPerSecond":2e6,"linkLatencySeconds":0.001,"noReplyProbability":0.01}]""";

        var read = DeviceJson.Read(text);

        read.Errors.ShouldBeEmpty();
        read.Devices.ShouldHaveSingleItem().ShouldBe(new DeviceProfile
        {
            Name = "pi", HardwareClass = "Pi", ComputeFlopsPerSecond = 1e9, MemoryBytes = 500_000,
            UplinkBitsPerSecond = 1e6, DownlinkBitsPerSecond = 2e6, LinkLatencySeconds = 0.001, NoReplyProbability = 0.01,
        });
    }

    [Fact]
    public void ObjectWithoutFormatAndVersionIsAccepted()
    {
        var read = DeviceJson.Read($$"""{"devices":[{{Device()}}]}""");

        read.Errors.ShouldBeEmpty();
        read.Devices.ShouldHaveSingleItem().Name.ShouldBe("pi");
    }

    [Fact]
    public void IdMemberIsIgnored()
    {
        var read = DeviceJson.Read($$"""[{{Device(extra: "\"id\": 42")}}]""");

        read.Devices.ShouldHaveSingleItem().Id.ShouldBe(0);
    }

    [Fact]
    public void InvalidJsonIsAFileErrorWithLineAndPosition()
    {
        var read = DeviceJson.Read("{\n  \"devices\": [\n    {\"name\": \"pi\",, }\n  ]\n}");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Field.ShouldBe("file");
        error.Message.ShouldStartWith("Not valid JSON at line 3, position ");
        read.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void StringWhereANumberBelongsIsAnErrorNamingTheField()
    {
        var read = DeviceJson.Read($$"""[{{Device(compute: "\"fast\"")}}]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(1);
        error.Name.ShouldBe("pi");
        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldBe("Must be a number, got a string \"fast\".");
    }

    [Fact]
    public void NumberWhereAStringBelongsIsAnErrorNamingTheField()
    {
        var read = DeviceJson.Read($$"""[{{Device(hardwareClass: "7")}}]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(DeviceFields.HardwareClass);
        error.Message.ShouldContain("got a number");
    }

    [Fact]
    public void NumberTooLargeForADoubleIsRejectedAsOutOfRange()
    {
        var read = DeviceJson.Read($$"""[{{Device(compute: "1e400")}}]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("1e400 is out of range");
    }

    [Fact]
    public void UnknownFieldIsRejected()
    {
        var read = DeviceJson.Read($$"""[{{Device(extra: "\"colour\": \"red\"")}}]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("colour");
        error.Message.ShouldContain("Unknown field");
        read.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void MissingRequiredFieldIsReported()
    {
        var text = """[{"name":"pi","hardwareClass":"Pi","memoryBytes":500000,"uplinkBitsPerSecond":1e6,"downlinkBitsPerSecond":2e6,"linkLatencySeconds":0.001,"noReplyProbability":0.01}]""";

        var error = DeviceJson.Read(text).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("required");
    }

    [Fact]
    public void MissingFieldsAreReportedAlongsideATypeError()
    {
        var text = """[{"name":"pi","hardwareClass":5}]""";

        var fields = DeviceJson.Read(text).Errors.Select(e => e.Field).ToList();

        fields.ShouldContain(DeviceFields.HardwareClass);
        fields.ShouldContain(DeviceFields.ComputeFlopsPerSecond);
        fields.ShouldContain(DeviceFields.NoReplyProbability);
        fields.ShouldNotContain(DeviceFields.Name);
        fields.ShouldNotContain(DeviceFields.MtbfSeconds);
    }

    [Fact]
    public void NullForARequiredNumberIsAnError()
    {
        var error = DeviceJson.Read($$"""[{{Device(compute: "null")}}]""").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("got null");
    }

    [Fact]
    public void NullNotesReadAsEmpty()
    {
        var read = DeviceJson.Read($$"""[{{Device(extra: "\"notes\": null")}}]""");

        read.Devices.ShouldHaveSingleItem().Notes.ShouldBe("");
    }

    [Theory]
    [InlineData("\"rocoin-fleet\"")]
    [InlineData("\"devices\"")]
    [InlineData("1")]
    public void WrongFormatIsAFileError(string format)
    {
        var read = DeviceJson.Read($$"""{"format":{{format}},"version":1,"devices":[{{Device()}}]}""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("rocoin-devices");
        read.Devices.ShouldBeEmpty();
    }

    [Theory]
    [InlineData("2")]
    [InlineData("\"1\"")]
    [InlineData("1.5")]
    public void WrongVersionIsAFileError(string version)
    {
        var read = DeviceJson.Read($$"""{"format":"rocoin-devices","version":{{version}},"devices":[]}""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("\"version\" must be 1");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("500000.5")]
    [InlineData("1e30")]
    [InlineData("-0.1")]
    public void FractionalOrOversizedMemoryIsRejected(string memory)
    {
        var error = DeviceJson.Read($$"""[{{Device(memory: memory)}}]""").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe(DeviceFields.MemoryBytes);
        error.Message.ShouldContain("whole number of bytes");
    }

    [Fact]
    public void MissingDevicesArrayIsAFileError()
    {
        var error = DeviceJson.Read("""{"format":"rocoin-devices","version":1}""").Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("file");
        error.Message.ShouldContain("\"devices\" array");
    }

    [Theory]
    [InlineData("\"text\"", "a string")]
    [InlineData("42", "a number")]
    [InlineData("null", "null")]
    public void RootThatIsNeitherObjectNorArrayIsAFileError(string json, string described)
    {
        var error = DeviceJson.Read(json).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("file");
        error.Message.ShouldContain(described);
    }

    [Fact]
    public void ArrayElementThatIsNotAnObjectIsAnErrorOnItsRow()
    {
        var read = DeviceJson.Read($$"""[{{Device()}}, 17]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Field.ShouldBe("device");
        read.Devices.ShouldHaveSingleItem();
    }

    [Fact]
    public void OneBadDeviceIsReportedByRowAndTheOthersAreKept()
    {
        var text = $$"""[{{Device("a")}}, {{Device("b", probability: "1")}}, {{Device("c")}}]""";

        var read = DeviceJson.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.ShouldBe(error with { Row = 2, Name = "b", Field = DeviceFields.NoReplyProbability });
        read.Devices.Select(d => d.Name).ShouldBe(["a", "c"]);
        read.Rows.ShouldBe([1, 3]);
    }

    [Fact]
    public void DuplicateNameIgnoringCaseIsAnErrorOnTheLaterRow()
    {
        var read = DeviceJson.Read($$"""[{{Device("Pi")}}, {{Device("pI")}}]""");

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain("row 1");
    }

    [Fact]
    public void ReadDeviceReadsASingleRequestBody()
    {
        using var document = JsonDocument.Parse(Device("solo"));

        var (device, errors) = DeviceJson.ReadDevice(document.RootElement);

        errors.ShouldBeEmpty();
        device.ShouldNotBeNull().Name.ShouldBe("solo");
    }

    private static string Device(string name = "pi", string compute = "1e9", string memory = "500000", string probability = "0.01",
        string hardwareClass = "\"Pi\"", string? extra = null) =>
        $$"""{"name":"{{name}}","hardwareClass":{{hardwareClass}},"computeFlopsPerSecond":{{compute}},"memoryBytes":{{memory}},"uplinkBitsPerSecond":1e6,"downlinkBitsPerSecond":2e6,"linkLatencySeconds":0.001,"noReplyProbability":{{probability}},"mtbfSeconds":null,"mttrSeconds":null{{(extra is null ? "" : "," + extra)}}}""";
}
