using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices.Exchange;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Web.Api;

/// <summary>RFC 7807 answers whose <c>errors</c> map names the fields (and rows) at fault.</summary>
internal static class ApiProblems
{
    public static IResult Validation(IEnumerable<FieldError> errors, string title = "The request is invalid.") =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Field).ToDictionary(g => g.Key, g => g.Select(e => e.Message).ToArray()),
            title: title);

    /// <summary>Row errors keyed "rows[3].computeFlopsPerSecond" (file-level ones by "file" or "header").</summary>
    public static IResult Import(IEnumerable<RowError> errors) =>
        Results.ValidationProblem(
            errors.GroupBy(e => e.Row == 0 ? e.Field : $"rows[{e.Row}].{e.Field}")
                .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray()),
            detail: "Nothing was imported. Fix the rows listed in errors and import the whole file again.",
            title: "The file has errors.");

    public static async Task<IResult> FromStoreAsync<T>(StoreResult<T> result, Func<T, Task<IResult>> onOk) =>
        result.IsOk ? await onOk(result.Value!) : FromStore(result, _ => Results.Empty);

    public static IResult FromStore<T>(StoreResult<T> result, Func<T, IResult> onOk) => result.Status switch
    {
        StoreStatus.Ok => onOk(result.Value!),
        StoreStatus.NotFound => Results.Problem(result.Message, statusCode: StatusCodes.Status404NotFound, title: "Not found."),
        StoreStatus.Conflict => Results.Problem(result.Message, statusCode: StatusCodes.Status409Conflict, title: "Conflict."),
        _ => Validation(result.Errors),
    };
}
