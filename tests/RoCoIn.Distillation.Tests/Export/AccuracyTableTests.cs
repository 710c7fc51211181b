using RoCoIn.Distillation.Export;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Distillation.Tests.Export;

public class AccuracyTableTests
{
    /// <summary>An "aggregator" whose logits are its input: F = classes.</summary>
    private sealed class IdentitySession(int features) : IInferenceSession
    {
        public string InputName => "input";
        public string OutputName => "logits";
        public IReadOnlyList<long> InputShape => [-1, features, 1, 1];
        public IReadOnlyList<long> OutputShape => [-1, features];
        public float[] Run(ReadOnlySpan<float> input, int batch) => input.ToArray();
    }

    [Fact]
    public void MeasuresEveryNonEmptySubsetWithMissingGroupsZeroed()
    {
        // Group 0 votes for class 0 with 1, group 1 for class 1 with 2; every label is 0. Only {0} is right.
        float[][] features = [[1f, 1f, 1f], [2f, 2f, 2f]];

        var table = AccuracyTable.Measure(new IdentitySession(2), features, [1, 1], [0, 0, 0], _ => { }, TestContext.Current.CancellationToken);

        table.Keys.ShouldBe([1, 2, 3]);
        table[1].ShouldBe(1.0);
        table[2].ShouldBe(0.0);
        table[3].ShouldBe(0.0);
    }

    [Fact]
    public void ConcatenateKeepsPartitionOrderAndZeroesMissingGroups()
    {
        float[][] features = [[1f, 2f, 3f, 4f], [5f, 6f]];

        OnnxExporter.Concatenate(features, [2, 1], count: 2).ShouldBe([1f, 2f, 5f, 3f, 4f, 6f]);
        OnnxExporter.Concatenate(features, [2, 1], count: 2, subset: 2).ShouldBe([0f, 0f, 5f, 0f, 0f, 6f]);
    }
}
