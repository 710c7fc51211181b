using RoCoIn.Engine.Knowledge;
using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Tests.Knowledge;

public class KnowledgePartitionerTests
{
    // Images in which channel blocks fire together, so the graph has clear communities.
    private static List<float[]> BlockActivations(int f, int blocks, int images, long seed)
    {
        var random = new SeededRandom(seed);
        var result = new List<float[]>();
        for (var i = 0; i < images; i++)
        {
            var block = i % blocks;
            var a = new float[f];
            for (var c = 0; c < f; c++)
                a[c] = (float)(c * blocks / f == block ? 0.3 + (0.7 * random.NextDouble()) : 0.05 * random.NextDouble());
            result.Add(a);
        }
        return result;
    }

    [Theory]
    [InlineData(new[] { 64 })]
    [InlineData(new[] { 32, 32 })]
    [InlineData(new[] { 31, 27, 6 })]
    [InlineData(new[] { 1, 1, 1, 61 })]
    [InlineData(new[] { 8, 8, 8, 8, 8, 8, 8, 8 })]
    public void PartitionsHaveExactlyTheRequestedWidthsAndCoverEveryChannelOnce(int[] widths)
    {
        var partition = KnowledgePartitioner.Partition(BlockActivations(64, 4, 400, 3), 64, widths);

        partition.Channels.Select(p => p.Count).ShouldBe(widths);
        partition.Channels.SelectMany(p => p).Order().ShouldBe(Enumerable.Range(0, 64));
    }

    [Fact]
    public void WholeCommunitiesGoToTheLargestDeficitFirst()
    {
        // Three chains: channels 0–5, 6–9, 10–12.
        var graph = new WeightedGraph(13);
        foreach (var (a, b) in new[] { (0, 1), (1, 2), (2, 3), (3, 4), (4, 5), (6, 7), (7, 8), (8, 9), (10, 11), (11, 12) })
            graph.AddEdge(a, b, 1);
        int[] communities = [0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2];

        var partitions = KnowledgePartitioner.SizePartitions(graph, communities, [3, 6, 4]);

        partitions[0].ShouldBe([10, 11, 12]);
        partitions[1].ShouldBe([0, 1, 2, 3, 4, 5]);
        partitions[2].ShouldBe([6, 7, 8, 9]);
    }

    [Fact]
    public void ACommunityTooLargeIsSplitByGrowingFromItsBestConnectedChannel()
    {
        // A star around channel 2 with a tail: 2 has the highest weighted degree.
        var graph = new WeightedGraph(6);
        foreach (var (a, b, w) in new[] { (2, 0, 3.0), (2, 1, 2.0), (2, 3, 1.0), (3, 4, 5.0), (4, 5, 0.5) })
            graph.AddEdge(a, b, w);

        var partitions = KnowledgePartitioner.SizePartitions(graph, [0, 0, 0, 0, 0, 0], [3, 3]);

        // Grows 2, then its strongest neighbour 0, then 1; the rest forms the other partition.
        partitions[0].ShouldBe([0, 1, 2]);
        partitions[1].ShouldBe([3, 4, 5]);
    }

    [Fact]
    public void SameInputGivesTheSamePartition()
    {
        var activations = BlockActivations(64, 3, 300, 9);

        var first = KnowledgePartitioner.Partition(activations, 64, [20, 24, 20]);
        var second = KnowledgePartitioner.Partition(activations, 64, [20, 24, 20]);

        second.Channels.ShouldBe(first.Channels);
        second.Modularity.ShouldBe(first.Modularity);
    }

    [Fact]
    public void SparsificationTouchesAtLeastNinetyPercentOfChannels()
    {
        var graph = KnowledgePartitioner.ActivationGraph(BlockActivations(64, 4, 200, 1), 64);

        var sparse = KnowledgePartitioner.Sparsify(graph, 64, out var kept);

        Enumerable.Range(0, 64).Count(c => sparse.Neighbours(c).Count > 0).ShouldBeGreaterThanOrEqualTo(58);
        kept.ShouldBeLessThan(Enumerable.Range(0, 64).Sum(c => graph.Neighbours(c).Count) / 2);
    }

    [Fact]
    public void ActivationGraphWeightsFollowTheFormula()
    {
        // F = 8 so every channel is in the top k = 8; a normalised to [1, 0.5, 0, …].
        var graph = KnowledgePartitioner.ActivationGraph([[2f, 1f, 0, 0, 0, 0, 0, 0]], 8);

        graph.Neighbours(0)[1].ShouldBe(1 * 0.5 * 0.5, 1e-12);
        graph.Neighbours(0).ContainsKey(2).ShouldBeFalse();   // weight 0: no edge
    }

    [Fact]
    public void WidthsThatDoNotAddUpToFAreRefusedWithTheSum()
    {
        var error = Should.Throw<ArgumentException>(() => KnowledgePartitioner.Partition(BlockActivations(64, 2, 10, 1), 64, [30, 30]));

        error.Message.ShouldContain("add up to 60, not F = 64");
    }
}
