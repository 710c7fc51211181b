using System.Text;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Devices.Exchange;

public class DeviceCsvTests
{
    private const string Header =
        "name,hardware_class,compute_flops_per_s,memory_bytes,uplink_bits_per_s,downlink_bits_per_s,link_latency_s,no_reply_probability,mtbf_s,mttr_s,notes";

    [Fact]
    public void WriteThenReadGivesBackEveryDeviceExactly()
    {
        var devices = DeviceBuilder.Awkward().Append(DeviceBuilder.Crashing()).ToList();

        var read = DeviceCsv.Read(DeviceCsv.Write(devices));

        read.Errors.ShouldBeEmpty();
        read.Devices.ShouldBe(devices);
        read.Rows.ShouldBe([1, 2, 3, 4, 5, 6]);
    }

    [Fact]
    public void WriteOfReadIsByteIdentical()
    {
        var written = DeviceCsv.Write(DeviceBuilder.Awkward());

        var rewritten = DeviceCsv.Write(DeviceCsv.Read(written).Devices);

        rewritten.ShouldBe(written);
    }

    [Fact]
    public void WriteStartsWithTheHeaderAndUsesShortestRoundTripNumbers()
    {
        var device = DeviceBuilder.Valid("pi") with { ComputeFlopsPerSecond = 0.1 + 0.2, LinkLatencySeconds = 1e-7 };

        var text = DeviceCsv.Write([device]);

        text.ShouldBe(Header + "\n" + "pi,Raspberry Pi 4,0.30000000000000004,1000000000,100000000,100000000,1E-07,0.01,,,\n");
    }

    [Fact]
    public void WriteQuotesTextWithCommasQuotesLineBreaksAndOuterSpaces()
    {
        var device = DeviceBuilder.Valid("a, \"b\"") with { HardwareClass = "x\ny", Notes = " padded " };

        var text = DeviceCsv.Write([device]);

        text.ShouldContain("\"a, \"\"b\"\"\",\"x\ny\",");
        text.ShouldEndWith(",\" padded \"\n");
    }

    [Fact]
    public void WriteOfNoDevicesIsJustTheHeader()
    {
        DeviceCsv.Write([]).ShouldBe(Header + "\n");
    }

    [Fact]
    public void ReadAcceptsCrLfLineEndsAByteOrderMarkAndBlankLines()
    {
        var text = "\uFEFF" + Header + "\r\n" + Row("pi-1") + "\r\n\r\n" + Row("pi-2") + "\r\n";

        var read = DeviceCsv.Read(text);

        read.Errors.ShouldBeEmpty();
        read.Devices.Select(d => d.Name).ShouldBe(["pi-1", "pi-2"]);
    }

    [Fact]
    public void ReadAcceptsAFileWithoutOptionalColumnsAndInAnyColumnOrder()
    {
        var text = "memory_bytes,name,compute_flops_per_s,hardware_class,uplink_bits_per_s,downlink_bits_per_s,no_reply_probability,link_latency_s\n" +
            "2000000,mcu-1,30000000,MCU,1000000,1000000,0.05,0.01\n";

        var read = DeviceCsv.Read(text);

        read.Errors.ShouldBeEmpty();
        read.Devices.ShouldHaveSingleItem().ShouldBe(new DeviceProfile
        {
            Name = "mcu-1", HardwareClass = "MCU", ComputeFlopsPerSecond = 30e6, MemoryBytes = 2_000_000,
            UplinkBitsPerSecond = 1e6, DownlinkBitsPerSecond = 1e6, LinkLatencySeconds = 0.01, NoReplyProbability = 0.05,
        });
    }

