namespace RoCoIn.Data.Stores;

/// <summary>
/// Where a run is in its life: queued → running ⇄ paused → finished | aborted | stopped | failed, or interrupted when
/// the studio stopped while it was running or paused.
/// </summary>
/// <remarks>Stored by name, so members may be added or reordered without a migration; never rename one.</remarks>
public enum RunStatus
{
    /// <summary>Created, not started yet.</summary>
    Queued,

    /// <summary>Simulated time advances.</summary>
    Running,

    /// <summary>Held by the operator; it can be stepped, injected into, resumed or stopped.</summary>
    Paused,

    /// <summary>Reached its duration or request limit.</summary>
    Finished,

    /// <summary>Stopped by its auto-abort rule.</summary>
    Aborted,

    /// <summary>Stopped by the operator before its end; its results cover the time simulated.</summary>
    Stopped,

    /// <summary>Broke with an error; the reason says which.</summary>
    Failed,

    /// <summary>The studio stopped while it ran; set at the next start-up.</summary>
    Interrupted,
}

/// <summary>Questions about a <see cref="RunStatus"/>.</summary>
public static class RunStatusExtensions
{
    /// <summary>True while a run is live: queued, running or paused.</summary>
    public static bool IsLive(this RunStatus status) => status is RunStatus.Queued or RunStatus.Running or RunStatus.Paused;
}
