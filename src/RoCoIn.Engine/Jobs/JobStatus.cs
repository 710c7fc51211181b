namespace RoCoIn.Engine.Jobs;

/// <summary>
/// Where a background job is in its life: <see cref="Queued"/> → <see cref="Running"/> → one of the finished states.
/// A queued job may also be cancelled before it starts.
/// </summary>
/// <remarks>Stored by name, so members may be added or reordered without a migration; never rename one.</remarks>
public enum JobStatus
{
    /// <summary>Waiting for a free runner.</summary>
    Queued,

    /// <summary>A runner is working on it.</summary>
    Running,

    /// <summary>Finished and made its result.</summary>
    Succeeded,

    /// <summary>Stopped by an error; the job's reason says which.</summary>
    Failed,

    /// <summary>Stopped at a user's request.</summary>
    Cancelled,

    /// <summary>The studio stopped while the job ran; set at the next start-up.</summary>
    Interrupted,
}
