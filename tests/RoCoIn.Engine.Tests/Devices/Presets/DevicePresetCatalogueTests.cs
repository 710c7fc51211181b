using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Presets;

namespace RoCoIn.Engine.Tests.Devices.Presets;

public class DevicePresetCatalogueTests
{
    public static TheoryData<string> PresetKeys => [.. DevicePresetCatalogue.All.Select(p => p.Key)];

    [Theory]
    [MemberData(nameof(PresetKeys))]
    public void EveryPresetMakesAValidDevice(string key)
    {
        var preset = DevicePresetCatalogue.Find(key).ShouldNotBeNull();

        var device = preset.ToDevice($"{key}-01");

        DeviceProfileValidator.Validate(device).ShouldBeEmpty();
        device.HardwareClass.ShouldBe(preset.HardwareClass);
        device.Notes.ShouldContain(key);
    }

    [Fact]
    public void KeysAreUniqueIgnoringCase()
    {
        var keys = DevicePresetCatalogue.All.Select(p => p.Key).ToList();

        keys.Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(keys.Count);
    }

    [Fact]
    public void AnMcuPresetHasAboutFiveHundredKilobytesOfModelMemory()
    {
        var mcu = DevicePresetCatalogue.All.Where(p => p.HardwareClass.Contains("MCU", StringComparison.Ordinal)).ToList();

        mcu.ShouldNotBeEmpty();
        mcu.ShouldContain(p => p.MemoryBytes >= 400_000 && p.MemoryBytes <= 600_000);
    }

    [Theory]
    [InlineData("mcu-m7")]
    [InlineData("rpi3bplus")]
    [InlineData("rpi4")]
    [InlineData("rpi5")]
    [InlineData("jetson-nano")]
    [InlineData("jetson-orin-nano")]
    [InlineData("phone-mid")]
    [InlineData("laptop-cpu")]
    public void CatalogueHoldsTheExpectedHardwareClasses(string key)
    {
        var preset = DevicePresetCatalogue.Find(key);

        preset.ShouldNotBeNull().Key.ShouldBe(key);
    }

    [Theory]
    [InlineData("RPI4")]
    [InlineData("Rpi4")]
    [InlineData("rPi4")]
    public void FindIgnoresCase(string key)
    {
        var preset = DevicePresetCatalogue.Find(key);

        preset.ShouldNotBeNull().Key.ShouldBe("rpi4");
    }

    [Theory]
    [InlineData("")]
    [InlineData("rpi6")]
    [InlineData("rpi4 ")]
    public void FindReturnsNullForAnUnknownKey(string key)
    {
        DevicePresetCatalogue.Find(key).ShouldBeNull();
    }

    [Fact]
    public void ComputeGrowsFromMcuToRaspberryPi5()
    {
        double Compute(string key) => DevicePresetCatalogue.Find(key)!.ComputeFlopsPerSecond;

        Compute("mcu-m7").ShouldBeLessThan(Compute("rpi3bplus"));
        Compute("rpi3bplus").ShouldBeLessThan(Compute("rpi4"));
        Compute("rpi4").ShouldBeLessThan(Compute("rpi5"));
    }

    [Fact]
    public void JetsonOrinNanoOutperformsJetsonNano()
    {
        DevicePresetCatalogue.Find("jetson-orin-nano")!.ComputeFlopsPerSecond
            .ShouldBeGreaterThan(DevicePresetCatalogue.Find("jetson-nano")!.ComputeFlopsPerSecond);
    }

    [Fact]
    public void PresetsAreListedSmallestFirst()
    {
        DevicePresetCatalogue.All[0].Key.ShouldBe("mcu-m7");
        DevicePresetCatalogue.All.Select(p => p.MemoryBytes).Min().ShouldBe(DevicePresetCatalogue.All[0].MemoryBytes);
    }

    [Fact]
    public void ToDeviceCopiesEveryFigureAndLeavesTheDeviceUnstored()
    {
        var preset = DevicePresetCatalogue.Find("rpi4")!;

        var device = preset.ToDevice("lab-pi");

        device.ShouldBe(new DeviceProfile
        {
            Id = 0,
            Name = "lab-pi",
            HardwareClass = preset.HardwareClass,
            ComputeFlopsPerSecond = preset.ComputeFlopsPerSecond,
            MemoryBytes = preset.MemoryBytes,
            UplinkBitsPerSecond = preset.UplinkBitsPerSecond,
            DownlinkBitsPerSecond = preset.DownlinkBitsPerSecond,
            LinkLatencySeconds = preset.LinkLatencySeconds,
            NoReplyProbability = preset.NoReplyProbability,
            Notes = $"From preset 'rpi4': {preset.Summary}",
        });
    }
}
