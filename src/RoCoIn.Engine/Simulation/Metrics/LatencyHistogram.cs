using System.Globalization;
using RoCoIn.Engine.Evaluation;

namespace RoCoIn.Engine.Simulation.Metrics;

/// <summary>
/// A log-linear latency histogram: every power of two from 2⁻²⁰ s (≈ 0.95 µs) to 2¹⁴ s (≈ 16,000 s) is split into
/// <see cref="SubBuckets"/> equal buckets, so a bucket is at most 1/128 (0.78 %) of its lower bound wide. Memory is
/// fixed (<see cref="BucketCount"/> buckets), whatever the number of values recorded.
/// </summary>
/// <remarks>
/// <para>A bucket holds the values in (lower, upper]; values at or below 2⁻²⁰ s go to the first bucket and values above
/// 2¹⁴ s to the last. Each bucket also keeps the largest value recorded in it, and <see cref="Percentile"/> returns
/// that value: it is never below the true percentile and at most one bucket width above it, so the relative error is
/// ≤ 1/128 within 1 µs – 10⁴ s, and zero when the values that reach the percentile's bucket are all equal (a
/// closed-loop run without jitter has a handful of distinct latencies).</para>
/// <para>Count, sum, minimum and maximum are exact.</para>
/// </remarks>
public sealed class LatencyHistogram
{
    /// <summary>Linear buckets per power of two.</summary>
    public const int SubBuckets = 128;

    /// <summary>Smallest latency recorded with the full resolution, seconds (1 µs).</summary>
    public const double MinSeconds = 1e-6;

    /// <summary>Largest latency recorded with the full resolution, seconds (10⁴ s).</summary>
    public const double MaxSeconds = 1e4;

    /// <summary>Buckets in a histogram (34 powers of two × <see cref="SubBuckets"/>).</summary>
    public const int BucketCount = (MaxExponent - MinExponent + 1) * SubBuckets;

    /// <summary>The largest relative error of a percentile within [<see cref="MinSeconds"/>, <see cref="MaxSeconds"/>].</summary>
    public const double RelativeError = 1.0 / SubBuckets;

    private const int MinExponent = -20;
    private const int MaxExponent = 13;
    private const int SubBucketBits = 7;
    private static readonly double LowestBound = Math.ScaleB(1, MinExponent);
    private static readonly double HighestBound = Math.ScaleB(1, MaxExponent + 1);

    private readonly long[] _counts = new long[BucketCount];
    private readonly double[] _largest = new double[BucketCount];
    private int _lowestUsed = BucketCount;
    private int _highestUsed = -1;

    /// <summary>Values recorded.</summary>
    public long Count { get; private set; }

    /// <summary>Sum of the values recorded, seconds.</summary>
    public double SumSeconds { get; private set; }

    /// <summary>Smallest value recorded, or null when empty.</summary>
    public double? MinRecordedSeconds => Count == 0 ? null : _min;

    /// <summary>Largest value recorded, or null when empty.</summary>
    public double? MaxRecordedSeconds => Count == 0 ? null : _max;

    /// <summary>Mean of the values recorded, or null when empty.</summary>
    public double? Mean => Count == 0 ? null : SumSeconds / Count;

    private double _min;
    private double _max;

    /// <summary>Adds one latency.</summary>
    /// <param name="seconds">A finite latency ≥ 0, seconds.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="seconds"/> is negative, infinite or NaN.</exception>
    public void Record(double seconds)
    {
        if (!(seconds >= 0 && seconds < double.PositiveInfinity))
            ThrowBadValue(seconds);
        var i = BucketIndex(seconds);
        if (_counts[i]++ == 0 || seconds > _largest[i])
            _largest[i] = seconds;
        if (i < _lowestUsed)
            _lowestUsed = i;
        if (i > _highestUsed)
            _highestUsed = i;
        if (Count == 0)
        {
            _min = seconds;
            _max = seconds;
        }
        else
        {
            if (seconds < _min)
                _min = seconds;
            if (seconds > _max)
                _max = seconds;
        }
        Count++;
        SumSeconds += seconds;
    }

