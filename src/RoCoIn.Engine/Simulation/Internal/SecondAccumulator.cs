using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>The running totals of one arrival second while its requests are in flight; reused once it is complete.</summary>
internal sealed class SecondAccumulator
{
    public long Sent;
    public long Served;
    public long Correct;
    public long WithinObjective;
    public long Pending;
    public double LatencySum;

    public LatencyHistogram Histogram { get; } = new();

    public void Reset()
    {
        Sent = 0;
        Served = 0;
        Correct = 0;
        WithinObjective = 0;
        Pending = 0;
        LatencySum = 0;
        Histogram.Clear();
    }

    public SecondAggregate ToAggregate(int second) =>
        new(second, Sent, Served, Correct, WithinObjective, LatencySum,
            Histogram.Percentile(0.50), Histogram.Percentile(0.95), Histogram.Percentile(0.99));
}
