using System.Globalization;
using System.Reflection;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using RoCoIn.Engine.Distillation;

namespace RoCoIn.Web.Bundles;

/// <summary>The deployment bundle's names, paths and JSON settings (format version 1, ADR-010).</summary>
public static class BundleFormat
{
    /// <summary>The value of bundle.json's "format".</summary>
    public const string Name = "rocoin-bundle";

    /// <summary>The only format version this studio writes and reads.</summary>
    public const int Version = 1;

    public const string ManifestPath = "bundle.json";
    public const string ReadmePath = "README.md";
    public const string DevicesFolder = "devices/";
    public const string ModelsFolder = "models/";

    /// <summary>The agent's command line; the placeholders are explained in every manifest and in the README.</summary>
    public const string StudioUrlPlaceholder = "<STUDIO_URL>";
    public const string TokenPlaceholder = "<TOKEN>";

    /// <summary>Where a model file lives in the bundle: models/&lt;sha256&gt;.onnx.</summary>
    public static string ModelPath(string sha256) => $"{ModelsFolder}{sha256}.onnx";

    /// <summary>Whether <paramref name="text"/> is a SHA-256 as the studio writes it: 64 lowercase hex digits.</summary>
    public static bool IsSha256(string? text) =>
        text is { Length: 64 } && text.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    /// <summary>Every model of a model set with what it is: the students in partition order, then the aggregator.</summary>
    public static IReadOnlyList<(string Sha256, string What)> ModelsOf(DistillationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return
        [
            .. result.Students.OrderBy(s => s.Partition)
                .Select(s => (s.ModelHash, $"the student of group {(s.Partition + 1).ToString(CultureInfo.InvariantCulture)}")),
            (result.Aggregator.ModelHash, "the aggregator"),
        ];
    }

    /// <summary>The studio's version (informational version without the commit suffix).</summary>
    public static string StudioVersion { get; } =
        (typeof(BundleFormat).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0").Split('+')[0];

    /// <summary>camelCase, indented, enums as names; a missing or null required member is an error when reading.</summary>
    public static JsonSerializerOptions Json { get; } = CreateJson();

    private static JsonSerializerOptions CreateJson()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = true,
            NewLine = "\n",
            Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
            RespectNullableAnnotations = true,
            RespectRequiredConstructorParameters = true,
        };
        options.Converters.Add(new JsonStringEnumConverter());
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }
}
