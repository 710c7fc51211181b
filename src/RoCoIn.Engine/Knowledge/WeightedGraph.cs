namespace RoCoIn.Engine.Knowledge;

/// <summary>
/// An undirected weighted graph on nodes 0..n−1, as adjacency lists. Edges added once appear in both lists;
/// a self-loop of weight w adds 2w to the node's degree, as in the Louvain papers.
/// </summary>
public sealed class WeightedGraph
{
    private readonly Dictionary<int, double>[] _adjacency;

    /// <summary>A graph with <paramref name="nodeCount"/> nodes and no edges.</summary>
    public WeightedGraph(int nodeCount)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(nodeCount);
        _adjacency = Enumerable.Range(0, nodeCount).Select(_ => new Dictionary<int, double>()).ToArray();
    }

    /// <summary>Number of nodes.</summary>
    public int NodeCount => _adjacency.Length;

    /// <summary>Adds <paramref name="weight"/> to the edge {a, b} (a self-loop when a = b).</summary>
    /// <exception cref="ArgumentException">A weight that is negative or not finite.</exception>
    public void AddEdge(int a, int b, double weight)
    {
        if (!double.IsFinite(weight) || weight < 0)
            throw new ArgumentException($"Edge weights must be finite and non-negative (got {weight} on {a}–{b}).", nameof(weight));
        if (weight == 0)
            return;
        _adjacency[a][b] = _adjacency[a].GetValueOrDefault(b) + weight;
        if (a != b)
            _adjacency[b][a] = _adjacency[b].GetValueOrDefault(a) + weight;
    }

    /// <summary>Neighbours of <paramref name="node"/> with edge weights (a self-loop lists the node itself).</summary>
    public IReadOnlyDictionary<int, double> Neighbours(int node) => _adjacency[node];

    /// <summary>Weighted degree: the sum of incident edge weights, self-loops counted twice.</summary>
    public double Degree(int node) => _adjacency[node].Sum(e => e.Key == node ? 2 * e.Value : e.Value);

    /// <summary>Total edge weight m (each undirected edge once).</summary>
    public double TotalWeight => Enumerable.Range(0, NodeCount).Sum(Degree) / 2;

    /// <summary>
    /// Newman–Girvan modularity of <paramref name="community"/> at resolution γ:
    /// Q = Σ_c [ in_c / 2m − γ (tot_c / 2m)² ].
    /// </summary>
    public double Modularity(IReadOnlyList<int> community, double resolution = 1.0)
    {
        ArgumentNullException.ThrowIfNull(community);
        var m2 = 2 * TotalWeight;
        if (m2 == 0)
            return 0;
        var inside = new Dictionary<int, double>();
        var total = new Dictionary<int, double>();
        for (var i = 0; i < NodeCount; i++)
        {
            var c = community[i];
            total[c] = total.GetValueOrDefault(c) + Degree(i);
            foreach (var (j, w) in _adjacency[i])
            {
                if (community[j] == c)
                    inside[c] = inside.GetValueOrDefault(c) + (i == j ? 2 * w : w);
            }
        }
        return total.Keys.Sum(c => (inside.GetValueOrDefault(c) / m2) - (resolution * Math.Pow(total[c] / m2, 2)));
    }
}
