namespace RoCoIn.Engine.Evaluation;

/// <summary>What <see cref="MonteCarloEvaluator.Run"/> observed over its simulated isolated requests.</summary>
/// <param name="Requests">n, requests simulated.</param>
/// <param name="Served">Requests served (strict: every group answered by τ; degraded: at least one did).</param>
/// <param name="Reliability">Served / n, the estimate of R.</param>
/// <param name="MeanServedSeconds">Mean latency of served requests, the estimate of E[T | served]; null if none was served.</param>
/// <param name="StdDevServedSeconds">Sample standard deviation (n − 1) of served latencies; 0 for one served request, null for none.</param>
/// <param name="MeanCappedSeconds">Mean of min(T, τ) over all requests (a failed request costs τ), the estimate of J.</param>
/// <param name="StdDevCappedSeconds">Sample standard deviation (n − 1) of min(T, τ) over all requests; 0 when n = 1.</param>
/// <param name="ServedLatencies">Latencies T of the served requests, seconds, ascending.</param>
public sealed record MonteCarloResult(
    int Requests,
    int Served,
    double Reliability,
    double? MeanServedSeconds,
    double? StdDevServedSeconds,
    double MeanCappedSeconds,
    double StdDevCappedSeconds,
    IReadOnlyList<double> ServedLatencies)
{
    /// <summary>
    /// The x-quantile of served requests by the same lower-inverse rule as the closed form, applied to the empirical
    /// distribution: the smallest served latency t with #{served ≤ t} ≥ x·Served (relative tolerance
    /// <see cref="ClosedFormEvaluator.PercentileTolerance"/>); null when nothing was served.
    /// </summary>
    /// <param name="x">The fraction, in (0, 1].</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="x"/> is outside (0, 1].</exception>
    public double? Percentile(double x)
    {
        if (!(x > 0 && x <= 1))
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must lie in (0, 1].");
        var served = ServedLatencies.Count;
        if (served == 0)
            return null;
        var rank = (int)Math.Ceiling(x * served * (1 - ClosedFormEvaluator.PercentileTolerance));
        return ServedLatencies[Math.Clamp(rank, 1, served) - 1];
    }
}
