using System.Text.Json;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Jobs;

/// <summary>What a handler gets for one job: its id, its parameters as stored, and where to report progress.</summary>
/// <param name="JobId">The job's id.</param>
/// <param name="ParametersJson">The parameters given to <see cref="JobService.EnqueueAsync"/>, as camelCase JSON.</param>
/// <param name="Progress">Throttled: report as often as is convenient.</param>
public sealed record JobContext(int JobId, string ParametersJson, IProgress<JobProgress> Progress)
{
    /// <summary>The parameters read back (camelCase, case-insensitive).</summary>
    /// <exception cref="InvalidOperationException">The stored parameters are not a <typeparamref name="T"/>.</exception>
    public T GetParameters<T>()
    {
        try
        {
            return JsonSerializer.Deserialize<T>(ParametersJson, JobService.ParameterJsonOptions)
                ?? throw new InvalidOperationException($"Job {JobId} has no parameters.");
        }
        catch (JsonException ex)
        {
            throw new InvalidOperationException($"Job {JobId}'s parameters cannot be read: {ex.Message}", ex);
        }
    }
}
