namespace RoCoIn.Engine.Evaluation;

/// <summary>What one request costs outside the students (rocoin-model.md §2).</summary>
/// <param name="InputBits">D_in: the input on the wire (Fashion-MNIST: 28·28·8 bit as uint8).</param>
/// <param name="BitsPerFeature">b: bits per returned feature value (32).</param>
/// <param name="AggregatorFlops">c_agg: the requester's FC(F → classes).</param>
/// <param name="RequesterFlopsPerSecond">f_s: the requester's throughput.</param>
public sealed record RequestCosts(double InputBits, double BitsPerFeature, double AggregatorFlops, double RequesterFlopsPerSecond)
{
    /// <summary>δ = c_agg / f_s.</summary>
    public double AggregatorSeconds => AggregatorFlops / RequesterFlopsPerSecond;
}
