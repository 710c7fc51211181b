using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Tests.Builders;

namespace RoCoIn.Engine.Tests.Fleets;

public class FleetHashTests
{
    public static TheoryData<string> Changes() =>
    [
        "Id", "Name", "HardwareClass", "ComputeFlopsPerSecond", "MemoryBytes", "UplinkBitsPerSecond",
        "DownlinkBitsPerSecond", "LinkLatencySeconds", "NoReplyProbability", "MtbfSeconds", "MttrSeconds", "Notes",
    ];

    private static DeviceProfile Change(DeviceProfile d, string field) => field switch
    {
        "Id" => d with { Id = d.Id + 1000 },
        "Name" => d with { Name = d.Name + "x" },
        "HardwareClass" => d with { HardwareClass = d.HardwareClass + "x" },
        "ComputeFlopsPerSecond" => d with { ComputeFlopsPerSecond = d.ComputeFlopsPerSecond * (1 + 1e-15) },
        "MemoryBytes" => d with { MemoryBytes = d.MemoryBytes + 1 },
        "UplinkBitsPerSecond" => d with { UplinkBitsPerSecond = d.UplinkBitsPerSecond + 1 },
        "DownlinkBitsPerSecond" => d with { DownlinkBitsPerSecond = d.DownlinkBitsPerSecond + 1 },
        "LinkLatencySeconds" => d with { LinkLatencySeconds = d.LinkLatencySeconds + 1e-6 },
        "NoReplyProbability" => d with { NoReplyProbability = d.NoReplyProbability + 1e-9 },
        "MtbfSeconds" => d with { MtbfSeconds = 3600, MttrSeconds = d.MttrSeconds ?? 60 },
        "MttrSeconds" => d with { MttrSeconds = 61, MtbfSeconds = d.MtbfSeconds ?? 3600 },
        "Notes" => d with { Notes = d.Notes + " " },
        _ => throw new ArgumentOutOfRangeException(nameof(field)),
    };

    [Fact]
    public void OrderOfTheDevicesDoesNotMatter()
    {
        var devices = FleetBuilder.RandomMixed(21);

        var hash = FleetHash.Compute(devices);

        FleetHash.Compute(devices.Reverse()).ShouldBe(hash);
        FleetHash.Compute(devices.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.ComputeFlopsPerSecond)).ShouldBe(hash);
        hash.ShouldMatch("^[0-9a-f]{64}$");
    }

    [Theory]
    [MemberData(nameof(Changes))]
    public void ChangingAnyValueOfAnyDeviceChangesTheHash(string field)
    {
        var devices = FleetBuilder.Paper();
        var hash = FleetHash.Compute(devices);

        foreach (var index in new[] { 0, 3, devices.Count - 1 })
        {
            var changed = devices.Select((d, i) => i == index ? Change(d, field) : d).ToList();

            FleetHash.Compute(changed).ShouldNotBe(hash, $"{field} of device {index}");
        }
    }

    [Fact]
    public void SwappingTwoDevicesIdsChangesTheHash()
    {
        var devices = FleetBuilder.Paper();
        var swapped = devices.Select(d => d.Id switch { 1 => d with { Id = 2 }, 2 => d with { Id = 1 }, _ => d }).ToList();

        FleetHash.Compute(swapped).ShouldNotBe(FleetHash.Compute(devices));
    }

    [Fact]
    public void AddingOrRemovingADeviceChangesTheHash()
    {
        var devices = FleetBuilder.Paper();
        var hash = FleetHash.Compute(devices);

        FleetHash.Compute(devices.Skip(1)).ShouldNotBe(hash);
        FleetHash.Compute([.. devices, devices[0] with { Id = 99, Name = "twin" }]).ShouldNotBe(hash);
    }
}
