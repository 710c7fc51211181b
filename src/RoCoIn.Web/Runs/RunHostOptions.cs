namespace RoCoIn.Web.Runs;

/// <summary>The "RoCoIn:Runs" configuration section: how live runs are driven, saved and reported.</summary>
public sealed class RunHostOptions
{
    public const string Section = "RoCoIn:Runs";

    /// <summary>Period of the real-time clock: simulated time advances by wall-clock elapsed × factor this often (default 100 ms).</summary>
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Wall-clock time a fast run simulates between two looks at its controls (default 50 ms): pause, step, inject and
    /// stop wait at most about this long.
    /// </summary>
    public TimeSpan FastSlice { get; set; } = TimeSpan.FromMilliseconds(50);

    /// <summary>Shortest gap between two live updates of one run (default 250 ms: at most 4 a second). State changes go at once.</summary>
    public TimeSpan UpdateInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Shortest gap between two writes of completed seconds of one run (default 1 s).</summary>
    public TimeSpan PersistInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Most runs live at once (default 4); starting another is refused until one ends.</summary>
    public int MaxLiveRuns { get; set; } = 4;

    /// <summary>Recent request paths each simulator keeps for the live page (default 20).</summary>
    public int TraceCapacity { get; set; } = 20;
}
