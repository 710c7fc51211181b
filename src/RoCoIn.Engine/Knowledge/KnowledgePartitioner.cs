namespace RoCoIn.Engine.Knowledge;

/// <summary>
/// NoNN-style knowledge partition with RoCoIn's sized partitions (rocoin-model.md §4): an activation graph over the
/// teacher's last-layer channels, sparsified, split into communities by Louvain, then packed into partitions of
/// exactly the widths a plan asks for.
/// </summary>
public static class KnowledgePartitioner
{
    /// <summary>Default Louvain resolution (§4).</summary>
    public const double DefaultResolution = 0.7;

    /// <summary>
    /// Partitions <paramref name="featureChannels"/> channels given each held-out image's per-channel mean activation
    /// (after ReLU), into partitions of <paramref name="widths"/> (which must add up to F).
    /// </summary>
    /// <exception cref="ArgumentException">Widths that do not add up to F, a width below 1, or rows of the wrong length.</exception>
    public static KnowledgePartition Partition(IReadOnlyList<float[]> meanActivations, int featureChannels, IReadOnlyList<int> widths,
        double resolution = DefaultResolution)
    {
        ArgumentNullException.ThrowIfNull(meanActivations);
        ArgumentNullException.ThrowIfNull(widths);
        if (widths.Count == 0 || widths.Any(w => w < 1))
            throw new ArgumentException($"Every partition needs a width of at least 1 (got {string.Join(", ", widths)}).", nameof(widths));
        if (widths.Sum() != featureChannels)
            throw new ArgumentException($"The widths add up to {widths.Sum()}, not F = {featureChannels}.", nameof(widths));
        var graph = ActivationGraph(meanActivations, featureChannels);
        var sparse = Sparsify(graph, featureChannels, out var kept);
        var (communities, modularity) = Louvain.Detect(sparse, resolution);
        var channels = SizePartitions(graph, communities, widths);
        return new KnowledgePartition(channels, communities, modularity, kept);
    }

    /// <summary>
    /// §4 steps 1–2: per image, normalise by the image's largest channel mean, keep the top k = max(8, ⌈0.2·F⌉)
    /// channels, and add a_i·a_j·|a_i − a_j| to every pair among them.
    /// </summary>
    public static WeightedGraph ActivationGraph(IReadOnlyList<float[]> meanActivations, int featureChannels)
    {
        ArgumentNullException.ThrowIfNull(meanActivations);
        var graph = new WeightedGraph(featureChannels);
        var k = Math.Min(featureChannels, Math.Max(8, (int)Math.Ceiling(0.2 * featureChannels)));
        var weights = new double[featureChannels, featureChannels];
        for (var image = 0; image < meanActivations.Count; image++)
        {
            var a = meanActivations[image];
            if (a.Length != featureChannels)
                throw new ArgumentException($"Image {image} has {a.Length} channel means; the teacher has F = {featureChannels}.", nameof(meanActivations));
            var max = a.Max();
            if (!(max > 0))
                continue;   // an all-zero image says nothing about which channels fire together
            var top = Enumerable.Range(0, featureChannels).OrderByDescending(c => a[c]).ThenBy(c => c).Take(k).ToArray();
            for (var x = 0; x < top.Length; x++)
            {
                for (var y = x + 1; y < top.Length; y++)
                {
                    double ai = a[top[x]] / max, aj = a[top[y]] / max;
                    var (i, j) = top[x] < top[y] ? (top[x], top[y]) : (top[y], top[x]);
                    weights[i, j] += ai * aj * Math.Abs(ai - aj);
                }
            }
        }
        for (var i = 0; i < featureChannels; i++)
        {
            for (var j = i + 1; j < featureChannels; j++)
                graph.AddEdge(i, j, weights[i, j]);
        }
        return graph;
    }

