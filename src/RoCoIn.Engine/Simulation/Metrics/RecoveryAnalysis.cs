namespace RoCoIn.Engine.Simulation.Metrics;

/// <summary>
/// Time to recover from a failure (rocoin-model.md §10) from the per-second aggregates of a run: from the failure's
/// start until the success rate over a 1 s window is back within 1 point of its level before the failure.
/// </summary>
/// <remarks>
/// Windows are the whole arrival seconds of <see cref="SecondAggregate"/> (the stored resolution), and seconds without
/// requests are skipped. The level before is the success rate over the up to <see cref="LevelWindowSeconds"/> whole
/// seconds before the failure's second; when there are none (a failure in the first second) the caller's fallback
/// (the closed form's R) stands in. The failure counts as having dropped the rate if a second from its start until
/// <see cref="GraceSeconds"/> after its end (or the end of the data, for a failure still in effect) falls more than
/// 1 point below the level; the time to recover is then from the failure's start to the start of the first later
/// second back within 1 point.
/// </remarks>
internal static class RecoveryAnalysis
{
    /// <summary>Seconds before the failure that set the level to recover to.</summary>
    public const int LevelWindowSeconds = 10;

    /// <summary>"Within 1 point": success rates are fractions.</summary>
    public const double Tolerance = 0.01;

    /// <summary>Seconds after a failure ends in which a drop is still attributed to it (queues drain, requests in flight finish).</summary>
    public const int GraceSeconds = 10;

    private const double Rounding = 1e-9;

    /// <summary>Seconds from <paramref name="start"/> to recovery; 0 when the rate never dropped; null when it had not recovered.</summary>
    /// <param name="seconds">Per-second aggregates, where element s is second s.</param>
    /// <param name="start">When the failure began.</param>
    /// <param name="end">When it ended, or null if it still holds.</param>
    /// <param name="fallbackLevel">The level to recover to when no second precedes the failure.</param>
    public static double? TimeToRecover(IReadOnlyList<SecondAggregate> seconds, double start, double? end, double fallbackLevel)
    {
        var first = (int)Math.Floor(start);
        long sent = 0, served = 0;
        for (var s = Math.Max(0, first - LevelWindowSeconds); s < Math.Min(first, seconds.Count); s++)
        {
            sent += seconds[s].Sent;
            served += seconds[s].Served;
        }
        var level = sent > 0 ? (double)served / sent : fallbackLevel;
        var threshold = level - Tolerance - Rounding;

        var lastDrop = seconds.Count - 1;
        if (end is { } e && double.IsFinite(e))
            lastDrop = (int)Math.Min(lastDrop, Math.Floor(e) + GraceSeconds);
        var dropped = -1;
        for (var s = Math.Max(0, first); s <= lastDrop; s++)
        {
            if (seconds[s].SuccessRate is { } rate && rate < threshold)
            {
                dropped = s;
                break;
            }
        }
        if (dropped < 0)
            return 0;
        for (var s = dropped + 1; s < seconds.Count; s++)
        {
            if (seconds[s].SuccessRate is { } rate && rate >= threshold)
                return Math.Max(0, s - start);
        }
        return null;
    }
}
