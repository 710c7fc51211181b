namespace RoCoIn.Engine.Jobs;

/// <summary>Questions about a <see cref="JobStatus"/>.</summary>
public static class JobStatusExtensions
{
    /// <summary>True for the states a job never leaves: succeeded, failed, cancelled, interrupted.</summary>
    public static bool IsFinished(this JobStatus status) => status is not (JobStatus.Queued or JobStatus.Running);
}
