using System.Text.Json;
using System.Text.Json.Serialization;

namespace RoCoIn.Web.Api;

/// <summary>
/// How the run and scenario endpoints write engine records: camelCase with enums as camelCase names ("closedLoop",
/// "linkDegraded"), computed members left out. Inputs accept names in any case.
/// </summary>
internal static class RunApiJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        IgnoreReadOnlyProperties = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static IResult Json(object? value, int statusCode = StatusCodes.Status200OK) =>
        Results.Json(value, Options, contentType: "application/json", statusCode: statusCode);

    public static string Name<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());
}
