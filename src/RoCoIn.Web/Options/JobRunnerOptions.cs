namespace RoCoIn.Web.Options;

/// <summary>The "RoCoIn:Jobs" configuration section: how background jobs run and report.</summary>
public sealed class JobRunnerOptions
{
    public const string Section = "RoCoIn:Jobs";

    /// <summary>
    /// Jobs that run at once. One by default: planning, distillation and fast simulations are CPU-heavy, and on a
    /// small machine a second one would only slow both and freeze open pages (stack-notes §9).
    /// </summary>
    public int MaxParallelJobs { get; set; } = 1;

    /// <summary>Shortest gap between two progress messages of one job (default 250 ms: at most 4 a second).</summary>
    public TimeSpan ProgressInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Shortest gap between two progress writes of one job to the database (default 1 s).</summary>
    public TimeSpan ProgressPersistInterval { get; set; } = TimeSpan.FromSeconds(1);
}
