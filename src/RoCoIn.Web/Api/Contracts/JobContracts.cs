using System.Text.Json;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Api.Contracts;

/// <summary>
/// A background job. <c>kind</c> and <c>status</c> are camelCase names; <c>progress</c> is 0–1;
/// <c>queuePosition</c> is set while queued (jobs running now count as ahead); <c>resultUrl</c> points at what a
/// succeeded job made.
/// </summary>
public sealed record JobDto(
    int Id,
    string Kind,
    string Title,
    string Status,
    double Progress,
    string ProgressMessage,
    int? QueuePosition,
    DateTimeOffset QueuedUtc,
    DateTimeOffset? StartedUtc,
    DateTimeOffset? EndedUtc,
    string? Reason,
    string? ResultKind,
    int? ResultId,
    string? ResultUrl,
    JsonElement? Parameters)
{
    public static JobDto From(JobRecord job, int? queuePosition)
    {
        ArgumentNullException.ThrowIfNull(job);
        return new(job.Id, NameOf(job.Kind), job.Title, NameOf(job.Status), job.Progress, job.ProgressMessage,
            job.Status == JobStatus.Queued ? queuePosition : null, job.QueuedUtc, job.StartedUtc, job.EndedUtc, job.Reason,
            job.ResultKind, job.ResultId, JobResultKinds.ApiUrl(job.ResultKind, job.ResultId), ParametersOf(job.ParametersJson));
    }

    private static string NameOf<T>(T value) where T : struct, Enum => JsonNamingPolicy.CamelCase.ConvertName(value.ToString());

    private static JsonElement? ParametersOf(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            return document.RootElement.Clone();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