    /// <summary>
    /// The x-quantile by the lower-inverse rule p_x = min{t : F(t) ≥ x} (rank ⌈x·n⌉, with the relative tolerance of
    /// <see cref="ClosedFormEvaluator.PercentileTolerance"/>), within <see cref="RelativeError"/> above the
    /// exact value; null when empty.
    /// </summary>
    /// <param name="x">The fraction, in (0, 1] (0.95 for p95).</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is outside (0, 1].</exception>
    public double? Percentile(double x)
    {
        if (!(x > 0 && x <= 1))
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in (0, 1].");
        if (Count == 0)
            return null;
        var rank = (long)Math.Ceiling(x * Count * (1 - ClosedFormEvaluator.PercentileTolerance));
        rank = Math.Clamp(rank, 1, Count);
        long cumulative = 0;
        for (var i = _lowestUsed; i <= _highestUsed; i++)
        {
            cumulative += _counts[i];
            if (cumulative >= rank)
                return _largest[i];
        }
        return _max;
    }

    /// <summary>Adds every value of <paramref name="other"/> to this histogram.</summary>
    /// <param name="other">Another histogram (left unchanged).</param>
    public void Merge(LatencyHistogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.Count == 0)
            return;
        for (var i = other._lowestUsed; i <= other._highestUsed; i++)
        {
            var count = other._counts[i];
            if (count == 0)
                continue;
            if (_counts[i] == 0 || other._largest[i] > _largest[i])
                _largest[i] = other._largest[i];
            _counts[i] += count;
        }
        _lowestUsed = Math.Min(_lowestUsed, other._lowestUsed);
        _highestUsed = Math.Max(_highestUsed, other._highestUsed);
        _min = Count == 0 ? other._min : Math.Min(_min, other._min);
        _max = Count == 0 ? other._max : Math.Max(_max, other._max);
        Count += other.Count;
        SumSeconds += other.SumSeconds;
    }

    /// <summary>Empties the histogram; the cost is proportional to the range of buckets used.</summary>
    public void Clear()
    {
        if (_highestUsed >= _lowestUsed)
            Array.Clear(_counts, _lowestUsed, _highestUsed - _lowestUsed + 1);
        _lowestUsed = BucketCount;
        _highestUsed = -1;
        Count = 0;
        SumSeconds = 0;
        _min = 0;
        _max = 0;
    }

    /// <summary>The non-empty buckets, ascending: each with its upper bound and count (sparse, for storage).</summary>
    public IReadOnlyList<HistogramBucket> ToBuckets()
    {
        var buckets = new List<HistogramBucket>();
        for (var i = _lowestUsed; i <= _highestUsed; i++)
        {
            if (_counts[i] > 0)
                buckets.Add(new HistogramBucket(UpperBound(i), _counts[i]));
        }
        return buckets;
    }

    /// <summary>The upper bound of bucket <paramref name="index"/>, seconds (the last bucket also holds everything above it).</summary>
    /// <param name="index">0 to <see cref="BucketCount"/> − 1.</param>
    public static double UpperBound(int index)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(index);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, BucketCount);
        var (octave, sub) = Math.DivRem(index, SubBuckets);
        return Math.ScaleB(1 + ((sub + 1) / (double)SubBuckets), octave + MinExponent);
    }

    /// <summary>The bucket of a latency: (lower, upper] from the exponent and top mantissa bits of the value just below it.</summary>
    internal static int BucketIndex(double seconds)
    {
        if (seconds <= LowestBound)
            return 0;
        if (seconds > HighestBound)
            return BucketCount - 1;
        // One ulp down turns the half-open [lower, upper) of the bit pattern into (lower, upper].
        var bits = BitConverter.DoubleToInt64Bits(seconds) - 1;
        var exponent = (int)(bits >> 52) - 1023;
        var sub = (int)(bits >> (52 - SubBucketBits)) & (SubBuckets - 1);
        return ((exponent - MinExponent) * SubBuckets) + sub;
    }

    private static void ThrowBadValue(double seconds) =>
        throw new ArgumentOutOfRangeException(nameof(seconds), seconds,
            string.Create(CultureInfo.InvariantCulture, $"A latency must be finite and ≥ 0; got {seconds:R}."));
}