    /// <summary>§4 step 3: keep the strongest edges, in weight order, until at least 90 % of channels touch one.</summary>
    public static WeightedGraph Sparsify(WeightedGraph graph, int featureChannels, out int edgesKept)
    {
        ArgumentNullException.ThrowIfNull(graph);
        var edges = new List<(int I, int J, double W)>();
        for (var i = 0; i < featureChannels; i++)
        {
            foreach (var (j, w) in graph.Neighbours(i))
            {
                if (j > i)
                    edges.Add((i, j, w));
            }
        }
        var sparse = new WeightedGraph(featureChannels);
        var touched = new bool[featureChannels];
        var touchedCount = 0;
        edgesKept = 0;
        var needed = (int)Math.Ceiling(0.9 * featureChannels);
        foreach (var (i, j, w) in edges.OrderByDescending(e => e.W).ThenBy(e => e.I).ThenBy(e => e.J))
        {
            if (touchedCount >= needed)
                break;
            sparse.AddEdge(i, j, w);
            edgesKept++;
            if (!touched[i]) { touched[i] = true; touchedCount++; }
            if (!touched[j]) { touched[j] = true; touchedCount++; }
        }
        return sparse;
    }

    /// <summary>
    /// §4 step 5: communities largest first; a whole community goes to the partition with the largest remaining
    /// deficit when it fits; otherwise the part that fits grows from its channel of highest weighted degree, adding
    /// the member with the strongest ties to the part, and the rest waits for the next partition. Channels in no
    /// community of their own (isolated) fill the largest remaining deficits last (ties: lower channel index).
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<int>> SizePartitions(WeightedGraph graph, IReadOnlyList<int> communities, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(communities);
        ArgumentNullException.ThrowIfNull(widths);
        var deficit = widths.ToArray();
        var partitions = widths.Select(_ => new List<int>()).ToArray();
        var groups = communities.Select((c, channel) => (c, channel)).GroupBy(x => x.c).Select(g => g.Select(x => x.channel).ToList()).ToList();
        var isolated = groups.Where(g => g.Count == 1 && graph.Neighbours(g[0]).Count == 0).SelectMany(g => g).ToList();
        var queue = groups.Where(g => !(g.Count == 1 && graph.Neighbours(g[0]).Count == 0)).ToList();

        int LargestDeficit() => Enumerable.Range(0, deficit.Length).Where(k => deficit[k] > 0)
            .OrderByDescending(k => deficit[k]).ThenBy(k => k).DefaultIfEmpty(-1).First();

        while (queue.Count > 0)
        {
            var community = queue.OrderByDescending(g => g.Count).ThenBy(g => g.Min()).First();
            queue.Remove(community);
            var target = LargestDeficit();
            if (target < 0)
                break;
            if (community.Count <= deficit[target])
            {
                partitions[target].AddRange(community);
                deficit[target] -= community.Count;
                continue;
            }
            var part = Grow(graph, community, deficit[target]);
            partitions[target].AddRange(part);
            deficit[target] = 0;
            queue.Add(community.Except(part).ToList());
        }
        foreach (var channel in isolated.Order())
        {
            var target = LargestDeficit();
            partitions[target].Add(channel);
            deficit[target]--;
        }
        return partitions.Select(p => (IReadOnlyList<int>)p.Order().ToList()).ToList();
    }

    private static List<int> Grow(WeightedGraph graph, List<int> community, int size)
    {
        var members = community.ToHashSet();
        double Tie(int channel, IEnumerable<int> set) => set.Sum(s => graph.Neighbours(channel).GetValueOrDefault(s));
        var seed = community.OrderByDescending(c => Tie(c, members.Where(m => m != c))).ThenBy(c => c).First();
        var part = new List<int> { seed };
        while (part.Count < size)
        {
            var next = community.Where(c => !part.Contains(c)).OrderByDescending(c => Tie(c, part)).ThenBy(c => c).First();
            part.Add(next);
        }
        return part;
    }
}
