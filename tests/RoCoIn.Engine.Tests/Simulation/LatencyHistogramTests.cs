using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Tests.Simulation;

public class LatencyHistogramTests
{
    [Fact]
    public void PercentilesAreWithinOnePercentOfTheExactLowerInverseOverTheWholeRange()
    {
        var random = new SeededRandom(21);
        var values = new double[200_000];
        var histogram = new LatencyHistogram();
        for (var i = 0; i < values.Length; i++)
        {
            // Log-uniform over 1 µs – 10⁴ s.
            values[i] = Math.Pow(10, random.NextUniform(-6, 4));
            histogram.Record(values[i]);
        }
        Array.Sort(values);

        foreach (var x in new[] { 0.001, 0.01, 0.1, 0.25, 0.5, 0.75, 0.9, 0.95, 0.99, 0.999, 1 })
        {
            var exact = values[(int)Math.Ceiling(x * values.Length) - 1];
            var estimate = histogram.Percentile(x)!.Value;
            estimate.ShouldBeGreaterThanOrEqualTo(exact, $"x = {x}");
            ((estimate - exact) / exact).ShouldBeLessThanOrEqualTo(0.01, $"x = {x}");
        }
        histogram.Count.ShouldBe(values.Length);
        histogram.Mean!.Value.ShouldBe(values.Average(), 1e-9 * values.Average());
        histogram.MinRecordedSeconds.ShouldBe(values[0]);
        histogram.MaxRecordedSeconds.ShouldBe(values[^1]);
    }

    [Fact]
    public void FewDistinctValuesGiveExactPercentilesByTheLowerInverse()
    {
        var histogram = new LatencyHistogram();
        for (var i = 0; i < 90; i++)
            histogram.Record(0.25);
        for (var i = 0; i < 10; i++)
            histogram.Record(0.75);

        histogram.Percentile(0.5).ShouldBe(0.25);
        histogram.Percentile(0.9).ShouldBe(0.25);
        histogram.Percentile(0.91).ShouldBe(0.75);
        histogram.Percentile(0.99).ShouldBe(0.75);
    }

    [Fact]
    public void MergeEqualsRecordingEverythingInOne()
    {
        var random = new SeededRandom(5);
        var a = new LatencyHistogram();
        var b = new LatencyHistogram();
        var all = new LatencyHistogram();
        for (var i = 0; i < 10_000; i++)
        {
            var value = random.NextUniform(0.001, 3);
            (i % 3 == 0 ? a : b).Record(value);
            all.Record(value);
        }

        a.Merge(b);

        a.Count.ShouldBe(all.Count);
        a.ToBuckets().ShouldBe(all.ToBuckets());
        a.Percentile(0.95).ShouldBe(all.Percentile(0.95));
        a.MinRecordedSeconds.ShouldBe(all.MinRecordedSeconds);
        a.MaxRecordedSeconds.ShouldBe(all.MaxRecordedSeconds);
    }

    [Fact]
    public void BucketsAreSparseAscendingAndBoundTheirValuesFromAbove()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(0.001);
        histogram.Record(0.001);
        histogram.Record(2);
        histogram.Record(0.5);

        var buckets = histogram.ToBuckets();

        buckets.Count.ShouldBe(3);
        buckets.Sum(b => b.Count).ShouldBe(4);
        buckets.Select(b => b.UpperSeconds).ShouldBeInOrder();
        buckets[0].Count.ShouldBe(2);
        buckets[0].UpperSeconds.ShouldBeInRange(0.001, 0.001 * (1 + LatencyHistogram.RelativeError));
        // A power of two is the upper bound of its own bucket: buckets are (lower, upper].
        buckets[1].UpperSeconds.ShouldBe(0.5);
        buckets[2].UpperSeconds.ShouldBe(2);
    }

    [Fact]
    public void ClearEmptiesAndEmptyGivesNoPercentile()
    {
        var histogram = new LatencyHistogram();
        histogram.Record(1);
        histogram.Clear();

        histogram.Count.ShouldBe(0);
        histogram.Percentile(0.5).ShouldBeNull();
        histogram.Mean.ShouldBeNull();
        histogram.ToBuckets().ShouldBeEmpty();
    }

    [Fact]
    public void NegativeOrNonFiniteValuesAreRefused()
    {
        var histogram = new LatencyHistogram();

        Should.Throw<ArgumentOutOfRangeException>(() => histogram.Record(-1));
        Should.Throw<ArgumentOutOfRangeException>(() => histogram.Record(double.NaN));
        Should.Throw<ArgumentOutOfRangeException>(() => histogram.Record(double.PositiveInfinity));
        Should.Throw<ArgumentOutOfRangeException>(() => histogram.Percentile(0));
    }
}
