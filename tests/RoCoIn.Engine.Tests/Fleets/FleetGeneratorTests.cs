using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Fleets;

namespace RoCoIn.Engine.Tests.Fleets;

public class FleetGeneratorTests
{
    [Fact]
    public void DefaultsAreThePaperEvaluationSetting()
    {
        var settings = new FleetGeneratorSettings();

        settings.Count.ShouldBe(8);
        settings.MinComputeFlopsPerSecond.ShouldBe(5e6);
        settings.MaxComputeFlopsPerSecond.ShouldBe(30e6);
        settings.MinLinkBitsPerSecond.ShouldBe(0.5e6);
        settings.MaxLinkBitsPerSecond.ShouldBe(1e6);
        FleetGenerator.Validate(settings).ShouldBeEmpty();
    }

    [Fact]
    public void EveryGeneratedValueLiesInItsRange()
    {
        var settings = new FleetGeneratorSettings { Count = 500, Seed = 7 };

        var devices = FleetGenerator.Generate(settings);

        devices.Count.ShouldBe(500);
        devices.ShouldAllBe(d => d.ComputeFlopsPerSecond >= settings.MinComputeFlopsPerSecond
            && d.ComputeFlopsPerSecond <= settings.MaxComputeFlopsPerSecond);
        devices.ShouldAllBe(d => d.UplinkBitsPerSecond >= settings.MinLinkBitsPerSecond
            && d.UplinkBitsPerSecond <= settings.MaxLinkBitsPerSecond);
        devices.ShouldAllBe(d => d.DownlinkBitsPerSecond >= settings.MinLinkBitsPerSecond
            && d.DownlinkBitsPerSecond <= settings.MaxLinkBitsPerSecond);
        devices.ShouldAllBe(d => d.LinkLatencySeconds >= settings.MinLinkLatencySeconds
            && d.LinkLatencySeconds <= settings.MaxLinkLatencySeconds);
        devices.ShouldAllBe(d => d.NoReplyProbability >= settings.MinNoReplyProbability
            && d.NoReplyProbability <= settings.MaxNoReplyProbability);
        devices.ShouldAllBe(d => d.MemoryBytes == settings.MemoryBytes);
        devices.ShouldAllBe(d => d.Id == 0 && d.MtbfSeconds == null && d.MttrSeconds == null);
    }

    [Fact]
    public void GeneratedValuesSpreadOverTheRange()
    {
        var settings = new FleetGeneratorSettings { Count = 500, Seed = 11 };

        var compute = FleetGenerator.Generate(settings).Select(d => d.ComputeFlopsPerSecond).ToList();

        compute.Min().ShouldBeLessThan(6e6);
        compute.Max().ShouldBeGreaterThan(29e6);
    }

    [Fact]
    public void SameSeedGivesTheSameFleet()
    {
        var settings = new FleetGeneratorSettings { Seed = 42 };

        var first = FleetGenerator.Generate(settings);
        var second = FleetGenerator.Generate(settings);

        second.ShouldBe(first);
    }

    [Fact]
    public void DifferentSeedGivesADifferentFleet()
    {
        var first = FleetGenerator.Generate(new FleetGeneratorSettings { Seed = 42 });
        var second = FleetGenerator.Generate(new FleetGeneratorSettings { Seed = 43 });

        second.Select(d => d.ComputeFlopsPerSecond).ShouldNotBe(first.Select(d => d.ComputeFlopsPerSecond));
    }

    [Fact]
    public void GeneratedDevicesAreValidAndNamedInOrder()
    {
        var devices = FleetGenerator.Generate(new FleetGeneratorSettings());

        devices.Select(d => d.Name).ShouldBe(["edge-01", "edge-02", "edge-03", "edge-04", "edge-05", "edge-06", "edge-07", "edge-08"]);
        foreach (var device in devices)
        {
            DeviceProfileValidator.Validate(device).ShouldBeEmpty();
            DeviceProfileValidator.Validate(device, devices.Where(d => !ReferenceEquals(d, device))).ShouldBeEmpty();
        }
    }

    [Fact]
    public void NamesArePaddedToTheWidthOfTheCount()
    {
        var devices = FleetGenerator.Generate(new FleetGeneratorSettings { Count = 120, NamePrefix = "node" });

        devices[0].Name.ShouldBe("node-001");
        devices[^1].Name.ShouldBe("node-120");
        devices.Select(d => d.Name).Distinct(StringComparer.OrdinalIgnoreCase).Count().ShouldBe(120);
    }

    [Fact]
    public void FirstDeviceOfTheDefaultSeedHasItsPinnedCompute()
    {
        // Pins the cross-machine seed contract (SplitMix64, draw order, rounding): the same seed must give
        // this exact value on every machine and .NET version. If it changes, stored seeds no longer reproduce fleets.
        var devices = FleetGenerator.Generate(new FleetGeneratorSettings());

        devices[0].ComputeFlopsPerSecond.ShouldBe(8_998_000);
        devices[0].UplinkBitsPerSecond.ShouldBe(776_000);
        devices[0].DownlinkBitsPerSecond.ShouldBe(891_000);
        devices[0].LinkLatencySeconds.ShouldBe(0.015);
        devices[0].NoReplyProbability.ShouldBe(0.06);
    }

