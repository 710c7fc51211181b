using RoCoIn.Engine.Knowledge;

namespace RoCoIn.Engine.Tests.Knowledge;

public class LouvainTests
{
    [Fact]
    public void KarateClubReachesNearOptimalModularityAtResolutionOne()
    {
        var graph = KarateClub.Graph();

        var (communities, modularity) = Louvain.Detect(graph, resolution: 1.0);

        KarateClub.Edges.Length.ShouldBe(78);
        modularity.ShouldBeGreaterThanOrEqualTo(0.41);
        modularity.ShouldBeLessThanOrEqualTo(0.4198 + 1e-4);   // the known optimum
        modularity.ShouldBe(graph.Modularity(communities), 1e-12);
        communities.Distinct().Count().ShouldBeInRange(3, 5);
    }

    [Fact]
    public void ResultIsDeterministic()
    {
        var first = Louvain.Detect(KarateClub.Graph(), 0.7);
        var second = Louvain.Detect(KarateClub.Graph(), 0.7);

        second.Communities.ShouldBe(first.Communities);
        second.Modularity.ShouldBe(first.Modularity);
    }

    [Fact]
    public void TwoCliquesJoinedByOneEdgeAreTwoCommunities()
    {
        var graph = new WeightedGraph(8);
        for (var a = 0; a < 4; a++)
            for (var b = a + 1; b < 4; b++)
            {
                graph.AddEdge(a, b, 1);
                graph.AddEdge(a + 4, b + 4, 1);
            }
        graph.AddEdge(3, 4, 1);

        var (communities, _) = Louvain.Detect(graph);

        communities.ShouldBe([0, 0, 0, 0, 1, 1, 1, 1]);
    }

    [Fact]
    public void LowerResolutionGivesFewerOrEqualCommunities()
    {
        var coarse = Louvain.Detect(KarateClub.Graph(), 0.5).Communities.Distinct().Count();
        var fine = Louvain.Detect(KarateClub.Graph(), 2.0).Communities.Distinct().Count();

        coarse.ShouldBeLessThanOrEqualTo(fine);
    }

    [Fact]
    public void GraphWithoutEdgesKeepsEveryNodeAlone()
    {
        var (communities, modularity) = Louvain.Detect(new WeightedGraph(3));

        communities.ShouldBe([0, 1, 2]);
        modularity.ShouldBe(0);
    }

    [Fact]
    public void NegativeWeightsAndResolutionsAreRefused()
    {
        Should.Throw<ArgumentException>(() => new WeightedGraph(2).AddEdge(0, 1, -1));
        Should.Throw<ArgumentOutOfRangeException>(() => Louvain.Detect(new WeightedGraph(2), 0));
    }
}
