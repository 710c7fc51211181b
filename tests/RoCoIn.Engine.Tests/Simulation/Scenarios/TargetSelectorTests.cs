using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

public class TargetSelectorTests
{
    [Theory]
    [InlineData("pi-*", "pi-07", true)]
    [InlineData("PI-*", "pi-07", true)]
    [InlineData("pi-*", "PI-07", true)]
    [InlineData("pi-?7", "pi-07", true)]
    [InlineData("pi-?", "pi-07", false)]
    [InlineData("pi-??", "pi-07", true)]
    [InlineData("*cam*", "front-cam-2", true)]
    [InlineData("*", "anything at all", true)]
    [InlineData("*", "", true)]
    [InlineData("**", "x", true)]
    [InlineData("?", "", false)]
    [InlineData("a*b*c", "aXbYbZc", true)]
    [InlineData("a*b", "ab-c", false)]
    [InlineData("*-01", "pi-01", true)]
    [InlineData("*-01", "pi-011", false)]
    public void GlobCoversTheWholeNameIgnoringCase(string glob, string name, bool matches)
    {
        TargetSelector.GlobMatches(glob, name).ShouldBe(matches);
    }

    [Fact]
    public void NameWithoutWildcardsMustMatchExactly()
    {
        TargetSelector.GlobMatches("cam", "cam-1").ShouldBeFalse();
        TargetSelector.GlobMatches("cam-1", "cam").ShouldBeFalse();
        TargetSelector.GlobMatches("Cam-1", "cAM-1").ShouldBeTrue();
    }

    [Fact]
    public void DeviceNameSelectorMatchesByGlob()
    {
        var selector = TargetSelector.NamedLike("pi-*");

        selector.Matches(ScenarioTopologies.Device(1, "pi-01", 0)).ShouldBeTrue();
        selector.Matches(ScenarioTopologies.Device(2, "cam-01", 0)).ShouldBeFalse();
    }

    [Theory]
    [InlineData("Raspberry Pi 4", true)]
    [InlineData("raspberry pi 4", true)]
    [InlineData("RASPBERRY PI 4", true)]
    [InlineData("Raspberry Pi", false)]
    [InlineData("Raspberry*", false)]
    [InlineData("Raspberry Pi 4 ", false)]
    public void HardwareClassSelectorMatchesTheWholeClassIgnoringCase(string value, bool matches)
    {
        var device = ScenarioTopologies.Device(1, "pi-01", 0, "Raspberry Pi 4");

        TargetSelector.OfHardwareClass(value).Matches(device).ShouldBe(matches);
    }

    [Fact]
    public void GroupSelectorCountsGroupsFromOne()
    {
        var inSecondGroup = ScenarioTopologies.Device(1, "pi-01", group: 1);

        TargetSelector.InGroup(2).Matches(inSecondGroup).ShouldBeTrue();
        TargetSelector.InGroup(1).Matches(inSecondGroup).ShouldBeFalse();
        TargetSelector.InGroup(2).Value.ShouldBe("2");
    }

    [Theory]
    [InlineData("1", 1)]
    [InlineData("8", 8)]
    [InlineData("02", 2)]
    [InlineData("0", null)]
    [InlineData("-1", null)]
    [InlineData("+1", null)]
    [InlineData(" 2", null)]
    [InlineData("1.5", null)]
    [InlineData("two", null)]
    [InlineData("99999999999", null)]
    public void GroupNumberIsAPositiveWholeNumber(string value, int? expected)
    {
        new TargetSelector(SelectorKind.Group, value).GroupNumber.ShouldBe(expected);
    }

    [Fact]
    public void OnlyGroupSelectorsHaveAGroupNumber()
    {
        TargetSelector.NamedLike("2").GroupNumber.ShouldBeNull();
    }
}
