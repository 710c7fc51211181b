namespace RoCoIn.Data.Entities;

/// <summary>
/// The engine's <c>SecondAggregate</c> of one simulated second of one run: a run of any length stores one row per
/// simulated second, never one per request.
/// </summary>
public sealed class RunSecondRow
{
    public int RunId { get; set; }
    public int Second { get; set; }
    public long Sent { get; set; }
    public long Served { get; set; }
    public long Correct { get; set; }
    public long WithinObjective { get; set; }
    public double LatencySumSeconds { get; set; }
    public double? P50Seconds { get; set; }
    public double? P95Seconds { get; set; }
    public double? P99Seconds { get; set; }
}
