using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Tests.Builders;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Tests.Devices;

public class DeviceProfileValidatorTests
{
    [Fact]
    public void ValidProfileHasNoErrors()
    {
        var device = DeviceBuilder.Valid();

        var errors = DeviceProfileValidator.Validate(device);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void ValidProfileWithMtbfAndMttrHasNoErrors()
    {
        var errors = DeviceProfileValidator.Validate(DeviceBuilder.Crashing());

        errors.ShouldBeEmpty();
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(-1e9)]
    public void NonPositiveComputeIsAnErrorOnCompute(double compute)
    {
        var device = DeviceBuilder.Valid() with { ComputeFlopsPerSecond = compute };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("greater than zero");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonFiniteComputeIsAnErrorOnCompute(double compute)
    {
        var device = DeviceBuilder.Valid() with { ComputeFlopsPerSecond = compute };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("finite");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    public void NonPositiveMemoryIsAnErrorOnMemory(long memory)
    {
        var device = DeviceBuilder.Valid() with { MemoryBytes = memory };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MemoryBytes);
        error.Message.ShouldContain("greater than zero");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonPositiveOrNonFiniteUplinkIsAnErrorOnUplink(double rate)
    {
        var device = DeviceBuilder.Valid() with { UplinkBitsPerSecond = rate };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.UplinkBitsPerSecond);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void NonPositiveOrNonFiniteDownlinkIsAnErrorOnDownlink(double rate)
    {
        var device = DeviceBuilder.Valid() with { DownlinkBitsPerSecond = rate };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.DownlinkBitsPerSecond);
    }

    [Fact]
    public void ComputeAboveTheLimitSaysTheLimitAndHowManyTimesOverItIs()
    {
        var device = DeviceBuilder.Valid() with { ComputeFlopsPerSecond = 2 * DeviceLimits.MaxComputeFlopsPerSecond };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.ComputeFlopsPerSecond);
        error.Message.ShouldContain("at most 1 PFLOPS");
        error.Message.ShouldContain("2× the limit");
    }

    [Fact]
    public void MemoryAboveTheLimitSaysTheLimitAndHowManyTimesOverItIs()
    {
        var device = DeviceBuilder.Valid() with { MemoryBytes = 3 * DeviceLimits.MaxMemoryBytes };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MemoryBytes);
        error.Message.ShouldContain("at most 1 TB");
        error.Message.ShouldContain("3× the limit");
    }

    [Fact]
    public void UplinkAboveTheLimitSaysTheLimitAndHowManyTimesOverItIs()
    {
        // 1e6 times the limit: a rate typed in bit/s where Mbps was meant, or the other way round.
        var device = DeviceBuilder.Valid() with { UplinkBitsPerSecond = DeviceLimits.MaxLinkBitsPerSecond * 1e6 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.UplinkBitsPerSecond);
        error.Message.ShouldContain("at most 400 Gbps");
        error.Message.ShouldContain("1000000× the limit");
    }

