namespace RoCoIn.Engine.Jobs;

/// <summary>What a background job does; the studio runs each kind with its own handler.</summary>
/// <remarks>Stored by name, so members may be added or reordered without a migration; never rename one.</remarks>
public enum JobKind
{
    /// <summary>Plans groups, widths and students for a fleet.</summary>
    Planning,

    /// <summary>Distils a plan's students from the teacher.</summary>
    Distillation,

    /// <summary>Simulates a plan under a failure scenario.</summary>
    Simulation,

    /// <summary>Serves requests on real device agents.</summary>
    RealRun,
}
