using System.Text.Json;
using System.Text.Json.Serialization;
using RoCoIn.Engine.Devices;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// Everything a saved plan is: its inputs, a snapshot of its devices' profiles as they were, and the result
/// (RoCoIn plan or the reason there is none, and the baselines). Immutable once stored; re-planning makes a new one.
/// </summary>
/// <param name="Settings">τ, L_obj, R_min, accuracy floor, objective, mode, seed.</param>
/// <param name="Devices">The fleet's devices when the plan was made.</param>
/// <param name="FleetHash">Fleets.FleetHash of <paramref name="Devices"/>.</param>
/// <param name="Result">The planner's result.</param>
/// <param name="TeacherFeatureChannels">F of the teacher the plan partitions.</param>
public sealed record PlanDocument(
    PlanSettings Settings,
    IReadOnlyList<DeviceProfile> Devices,
    string FleetHash,
    PlanningResult Result,
    int TeacherFeatureChannels)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = true,
    };

    /// <summary>The document as indented camelCase JSON (enums as names): the stored form and the export.</summary>
    public string ToJson() => JsonSerializer.Serialize(this, Options);

    /// <summary>Reads a document written by <see cref="ToJson"/>.</summary>
    /// <exception cref="JsonException">The text is not a plan document.</exception>
    public static PlanDocument FromJson(string json) =>
        JsonSerializer.Deserialize<PlanDocument>(json, Options) ?? throw new JsonException("The plan document is empty.");
}