    [Fact]
    public void DownlinkAboveTheLimitSaysTheLimitAndHowManyTimesOverItIs()
    {
        var device = DeviceBuilder.Valid() with { DownlinkBitsPerSecond = 1.5 * DeviceLimits.MaxLinkBitsPerSecond };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.DownlinkBitsPerSecond);
        error.Message.ShouldContain("at most 400 Gbps");
        error.Message.ShouldContain("1.5× the limit");
    }

    [Fact]
    public void ValuesExactlyAtTheLimitsAreValid()
    {
        var device = DeviceBuilder.Valid() with
        {
            ComputeFlopsPerSecond = DeviceLimits.MaxComputeFlopsPerSecond,
            MemoryBytes = DeviceLimits.MaxMemoryBytes,
            UplinkBitsPerSecond = DeviceLimits.MaxLinkBitsPerSecond,
            DownlinkBitsPerSecond = DeviceLimits.MaxLinkBitsPerSecond,
            LinkLatencySeconds = DeviceLimits.MaxLinkLatencySeconds,
            MtbfSeconds = DeviceLimits.MaxMtbfSeconds,
            MttrSeconds = DeviceLimits.MaxMttrSeconds,
            Name = new string('n', DeviceLimits.MaxNameLength),
        };

        DeviceProfileValidator.Validate(device).ShouldBeEmpty();
    }

    [Fact]
    public void ZeroLatencyIsValid()
    {
        var device = DeviceBuilder.Valid() with { LinkLatencySeconds = 0 };

        DeviceProfileValidator.Validate(device).ShouldBeEmpty();
    }

    [Fact]
    public void NegativeLatencyIsAnErrorOnLatency()
    {
        var device = DeviceBuilder.Valid() with { LinkLatencySeconds = -0.005 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.LinkLatencySeconds);
        error.Message.ShouldContain("cannot be negative");
        error.Message.ShouldContain("-5 ms");
    }

    [Fact]
    public void LatencyAboveTheMaximumSaysByHowMuch()
    {
        var device = DeviceBuilder.Valid() with { LinkLatencySeconds = 90 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.LinkLatencySeconds);
        error.Message.ShouldContain("at most 60 s");
        error.Message.ShouldContain("30 s too much");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void NonFiniteLatencyIsAnErrorOnLatency(double latency)
    {
        var device = DeviceBuilder.Valid() with { LinkLatencySeconds = latency };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.LinkLatencySeconds);
        error.Message.ShouldContain("finite");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    public void ProbabilityInZeroToOneIsValid(double p)
    {
        var device = DeviceBuilder.Valid() with { NoReplyProbability = p };

        DeviceProfileValidator.Validate(device).ShouldBeEmpty();
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.0)]
    [InlineData(1.5)]
    public void ProbabilityOutsideZeroToOneIsAnErrorOnProbability(double p)
    {
        var device = DeviceBuilder.Valid() with { NoReplyProbability = p };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.NoReplyProbability);
        error.Message.ShouldContain("[0, 1)");
    }

    [Fact]
    public void ProbabilityOfOneExplainsThatTheDeviceWouldNeverAnswer()
    {
        var device = DeviceBuilder.Valid() with { NoReplyProbability = 1 };

        SingleError(device).Message.ShouldContain("never answers");
    }

    [Fact]
    public void NaNProbabilityIsAnErrorOnProbability()
    {
        var device = DeviceBuilder.Valid() with { NoReplyProbability = double.NaN };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.NoReplyProbability);
        error.Message.ShouldContain("finite");
    }

    [Fact]
    public void MtbfWithoutMttrIsAnErrorOnMttr()
    {
        var device = DeviceBuilder.Valid() with { MtbfSeconds = 3600, MttrSeconds = null };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MttrSeconds);
        error.Message.ShouldContain("both or neither");
    }

    [Fact]
    public void MttrWithoutMtbfIsAnErrorOnMtbf()
    {
        var device = DeviceBuilder.Valid() with { MtbfSeconds = null, MttrSeconds = 60 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MtbfSeconds);
        error.Message.ShouldContain("both or neither");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-3600.0)]
    [InlineData(double.NaN)]
    public void NonPositiveOrNonFiniteMtbfIsAnErrorOnMtbf(double mtbf)
    {
        var device = DeviceBuilder.Valid() with { MtbfSeconds = mtbf, MttrSeconds = 60 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MtbfSeconds);
    }

    [Fact]
    public void NonPositiveMttrIsAnErrorOnMttr()
    {
        var device = DeviceBuilder.Valid() with { MtbfSeconds = 3600, MttrSeconds = 0 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MttrSeconds);
        error.Message.ShouldContain("greater than zero");
    }

    [Fact]
    public void MtbfAboveTenYearsIsAnErrorOnMtbf()
    {
        var device = DeviceBuilder.Valid() with { MtbfSeconds = 2 * DeviceLimits.MaxMtbfSeconds, MttrSeconds = 60 };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.MtbfSeconds);
        error.Message.ShouldContain("2× the limit");
    }

    [Theory]
    [InlineData("")]
    [InlineData(" ")]
    [InlineData("\t \n")]
    public void EmptyOrWhitespaceNameIsRequired(string name)
    {
        var device = DeviceBuilder.Valid(name);

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldBe("Name is required.");
    }

    [Theory]
    [InlineData(" edge-01")]
    [InlineData("edge-01 ")]
    [InlineData("  edge-01  ")]
    public void NameWithLeadingOrTrailingSpacesIsAnError(string name)
    {
        var device = DeviceBuilder.Valid(name);

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain("must not start or end with spaces");
    }

    [Fact]
    public void TooLongNameSaysByHowManyCharacters()
    {
        var device = DeviceBuilder.Valid(new string('x', DeviceLimits.MaxNameLength + 7));

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain("at most 100 characters");
        error.Message.ShouldContain("got 107, 7 too many");
    }

    [Theory]
    [InlineData("edge\u0000one")]
    [InlineData("edge\u0001one")]
    [InlineData("edge\u001Bone")]
    [InlineData("edge\u007Fone")]
    public void NameWithAControlCharacterIsAnError(string name)
    {
        var device = DeviceBuilder.Valid(name);

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain("control character");
    }

    [Fact]
    public void EmptyHardwareClassIsRequired()
    {
        var device = DeviceBuilder.Valid() with { HardwareClass = "" };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.HardwareClass);
    }

    [Fact]
    public void TooLongNotesAreAnErrorOnNotes()
    {
        var device = DeviceBuilder.Valid() with { Notes = new string('n', DeviceLimits.MaxNotesLength + 1) };

        var error = SingleError(device);

        error.Field.ShouldBe(DeviceFields.Notes);
        error.Message.ShouldContain("1 too many");
    }

    [Fact]
    public void NotesMayHoldLineBreaksAndTabs()
    {
        var device = DeviceBuilder.Valid() with { Notes = "first line\r\nsecond\tline\n" };

        DeviceProfileValidator.Validate(device).ShouldBeEmpty();
    }

    [Fact]
    public void EveryBrokenRuleIsReportedNotJustTheFirst()
    {
        var device = DeviceBuilder.Valid("") with { ComputeFlopsPerSecond = 0, MemoryBytes = 0, NoReplyProbability = 1 };

        var fields = DeviceProfileValidator.Validate(device).Select(e => e.Field).ToList();

        fields.ShouldBe(
            [DeviceFields.Name, DeviceFields.ComputeFlopsPerSecond, DeviceFields.MemoryBytes, DeviceFields.NoReplyProbability],
            ignoreOrder: true);
    }

    [Theory]
    [InlineData("edge-01")]
    [InlineData("EDGE-01")]
    [InlineData("Edge-01")]
    public void NameClashWithAnotherDeviceIgnoringCaseIsAnError(string otherName)
    {
        var device = DeviceBuilder.Valid("edge-01", id: 1);
        DeviceProfile[] others = [DeviceBuilder.Valid(otherName, id: 2)];

        var error = DeviceProfileValidator.Validate(device, others).ShouldHaveSingleItem();

        error.Field.ShouldBe(DeviceFields.Name);
        error.Message.ShouldContain($"'{otherName}' already exists");
    }

    [Fact]
    public void NewDeviceClashesWithAStoredDeviceOfTheSameName()
    {
        var device = DeviceBuilder.Valid("edge-01");
        DeviceProfile[] others = [DeviceBuilder.Valid("Edge-01", id: 7)];

        var errors = DeviceProfileValidator.Validate(device, others);

        errors.ShouldHaveSingleItem().Field.ShouldBe(DeviceFields.Name);
    }

    [Fact]
    public void DeviceDoesNotClashWithItsOwnStoredRow()
    {
        var device = DeviceBuilder.Valid("edge-01", id: 3);
        DeviceProfile[] others = [DeviceBuilder.Valid("EDGE-01", id: 3)];

        var errors = DeviceProfileValidator.Validate(device, others);

        errors.ShouldBeEmpty();
    }

    [Fact]
    public void DifferentNamesDoNotClash()
    {
        var device = DeviceBuilder.Valid("edge-01", id: 1);
        DeviceProfile[] others = [DeviceBuilder.Valid("edge-02", id: 2), DeviceBuilder.Valid("edge-010", id: 3)];

        DeviceProfileValidator.Validate(device, others).ShouldBeEmpty();
    }

    [Fact]
    public void UniquenessOverloadStillReportsTheDevicesOwnProblems()
    {
        var device = DeviceBuilder.Valid("edge-01", id: 1) with { ComputeFlopsPerSecond = -1 };
        DeviceProfile[] others = [DeviceBuilder.Valid("edge-01", id: 2)];

        var fields = DeviceProfileValidator.Validate(device, others).Select(e => e.Field).ToList();

        fields.ShouldBe([DeviceFields.ComputeFlopsPerSecond, DeviceFields.Name]);
    }

    private static FieldError SingleError(DeviceProfile device) =>
        DeviceProfileValidator.Validate(device).ShouldHaveSingleItem();
}
