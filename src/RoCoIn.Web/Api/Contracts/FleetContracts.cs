using RoCoIn.Data.Stores;
using RoCoIn.Engine.Fleets;

namespace RoCoIn.Web.Api.Contracts;

/// <summary>A fleet in lists.</summary>
public sealed record FleetSummaryDto(int Id, string Name, string Description, int DeviceCount, DateTimeOffset CreatedUtc)
{
    public static FleetSummaryDto From(FleetSummary f) => new(f.Id, f.Name, f.Description, f.DeviceCount, f.CreatedUtc);
}

/// <summary>A fleet with its member devices in fleet order.</summary>
public sealed record FleetDto(int Id, string Name, string Description, IReadOnlyList<int> DeviceIds, IReadOnlyList<DeviceDto> Devices);

/// <summary>Body of POST and PUT /api/fleets.</summary>
public sealed record FleetInput(string? Name, string? Description, IReadOnlyList<int>? DeviceIds)
{
    public Fleet ToFleet(int id = 0) => new() { Id = id, Name = Name ?? "", Description = Description ?? "", DeviceIds = DeviceIds ?? [] };
}

/// <summary>Body of POST /api/fleets/generate. Left-out values take the paper-setting defaults.</summary>
public sealed record GenerateFleetRequest(
    string? Name,
    string? Description,
    int? Count,
    string? NamePrefix,
    double? MinComputeFlopsPerSecond,
    double? MaxComputeFlopsPerSecond,
    double? MinLinkBitsPerSecond,
    double? MaxLinkBitsPerSecond,
    long? MemoryBytes,
    double? MinLinkLatencySeconds,
    double? MaxLinkLatencySeconds,
    double? MinNoReplyProbability,
    double? MaxNoReplyProbability,
    long? Seed)
{
    public FleetGeneratorSettings ToSettings()
    {
        var d = new FleetGeneratorSettings();
        return new FleetGeneratorSettings
        {
            Count = Count ?? d.Count,
            NamePrefix = NamePrefix ?? d.NamePrefix,
            MinComputeFlopsPerSecond = MinComputeFlopsPerSecond ?? d.MinComputeFlopsPerSecond,
            MaxComputeFlopsPerSecond = MaxComputeFlopsPerSecond ?? d.MaxComputeFlopsPerSecond,
            MinLinkBitsPerSecond = MinLinkBitsPerSecond ?? d.MinLinkBitsPerSecond,
            MaxLinkBitsPerSecond = MaxLinkBitsPerSecond ?? d.MaxLinkBitsPerSecond,
            MemoryBytes = MemoryBytes ?? d.MemoryBytes,
            MinLinkLatencySeconds = MinLinkLatencySeconds ?? d.MinLinkLatencySeconds,
            MaxLinkLatencySeconds = MaxLinkLatencySeconds ?? d.MaxLinkLatencySeconds,
            MinNoReplyProbability = MinNoReplyProbability ?? d.MinNoReplyProbability,
            MaxNoReplyProbability = MaxNoReplyProbability ?? d.MaxNoReplyProbability,
            Seed = Seed ?? d.Seed,
        };
    }
}

/// <summary>What an import did.</summary>
public sealed record ImportResultDto(int Created, int Replaced);