    [Fact]
    public void UnknownColumnIsAHeaderErrorNamingIt()
    {
        var text = Header + ",colour\n" + Row("pi-1") + ",red\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Field.ShouldBe("header");
        error.Message.ShouldContain("Unknown column 'colour'");
        read.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void MissingRequiredColumnIsAHeaderErrorNamingIt()
    {
        var text = Header.Replace("compute_flops_per_s,", "", StringComparison.Ordinal) + "\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("header");
        error.Message.ShouldContain("Required column 'compute_flops_per_s' is missing");
    }

    [Fact]
    public void DuplicateColumnIsAHeaderErrorNamingIt()
    {
        var text = Header + ",notes\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("header");
        error.Message.ShouldContain("Column 'notes' appears 2 times");
    }

    [Fact]
    public void OneBadRowIsReportedByRowNameAndFieldAndTheOtherRowsAreKept()
    {
        var text = Header + "\n" + Row("pi-1") + "\n" + Row("pi-2", compute: "-5") + "\n" + Row("pi-3") + "\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Name.ShouldBe("pi-2");
        error.Field.ShouldBe("compute_flops_per_s");
        error.ToString().ShouldStartWith("Row 2 ('pi-2'), compute_flops_per_s: Compute must be greater than zero");
        read.Devices.Select(d => d.Name).ShouldBe(["pi-1", "pi-3"]);
        read.Rows.ShouldBe([1, 3]);
        read.IsValid.ShouldBeFalse();
    }

    [Fact]
    public void RowWithTheWrongNumberOfCellsIsAnErrorOnTheRow()
    {
        var text = Header + "\n" + Row("pi-1") + "\n" + "pi-2,Pi,1e9\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(2);
        error.Name.ShouldBe("pi-2");
        error.Field.ShouldBe("row");
        error.Message.ShouldContain("Has 3 cells, but the header has 11 columns");
        read.Devices.ShouldHaveSingleItem().Name.ShouldBe("pi-1");
    }

    [Fact]
    public void NonNumericCellIsAnErrorQuotingTheCell()
    {
        var text = Header + "\n" + Row("pi-1", compute: "fast") + "\n";

        var error = DeviceCsv.Read(text).Errors.ShouldHaveSingleItem();

        error.ShouldBe(error with { Row = 1, Name = "pi-1", Field = "compute_flops_per_s" });
        error.Message.ShouldBe("Column compute_flops_per_s must be a number with '.' as decimal point (got 'fast').");
    }

    [Theory]
    [InlineData("NaN")]
    [InlineData("Infinity")]
    [InlineData("-Infinity")]
    public void NonFiniteCellsAreRejected(string cell)
    {
        var text = Header + "\n" + Row("pi-1", compute: cell) + "\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("compute_flops_per_s");
        error.Message.ShouldContain("finite");
        read.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void NonFiniteOptionalCellIsRejected()
    {
        var text = Header + "\n" + Row("pi-1", mtbf: "NaN", mttr: "60") + "\n";

        DeviceCsv.Read(text).Errors.ShouldHaveSingleItem().Field.ShouldBe("mtbf_s");
    }

    [Fact]
    public void CommaAsDecimalSeparatorIsRejected()
    {
        var text = Header + "\n" + Row("pi-1", latency: "\"0,5\"") + "\n";

        var error = DeviceCsv.Read(text).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("link_latency_s");
        error.Message.ShouldContain("'.' as decimal point (got '0,5')");
    }

    [Theory]
    [InlineData("1.5")]
    [InlineData("1e6")]
    [InlineData("")]
    [InlineData("lots")]
    public void MemoryMustBeAWholeNumber(string cell)
    {
        var text = Header + "\n" + Row("pi-1", memory: cell) + "\n";

        var error = DeviceCsv.Read(text).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("memory_bytes");
        error.Message.ShouldContain("whole number of bytes");
    }

    [Fact]
    public void EmptyRequiredNumberIsAnError()
    {
        var text = Header + "\n" + Row("pi-1", compute: "") + "\n";

        DeviceCsv.Read(text).Errors.ShouldHaveSingleItem().Field.ShouldBe("compute_flops_per_s");
    }

    [Fact]
    public void MtbfWithoutMttrIsAnError()
    {
        var text = Header + "\n" + Row("pi-1", mtbf: "3600") + "\n";

        DeviceCsv.Read(text).Errors.ShouldHaveSingleItem().Field.ShouldBe("mttr_s");
    }

    [Fact]
    public void UnclosedQuoteIsAFileErrorNamingTheLine()
    {
        var text = Header + "\n" + Row("pi-1") + "\n" + "\"pi-2,Pi,1e9\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(0);
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("Line 3");
        error.Message.ShouldContain("never closed");
        read.Devices.ShouldBeEmpty();
    }

    [Fact]
    public void TextAfterAClosingQuoteIsAFileError()
    {
        var text = Header + "\n" + "\"pi\"x" + Row("pi-1")[4..] + "\n";

        var error = DeviceCsv.Read(text).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("file");
        error.Message.ShouldContain("after a closing quote");
    }

    [Theory]
    [InlineData("")]
    [InlineData("\n\n")]
    [InlineData("\uFEFF")]
    public void EmptyFileIsAFileError(string text)
    {
        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("empty");
    }

    [Fact]
    public void HeaderOnlyFileHasNoDevicesAndNoErrors()
    {
        var read = DeviceCsv.Read(Header + "\n");

        read.Devices.ShouldBeEmpty();
        read.Errors.ShouldBeEmpty();
    }

    [Fact]
    public void DuplicateNameIgnoringCaseIsAnErrorOnTheLaterRowNamingTheFirst()
    {
        var text = Header + "\n" + Row("pi-1") + "\n" + Row("other") + "\n" + Row("PI-1") + "\n";

        var read = DeviceCsv.Read(text);

        var error = read.Errors.ShouldHaveSingleItem();
        error.Row.ShouldBe(3);
        error.Name.ShouldBe("PI-1");
        error.Field.ShouldBe("name");
        error.Message.ShouldContain("row 1 has it already");
    }

    [Fact]
    public void NameWithLeadingSpacesIsAnError()
    {
        var text = Header + "\n" + Row("\" pi-1\"") + "\n";

        var error = DeviceCsv.Read(text).Errors.ShouldHaveSingleItem();

        error.Field.ShouldBe("name");
        error.Message.ShouldContain("spaces");
    }

    [Fact]
    public void EveryBadRowIsReportedInRowOrder()
    {
        var text = Header + "\n" + Row("a", compute: "x") + "\n" + Row("b") + "\n" + Row("c", probability: "1") + "\n";

        var read = DeviceCsv.Read(text);

        read.Errors.Select(e => (e.Row, e.Field)).ShouldBe([(1, "compute_flops_per_s"), (3, "no_reply_probability")]);
        read.Devices.ShouldHaveSingleItem().Name.ShouldBe("b");
    }

    [Fact]
    public void TooManyRowsIsAFileError()
    {
        var text = new StringBuilder(Header).Append('\n');
        for (var i = 0; i <= DeviceCsv.MaxRows; i++)
            text.Append(Row($"d-{i}")).Append('\n');

        var read = DeviceCsv.Read(text.ToString());

        var error = read.Errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("file");
        error.Message.ShouldContain("10001 rows");
    }

    private static string Row(string name, string compute = "1000000000", string memory = "500000", string latency = "0.001",
        string probability = "0.01", string mtbf = "", string mttr = "") =>
        $"{name},Pi,{compute},{memory},1000000,2000000,{latency},{probability},{mtbf},{mttr},";
}
