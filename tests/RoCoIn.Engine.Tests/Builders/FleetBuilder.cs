using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Presets;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Tests.Builders;

/// <summary>Fleets and planning requests for planner tests: the paper's fleet and seeded random mixed fleets.</summary>
public static class FleetBuilder
{
    /// <summary>Memory of the small devices: the MCU student fits up to d ≈ 45, no other student at any width.</summary>
    public const long TinyMemoryBytes = 60_000;

    /// <summary>The paper's evaluation fleet: FleetGenerator defaults (8 devices, seed 240614185), ids 1..8.</summary>
    public static IReadOnlyList<DeviceProfile> Paper() =>
        FleetGenerator.Generate(new FleetGeneratorSettings()).Select((d, i) => d with { Id = i + 1 }).ToList();

    /// <summary>
    /// A seeded random fleet of 1..40 devices with scattered ids: mostly paper-range devices, about a fifth with
    /// 60 KB of memory (only the MCU student fits), some with 300 KB, some hardware presets, a few with crash
    /// processes (MTBF/MTTR).
    /// </summary>
    public static IReadOnlyList<DeviceProfile> RandomMixed(long seed, int maxDevices = 40)
    {
        var random = new SeededRandom(seed);
        var n = 1 + (int)(random.NextUInt64() % (ulong)maxDevices);
        var generated = FleetGenerator.Generate(new FleetGeneratorSettings { Count = n, Seed = seed });
        var devices = new List<DeviceProfile>(n);
        for (var i = 0; i < n; i++)
        {
            var kind = random.NextDouble();
            var device = kind switch
            {
                < 0.20 => generated[i] with { MemoryBytes = TinyMemoryBytes },
                < 0.30 => generated[i] with { MemoryBytes = 300_000 },
                < 0.45 => DevicePresetCatalogue.All[(int)(random.NextUInt64() % (ulong)DevicePresetCatalogue.All.Count)].ToDevice("preset"),
                < 0.50 => generated[i] with { MtbfSeconds = 3600, MttrSeconds = 120 },
                _ => generated[i],
            };
            // Ids neither start at 1 nor follow the index, so id/index mix-ups show.
            devices.Add(device with { Id = 100 + (7 * i), Name = $"dev-{i + 1:00}" });
        }
        return devices;
    }

    /// <summary>A request on the default teacher (F = 64) and the catalogue's students.</summary>
    public static PlanRequest Request(IReadOnlyList<DeviceProfile> devices, PlanSettings? settings = null,
        IReadOnlyList<FixedPartition>? fixedStudents = null) =>
        new(devices, ModelCatalogue.DefaultTeacher, ModelCatalogue.Students, settings ?? new PlanSettings(), fixedStudents);

    /// <summary>A request on a teacher with <paramref name="featureChannels"/> channels.</summary>
    public static PlanRequest Request(IReadOnlyList<DeviceProfile> devices, int featureChannels, PlanSettings? settings = null) =>
        new(devices, ModelCatalogue.CreateTeacher(featureChannels), ModelCatalogue.Students, settings ?? new PlanSettings());
}
