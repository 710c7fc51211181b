using System.Text.RegularExpressions;
using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace RoCoIn.Web.Api;

/// <summary>
/// Turns a request body that cannot bind (bad JSON, a string where a number goes) into a 400 problem whose
/// errors map names the JSON path, instead of a bare 400 or a 500.
/// </summary>
internal sealed partial class BadRequestExceptionHandler(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
            return false;
        var field = "body";
        var message = bad.Message;
        if (bad.InnerException is JsonException json)
        {
            field = string.IsNullOrEmpty(json.Path) || json.Path == "$" ? "body" : json.Path.TrimStart('$', '.');
            message = $"Not valid here: {FirstSentence(json.Message)}";
        }
        else if (ParameterName().Match(bad.Message) is { Success: true } match)
        {
            // e.g. 'Failed to bind parameter "int? skip" from "abc".'
            field = match.Groups[1].Value;
        }
        httpContext.Response.StatusCode = bad.StatusCode;
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = "The request body could not be read.",
                Detail = message,
                Extensions = { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } },
            },
            Exception = exception,
        });
    }

    [GeneratedRegex("parameter \"(?:[^\"]* )?(\\w+)\"")]
    private static partial Regex ParameterName();

    private static string FirstSentence(string text)
    {
        var cut = text.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? text[..cut] : text;
    }
}
