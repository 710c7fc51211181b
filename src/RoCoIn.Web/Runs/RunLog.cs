namespace RoCoIn.Web.Runs;

/// <summary>The run host's log messages.</summary>
internal static partial class RunLog
{
    [LoggerMessage(LogLevel.Warning, "Run {RunId} stopped because the studio is shutting down; the next start marks it interrupted.")]
    public static partial void ShuttingDown(ILogger logger, int runId);

    [LoggerMessage(LogLevel.Warning, "Run {RunId} failed.")]
    public static partial void Failed(ILogger logger, Exception exception, int runId);

    [LoggerMessage(LogLevel.Warning, "Could not save completed seconds of run {RunId}; they are saved with the result.")]
    public static partial void SecondsNotSaved(ILogger logger, Exception exception, int runId);

    [LoggerMessage(LogLevel.Warning, "Run {RunId}'s result was not stored: {Message}")]
    public static partial void ResultNotStored(ILogger logger, int runId, string? message);

    [LoggerMessage(LogLevel.Information, "Run {RunId}'s job {JobId} was not marked succeeded: {Message}")]
    public static partial void JobNotSucceeded(ILogger logger, int runId, int jobId, string? message);

    [LoggerMessage(LogLevel.Error, "Run {RunId}'s failure could not be recorded.")]
    public static partial void FailureNotRecorded(ILogger logger, Exception exception, int runId);

    [LoggerMessage(LogLevel.Information, "Marked {Count} runs interrupted that were live when the studio stopped.")]
    public static partial void Interrupted(ILogger logger, int count);

    [LoggerMessage(LogLevel.Warning, "Run {RunId} could not be stopped after its job was cancelled.")]
    public static partial void NotStoppedOnCancel(ILogger logger, Exception exception, int runId);
}
