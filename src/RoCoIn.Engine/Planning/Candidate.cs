namespace RoCoIn.Engine.Planning;

/// <summary>
/// A plan under construction, as flat arrays the search can change cheaply: the group of every device
/// (−1 = unused), and per group its width and student index.
/// </summary>
public sealed class Candidate
{
    /// <summary>A candidate with <paramref name="deviceCount"/> devices, all unused, and <paramref name="groups"/> empty groups.</summary>
    public Candidate(int deviceCount, int groups)
    {
        GroupOf = Enumerable.Repeat(-1, deviceCount).ToArray();
        Width = new int[groups];
        Student = new int[groups];
    }

    private Candidate(int[] groupOf, int[] width, int[] student)
    {
        GroupOf = groupOf;
        Width = width;
        Student = student;
    }

    /// <summary>Group index per device index; −1 means unused.</summary>
    public int[] GroupOf { get; }

    /// <summary>d_k per group.</summary>
    public int[] Width { get; }

    /// <summary>Student index per group.</summary>
    public int[] Student { get; }

    /// <summary>Number of groups K.</summary>
    public int K => Width.Length;

    /// <summary>Members of group <paramref name="k"/> (device indices).</summary>
    public IEnumerable<int> Members(int k)
    {
        for (var d = 0; d < GroupOf.Length; d++)
        {
            if (GroupOf[d] == k)
                yield return d;
        }
    }

    /// <summary>Number of members of group <paramref name="k"/>.</summary>
    public int Size(int k)
    {
        var count = 0;
        foreach (var g in GroupOf)
        {
            if (g == k)
                count++;
        }
        return count;
    }

    /// <summary>An independent copy.</summary>
    public Candidate Clone() => new((int[])GroupOf.Clone(), (int[])Width.Clone(), (int[])Student.Clone());
}
