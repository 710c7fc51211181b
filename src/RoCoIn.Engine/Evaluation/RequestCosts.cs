namespace RoCoIn.Engine.Evaluation;

/// <summary>What one request costs outside the students (rocoin-model.md §2).</summary>
/// <param name="InputBits">D_in: the input on the wire (Fashion-MNIST: 28·28·8 bit as uint8).</param>
/// <param name="BitsPerFeature">b: bits per returned feature value (32).</param>
/// <param name="AggregatorFlops">c_agg: the requester's FC(F → classes).</param>
/// <param name="RequesterFlopsPerSecond">f_s: the requester's throughput.</param>
public sealed record RequestCosts(double InputBits, double BitsPerFeature, double AggregatorFlops, double RequesterFlopsPerSecond)
{
    /// <summary>D_in for one Fashion-MNIST image sent as uint8 pixels: 28·28·8 = 6272 bit.</summary>
    public const double FashionMnistInputBits = 28 * 28 * 8;

    /// <summary>b for fp32 features: 32 bit per value.</summary>
    public const double Fp32BitsPerFeature = 32;

    /// <summary>δ = c_agg / f_s.</summary>
    public double AggregatorSeconds => AggregatorFlops / RequesterFlopsPerSecond;

    /// <summary>
    /// Costs of a Fashion-MNIST request: D_in = <see cref="FashionMnistInputBits"/>, b = <see cref="Fp32BitsPerFeature"/>.
    /// </summary>
    /// <param name="aggregatorFlops">c_agg of the aggregator, FLOP.</param>
    /// <param name="requesterFlopsPerSecond">f_s of the requester, FLOP/s.</param>
    public static RequestCosts FashionMnist(double aggregatorFlops, double requesterFlopsPerSecond) =>
        new(FashionMnistInputBits, Fp32BitsPerFeature, aggregatorFlops, requesterFlopsPerSecond);
}
