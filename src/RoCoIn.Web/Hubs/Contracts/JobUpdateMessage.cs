using System.Text.Json;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// A job's news on the wire. <c>kind</c> and <c>status</c> are camelCase names ("simulation", "running");
/// <c>progress</c> is 0–1; <c>stateChanged</c> is false for a progress report.
/// </summary>
public sealed record JobUpdateMessage(
    int JobId,
    string Kind,
    string Status,
    double Progress,
    string Message,
    bool StateChanged,
    string? Reason,
    string? ResultKind,
    int? ResultId,
    string? ResultUrl)
{
    public static JobUpdateMessage From(JobUpdate update)
    {
        ArgumentNullException.ThrowIfNull(update);
        return new(update.JobId, JsonNamingPolicy.CamelCase.ConvertName(update.Kind.ToString()),
            JsonNamingPolicy.CamelCase.ConvertName(update.Status.ToString()), update.Progress.Fraction, update.Progress.Message,
            update.IsStateChange, update.Reason, update.ResultKind, update.ResultId, JobResultKinds.ApiUrl(update.ResultKind, update.ResultId));
    }
}