    [Fact]
    public void MinEqualToMaxGivesExactlyThatValue()
    {
        var settings = new FleetGeneratorSettings
        {
            Count = 3,
            MinComputeFlopsPerSecond = 12_345_678.9,
            MaxComputeFlopsPerSecond = 12_345_678.9,
            MinLinkLatencySeconds = 0,
            MaxLinkLatencySeconds = 0,
        };

        var devices = FleetGenerator.Generate(settings);

        devices.ShouldAllBe(d => d.ComputeFlopsPerSecond == 12_345_678.9 && d.LinkLatencySeconds == 0);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(1001)]
    public void CountOutsideOneToAThousandIsAnError(int count)
    {
        var errors = FleetGenerator.Validate(new FleetGeneratorSettings { Count = count });

        var error = errors.ShouldHaveSingleItem();
        error.Field.ShouldBe("count");
        error.Message.ShouldContain($"got {count}");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(1000)]
    public void CountAtTheBoundsIsValid(int count)
    {
        FleetGenerator.Validate(new FleetGeneratorSettings { Count = count }).ShouldBeEmpty();
    }

    [Fact]
    public void MinAboveMaxIsAnErrorOnMax()
    {
        var settings = new FleetGeneratorSettings { MinComputeFlopsPerSecond = 40e6, MaxComputeFlopsPerSecond = 30e6 };

        var error = FleetGenerator.Validate(settings).ShouldHaveSingleItem();

        error.Field.ShouldBe("maxComputeFlopsPerSecond");
        error.Message.ShouldContain("must not be below");
    }

    [Fact]
    public void NegativeLinkRateIsAnErrorOnThatBound()
    {
        var settings = new FleetGeneratorSettings { MinLinkBitsPerSecond = -1 };

        var error = FleetGenerator.Validate(settings).ShouldHaveSingleItem();

        error.Field.ShouldBe("minLinkBitsPerSecond");
    }

    [Fact]
    public void ZeroComputeIsAnErrorButZeroLatencyIsNot()
    {
        var settings = new FleetGeneratorSettings { MinComputeFlopsPerSecond = 0, MinLinkLatencySeconds = 0 };

        var error = FleetGenerator.Validate(settings).ShouldHaveSingleItem();

        error.Field.ShouldBe("minComputeFlopsPerSecond");
    }

    [Fact]
    public void NaNBoundIsAnError()
    {
        var settings = new FleetGeneratorSettings { MaxNoReplyProbability = double.NaN };

        var error = FleetGenerator.Validate(settings).ShouldHaveSingleItem();

        error.Field.ShouldBe("maxNoReplyProbability");
    }

    [Fact]
    public void ProbabilityOfOneIsAnError()
    {
        var settings = new FleetGeneratorSettings { MaxNoReplyProbability = 1 };

        FleetGenerator.Validate(settings).ShouldHaveSingleItem().Field.ShouldBe("maxNoReplyProbability");
    }

    [Fact]
    public void LatencyAboveTheDeviceLimitIsAnError()
    {
        var settings = new FleetGeneratorSettings { MaxLinkLatencySeconds = DeviceLimits.MaxLinkLatencySeconds + 1 };

        FleetGenerator.Validate(settings).ShouldHaveSingleItem().Field.ShouldBe("maxLinkLatencySeconds");
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-1L)]
    [InlineData(DeviceLimits.MaxMemoryBytes + 1)]
    public void MemoryOutOfRangeIsAnError(long memory)
    {
        var settings = new FleetGeneratorSettings { MemoryBytes = memory };

        FleetGenerator.Validate(settings).ShouldHaveSingleItem().Field.ShouldBe("memoryBytes");
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(" edge")]
    [InlineData("edge ")]
    public void EmptyOrPaddedNamePrefixIsAnError(string prefix)
    {
        var settings = new FleetGeneratorSettings { NamePrefix = prefix };

        FleetGenerator.Validate(settings).ShouldHaveSingleItem().Field.ShouldBe("namePrefix");
    }

    [Fact]
    public void NamePrefixLongerThanEightyCharactersIsAnError()
    {
        var settings = new FleetGeneratorSettings { NamePrefix = new string('p', 81) };

        FleetGenerator.Validate(settings).ShouldHaveSingleItem().Field.ShouldBe("namePrefix");
    }

    [Fact]
    public void LongestPrefixWithLargestCountStillGivesValidNames()
    {
        var settings = new FleetGeneratorSettings { NamePrefix = new string('p', 80), Count = FleetGenerator.MaxCount };

        var devices = FleetGenerator.Generate(settings);

        devices[^1].Name.Length.ShouldBe(85);
        devices.ShouldAllBe(d => DeviceProfileValidator.Validate(d).Count == 0);
    }

    [Fact]
    public void EveryProblemIsReported()
    {
        var settings = new FleetGeneratorSettings { Count = 0, NamePrefix = "", MemoryBytes = 0 };

        var fields = FleetGenerator.Validate(settings).Select(e => e.Field).ToList();

        fields.ShouldBe(["count", "namePrefix", "memoryBytes"], ignoreOrder: true);
    }

    [Fact]
    public void GenerateThrowsOnInvalidSettingsListingTheProblem()
    {
        var settings = new FleetGeneratorSettings { Count = 0 };

        var ex = Should.Throw<ArgumentException>(() => FleetGenerator.Generate(settings));

        ex.ParamName.ShouldBe("settings");
        ex.Message.ShouldContain("count:");
    }

    [Fact]
    public void GenerateThrowsOnNullSettings()
    {
        Should.Throw<ArgumentNullException>(() => FleetGenerator.Generate(null!));
    }
}
