namespace RoCoIn.Engine.Knowledge;

/// <summary>The teacher's F channels split into partitions of the requested widths, with how the split was found.</summary>
/// <param name="Channels">Per partition k, its teacher channel indices (ascending); partition k has exactly the width asked for it.</param>
/// <param name="Communities">The Louvain community of every channel (before sizing).</param>
/// <param name="Modularity">Modularity of <paramref name="Communities"/> at the resolution used.</param>
/// <param name="EdgesKept">Edges of the activation graph kept after sparsification.</param>
public sealed record KnowledgePartition(IReadOnlyList<IReadOnlyList<int>> Channels, IReadOnlyList<int> Communities, double Modularity, int EdgesKept);
