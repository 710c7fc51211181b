using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

/// <summary>Paper-style fleets of any size and the planning requests built on them.</summary>
public static class BenchFleets
{
    /// <summary>The paper's default fleet seed (arXiv 2406.14185).</summary>
    public const long PaperSeed = 2406_14185;

    /// <summary>
    /// <paramref name="count"/> devices drawn from the paper's ranges (FleetGenerator defaults), in chunks of at most
    /// FleetGenerator.MaxCount with distinct name prefixes and seeds, ids 1..count.
    /// </summary>
    public static IReadOnlyList<DeviceProfile> Paper(int count, long seed = PaperSeed, long memoryBytes = 2_000_000)
    {
        var devices = new List<DeviceProfile>(count);
        for (var chunk = 0; devices.Count < count; chunk++)
        {
            var settings = new FleetGeneratorSettings
            {
                Count = Math.Min(FleetGenerator.MaxCount, count - devices.Count),
                NamePrefix = chunk == 0 ? "edge" : $"edge{chunk}",
                Seed = seed + chunk,
                MemoryBytes = memoryBytes,
            };
            devices.AddRange(FleetGenerator.Generate(settings));
        }
        return devices.Select((d, i) => d with { Id = i + 1 }).ToList();
    }

    /// <summary>A full planning request on the default teacher and student catalogue.</summary>
    public static PlanRequest Request(IReadOnlyList<DeviceProfile> devices, PlanSettings? settings = null) =>
        new(devices, ModelCatalogue.DefaultTeacher, ModelCatalogue.Students, settings ?? new PlanSettings());
}
