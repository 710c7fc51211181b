using RoCoIn.Engine.Coordination;

namespace RoCoIn.RealRunBench;

/// <summary>One request of a load: its index in the load, when it started and ended (since the load began), its outcome.</summary>
public sealed record TimedOutcome(int Index, TimeSpan Started, TimeSpan Ended, RequestOutcome Outcome)
{
    /// <summary>
    /// The coordinator's own share of a served request: its latency minus the slowest reply it needed (the latest of
    /// the groups' winning replies, each timed from the start of the request to the member's reply), i.e. deciding,
    /// concatenating, the aggregator and the hops between; null when not served.
    /// </summary>
    public TimeSpan? Overhead
    {
        get
        {
            if (!Outcome.Served)
                return null;
            var needed = Outcome.Members.Where(m => m.Outcome == MemberOutcome.Won && m.Elapsed is not null).Select(m => m.Elapsed!.Value)
                .DefaultIfEmpty(TimeSpan.Zero).Max();
            return Outcome.Latency - needed;
        }
    }
}

/// <summary>What one closed-loop load measured.</summary>
/// <param name="Concurrency">Workers (requests in flight).</param>
/// <param name="Wall">From the first request's start to the last one's end.</param>
/// <param name="Outcomes">Every request, by index.</param>
public sealed record LoadRun(int Concurrency, TimeSpan Wall, IReadOnlyList<TimedOutcome> Outcomes)
{
    public int Sent => Outcomes.Count;

    public int Served => Outcomes.Count(o => o.Outcome.Served);

    public int Correct => Outcomes.Count(o => o.Outcome.Correct);

    /// <summary>Served requests per second of wall time.</summary>
    public double Throughput => Wall > TimeSpan.Zero ? Served / Wall.TotalSeconds : 0;

    /// <summary>Latencies of served requests, seconds.</summary>
    public Summary Latency => Summary.Of(Outcomes.Where(o => o.Outcome.Served).Select(o => o.Outcome.Latency.TotalSeconds));

    /// <summary>Coordinator overhead of served requests, seconds.</summary>
    public Summary Overhead => Summary.Of(Outcomes.Select(o => o.Overhead).OfType<TimeSpan>().Select(t => t.TotalSeconds));

    /// <summary>How many member shares ended each way.</summary>
    public IReadOnlyDictionary<MemberOutcome, int> MemberOutcomes => Enum.GetValues<MemberOutcome>()
        .ToDictionary(m => m, m => Outcomes.Sum(o => o.Outcome.Members.Count(x => x.Outcome == m)));
}

/// <summary>Percentiles of a sample by the lower-inverse rule of rocoin-model.md §3 (as RealRunService): p_x = the
/// ⌈x·n⌉-th smallest value.</summary>
public sealed record Summary(int Count, double Mean, double Min, double P50, double P95, double P99, double Max)
{
    public static Summary Of(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
            return new Summary(0, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        double At(double x) => sorted[Math.Max(0, (int)Math.Ceiling(x * sorted.Length) - 1)];
        return new Summary(sorted.Length, sorted.Average(), sorted[0], At(0.50), At(0.95), At(0.99), sorted[^1]);
    }
}
