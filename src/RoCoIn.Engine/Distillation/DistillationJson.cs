using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoCoIn.Engine.Distillation;

/// <summary>
/// JSON of the distillation program: the job file (<see cref="DistillationJobSpec"/>), result.json
/// (<see cref="DistillationResult"/>) and the JSON-lines protocol on its standard output (<see cref="DistillationMessage"/>).
/// camelCase names, enums as camelCase strings.
/// </summary>
/// <remarks>
/// A job file may not carry members the spec does not know (a misspelt setting would otherwise be ignored silently);
/// null members are left out when writing. Non-finite numbers are written as "NaN"/"Infinity" strings rather than
/// failing a whole line.
/// </remarks>
public static class DistillationJson
{
    private static readonly JsonSerializerOptions FileOptions = Create(indented: true, strict: false);
    private static readonly JsonSerializerOptions SpecReadOptions = Create(indented: true, strict: true);
    private static readonly JsonSerializerOptions LineOptions = Create(indented: false, strict: false);

    /// <summary>The spec as an indented JSON document.</summary>
    public static string WriteSpec(DistillationJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        return JsonSerializer.Serialize(spec, FileOptions) + "\n";
    }

    /// <summary>Reads a job file. It is not validated: call <see cref="DistillationJobSpec.Validate"/>.</summary>
    /// <exception cref="JsonException">Not JSON, a member of the wrong type, an unknown member, or a required member missing.</exception>
    public static DistillationJobSpec ReadSpec(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<DistillationJobSpec>(json, SpecReadOptions)
            ?? throw new JsonException("The job file holds null instead of a distillation job.");
    }

    /// <summary>The result as an indented JSON document (the content of result.json).</summary>
    public static string WriteResult(DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return JsonSerializer.Serialize(result, FileOptions) + "\n";
    }

    /// <summary>Reads a result.json.</summary>
    /// <exception cref="JsonException">The text is not a distillation result.</exception>
    public static DistillationResult ReadResult(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize<DistillationResult>(json, FileOptions)
            ?? throw new JsonException("result.json holds null instead of a distillation result.");
    }

    /// <summary>One protocol line: the message as compact JSON with its "type" first, without the line break.</summary>
    public static string WriteLine(DistillationMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        return JsonSerializer.Serialize(message, LineOptions);
    }

    /// <summary>Reads one protocol line.</summary>
    /// <exception cref="JsonException">The line is not a message of a known type.</exception>
    public static DistillationMessage ReadLine(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return JsonSerializer.Deserialize<DistillationMessage>(line, LineOptions)
            ?? throw new JsonException("The line holds null instead of a message.");
    }

    private static JsonSerializerOptions Create(bool indented, bool strict)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
            NumberHandling = JsonNumberHandling.AllowReadingFromString | JsonNumberHandling.AllowNamedFloatingPointLiterals,
            AllowOutOfOrderMetadataProperties = true,
            UnmappedMemberHandling = strict ? JsonUnmappedMemberHandling.Disallow : JsonUnmappedMemberHandling.Skip,
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
