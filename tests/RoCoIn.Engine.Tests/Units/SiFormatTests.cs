using System.Globalization;
using RoCoIn.Engine.Units;

namespace RoCoIn.Engine.Tests.Units;

public class SiFormatTests
{
    [Theory]
    [InlineData(30e6, "30 MFLOPS")]
    [InlineData(12.5e6, "12.5 MFLOPS")]
    [InlineData(5e6, "5 MFLOPS")]
    [InlineData(8e9, "8 GFLOPS")]
    [InlineData(1e15, "1 PFLOPS")]
    [InlineData(2.5e3, "2.5 KFLOPS")]
    [InlineData(999.0, "999 FLOPS")]
    [InlineData(0.0, "0 FLOPS")]
    public void FlopsUsesTheLargestFittingPrefix(double value, string expected)
    {
        SiFormat.Flops(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(12.3e6, "12.3 MFLOP")]
    [InlineData(324.0, "324 FLOP")]
    [InlineData(2.5e3, "2.5 KFLOP")]
    [InlineData(37_468_480.0, "37.47 MFLOP")]
    [InlineData(1.2e9, "1.2 GFLOP")]
    [InlineData(0.0, "0 FLOP")]
    public void FlopCountIsWorkNotARate(double flops, string expected)
    {
        SiFormat.FlopCount(flops).ShouldBe(expected);
    }

    [Theory]
    [InlineData(500_000.0, "500 KB")]
    [InlineData(1_000.0, "1 KB")]
    [InlineData(999.0, "999 B")]
    [InlineData(1_500_000_000.0, "1.5 GB")]
    [InlineData(2_000_000.0, "2 MB")]
    [InlineData(1e12, "1 TB")]
    public void BytesUseDecimalPrefixes(double value, string expected)
    {
        SiFormat.Bytes(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(750e3, "750 kbps")]
    [InlineData(54e6, "54 Mbps")]
    [InlineData(0.5e6, "500 kbps")]
    [InlineData(1e6, "1 Mbps")]
    [InlineData(400e9, "400 Gbps")]
    [InlineData(300.0, "300 bps")]
    public void BitRateUsesALowerCaseKiloPrefix(double value, string expected)
    {
        SiFormat.BitRate(value).ShouldBe(expected);
    }

    [Theory]
    [InlineData(0.005, "5 ms")]
    [InlineData(0.0123, "12.3 ms")]
    [InlineData(0.0, "0 ms")]
    [InlineData(1.0, "1 s")]
    [InlineData(1.5, "1.5 s")]
    [InlineData(60.0, "60 s")]
    [InlineData(3600.0, "1 h")]
    [InlineData(7200.0, "2 h")]
    [InlineData(-0.005, "-5 ms")]
    public void DurationPicksMillisecondsSecondsOrHours(double seconds, string expected)
    {
        SiFormat.Duration(seconds).ShouldBe(expected);
    }

    [Theory]
    [InlineData(1.23456, "1.23456")]
    [InlineData(1.0004, "1.0004")]
    [InlineData(1.23456789, "1.234568")]
    [InlineData(2.0, "2")]
    [InlineData(0.0, "0")]
    [InlineData(-0.5, "-0.5")]
    [InlineData(0.0001, "0.0001")]
    [InlineData(1e10, "1E+10")]
    public void NumberShowsAtMostSixDecimalsOrAnExponent(double value, string expected)
    {
        SiFormat.Number(value).ShouldBe(expected);
    }

    [Fact]
    public void NonFiniteValuesKeepTheirUnit()
    {
        SiFormat.Flops(double.NaN).ShouldBe("NaN FLOPS");
        SiFormat.Bytes(double.PositiveInfinity).ShouldBe("Infinity B");
    }

    [Fact]
    public void NegativeValuesGetAPrefixByMagnitude()
    {
        SiFormat.BitRate(-2e6).ShouldBe("-2 Mbps");
    }

    [Fact]
    public void OutputDoesNotDependOnTheCurrentCulture()
    {
        var original = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("de-DE");

            SiFormat.Flops(12.5e6).ShouldBe("12.5 MFLOPS");
            SiFormat.Duration(1.5).ShouldBe("1.5 s");
        }
        finally
        {
            CultureInfo.CurrentCulture = original;
        }
    }

    [Fact]
    public void RoundingUpCrossesIntoTheNextPrefix()
    {
        SiFormat.Flops(999_999_999).ShouldBe("1 GFLOPS");
        SiFormat.Bytes(999_950).ShouldBe("1 MB");
    }

    [Fact]
    public void NegativeDurationsPickTheirUnitByMagnitude()
    {
        SiFormat.Duration(-7200).ShouldBe("-2 h");
        SiFormat.Duration(-0.005).ShouldBe("-5 ms");
    }
}
