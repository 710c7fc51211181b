using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Options;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Api;

/// <summary>Reads raw request bodies with a size limit, for endpoints that check types themselves.</summary>
internal static class RequestBodies
{
    /// <summary>The body as text, or an error when it is larger than the import limit.</summary>
    public static async Task<(string? Text, FieldError? Error)> ReadTextAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var limit = request.HttpContext.RequestServices.GetRequiredService<IOptions<StudioOptions>>().Value.MaxImportBytes;
        if (request.ContentLength > limit)
            return (null, new("body", $"The body is {request.ContentLength} bytes; at most {limit} bytes are accepted."));
        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[limit + 1];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), cancellationToken);
        return read > limit
            ? (null, new("body", $"The body is larger than the limit of {limit} bytes."))
            : (new string(buffer, 0, read), null);
    }

    /// <summary>The body as one JSON element (cloned), or an error naming where the JSON breaks.</summary>
    public static async Task<(JsonElement? Element, FieldError? Error)> ReadJsonAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (text, error) = await ReadTextAsync(request, cancellationToken);
        if (text is null)
            return (null, error);
        if (string.IsNullOrWhiteSpace(text))
            return (null, new("body", "The body is empty; send a JSON object."));
        try
        {
            using var document = JsonDocument.Parse(text);
            return (document.RootElement.Clone(), null);
        }
        catch (JsonException ex)
        {
            return (null, new("body", $"Not valid JSON at line {(ex.LineNumber ?? 0) + 1}, position {(ex.BytePositionInLine ?? 0) + 1}."));
        }
    }

    /// <summary>Parses "add"/"replace" (default add).</summary>
    public static bool TryParseMode(string? mode, out DeviceImportMode result)
    {
        result = DeviceImportMode.Add;
        return string.IsNullOrEmpty(mode) || Enum.TryParse(mode, ignoreCase: true, out result) && Enum.IsDefined(result);
    }

    /// <summary>Parses "csv"/"json"; without one, guesses from the content type (JSON unless it says CSV).</summary>
    public static bool TryParseFormat(string? format, string? contentType, out DeviceExchangeFormat result)
    {
        if (string.IsNullOrEmpty(format))
        {
            result = contentType?.Contains("csv", StringComparison.OrdinalIgnoreCase) == true ? DeviceExchangeFormat.Csv : DeviceExchangeFormat.Json;
            return true;
        }
        return Enum.TryParse(format, ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}
