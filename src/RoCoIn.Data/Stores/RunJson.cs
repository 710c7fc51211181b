using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoCoIn.Data.Stores;

/// <summary>
/// The stored JSON form of a run's snapshots and results (topology, settings, injections, summary, histogram, events):
/// camelCase, enums by name, computed properties left out. Doubles are written shortest round-trip, so a topology read
/// back is bit-identical and a replay reproduces the run.
/// </summary>
public static class RunJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        // Computed members (SimulationTopology.Devices, SimulatedDevice.IsolatedSeconds, ...) are derived on read.
        IgnoreReadOnlyProperties = true,
        // A stray ∞ (an open-ended failure) must not make a finished run unsavable.
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static string Write<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <exception cref="JsonException">The text is not a <typeparamref name="T"/>.</exception>
    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new JsonException($"The stored {typeof(T).Name} is empty.");
}
