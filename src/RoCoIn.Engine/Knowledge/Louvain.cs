namespace RoCoIn.Engine.Knowledge;

/// <summary>
/// Multi-level Louvain community detection (Blondel et al. 2008) with a resolution parameter: local moves of
/// single nodes to the neighbouring community with the best modularity gain, then aggregation of communities
/// into nodes, repeated until modularity stops rising. Nodes are visited in index order and ties keep the
/// current community, then prefer the lowest community index, so the result is deterministic.
/// </summary>
public static class Louvain
{
    /// <summary>The community (0-based, numbered by first appearance) of every node, and the modularity reached.</summary>
    public static (IReadOnlyList<int> Communities, double Modularity) Detect(WeightedGraph graph, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(graph);
        if (!(resolution > 0) || !double.IsFinite(resolution))
            throw new ArgumentOutOfRangeException(nameof(resolution), resolution, "The resolution must be a positive number.");
        var n = graph.NodeCount;
        var membership = Enumerable.Range(0, n).ToArray();   // original node → current top-level node
        var current = graph;
        var best = graph.Modularity(Renumber(membership), resolution);
        while (true)
        {
            var local = LocalMoves(current, resolution, out var moved);
            if (!moved)
                break;
            var renumbered = Renumber(local);
            var candidate = membership.Select(node => renumbered[node]).ToArray();
            var quality = graph.Modularity(candidate, resolution);
            if (quality <= best + 1e-12)
                break;
            best = quality;
            membership = candidate;
            current = Aggregate(current, renumbered);
        }
        var result = Renumber(membership);
        return (result, graph.Modularity(result, resolution));
    }

    // One level: move nodes one at a time until a full pass moves none. Returns community per node.
    private static int[] LocalMoves(WeightedGraph graph, double resolution, out bool movedAny)
    {
        var n = graph.NodeCount;
        var community = Enumerable.Range(0, n).ToArray();
        var degree = Enumerable.Range(0, n).Select(graph.Degree).ToArray();
        var total = (double[])degree.Clone();   // Σ_tot per community
        var m2 = 2 * graph.TotalWeight;
        movedAny = false;
        if (m2 == 0)
            return community;
        var improved = true;
        for (var pass = 0; improved && pass < 1000; pass++)
        {
            improved = false;
            for (var i = 0; i < n; i++)
            {
                var own = community[i];
                // Weight from i to each neighbouring community, self-loop excluded.
                var links = new SortedDictionary<int, double>();
                foreach (var (j, w) in graph.Neighbours(i))
                {
                    if (j != i)
                        links[community[j]] = links.GetValueOrDefault(community[j]) + w;
                }
                total[own] -= degree[i];
                double Gain(int c) => links.GetValueOrDefault(c) - (resolution * total[c] * degree[i] / m2);
                var bestCommunity = own;
                var bestGain = Gain(own);
                foreach (var c in links.Keys)
                {
                    var gain = Gain(c);
                    if (gain > bestGain + 1e-12)
                    {
                        bestGain = gain;
                        bestCommunity = c;
                    }
                }
                total[bestCommunity] += degree[i];
                if (bestCommunity != own)
                {
                    community[i] = bestCommunity;
                    improved = true;
                    movedAny = true;
                }
            }
        }
        return community;
    }

    // Communities become nodes; edge weights add up; edges inside a community become self-loops.
    private static WeightedGraph Aggregate(WeightedGraph graph, int[] community)
    {
        var aggregated = new WeightedGraph(community.Max() + 1);
        for (var i = 0; i < graph.NodeCount; i++)
        {
            foreach (var (j, w) in graph.Neighbours(i))
            {
                // Each undirected edge is seen from both ends; add it once. A self-loop is seen once.
                if (j > i || j == i)
                    aggregated.AddEdge(community[i], community[j], w);
            }
        }
        return aggregated;
    }

    private static int[] Renumber(IReadOnlyList<int> community)
    {
        var map = new Dictionary<int, int>();
        return community.Select(c => map.TryGetValue(c, out var id) ? id : map[c] = map.Count).ToArray();
    }
}
