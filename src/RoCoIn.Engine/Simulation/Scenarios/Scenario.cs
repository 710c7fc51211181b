using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Simulation.Scenarios;

/// <summary>
/// A saved, reusable timeline of failure events. It names devices by pattern, hardware class or group, never by id,
/// so it is independent of any plan; <see cref="ScenarioResolver"/> turns it into the <see cref="DeviceFailure"/>s of
/// one plan and seed.
/// </summary>
/// <param name="Name">Shown in lists and in every failure's source; 1 to 100 characters.</param>
/// <param name="Description">What it models, for people; may be empty.</param>
/// <param name="Events">Its failures, in any order; at most <see cref="ScenarioValidator.MaxEvents"/>.</param>
/// <remarks>Two scenarios are equal when their names, descriptions and event sequences are.</remarks>
public sealed record Scenario(string Name, string Description, IReadOnlyList<ScenarioEvent> Events)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    /// <summary>The scenario as indented camelCase JSON, enums as names: the stored and exported form.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a scenario written by <see cref="ToJson"/> (or any web-default JSON with enum names).</summary>
    /// <exception cref="JsonException">The text is not a scenario.</exception>
    public static Scenario FromJson(string json) =>
        JsonSerializer.Deserialize<Scenario>(json, Options) ?? throw new JsonException("The scenario is empty.");

    /// <summary>Equal names, descriptions and events in the same order.</summary>
    public bool Equals(Scenario? other) =>
        other is not null
        && Name == other.Name
        && Description == other.Description
        && (ReferenceEquals(Events, other.Events)
            || (Events is not null && other.Events is not null && Events.SequenceEqual(other.Events)));

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Name, Description, Events?.Count);
}
