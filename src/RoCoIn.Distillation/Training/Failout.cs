using RoCoIn.Engine.Randomness;

namespace RoCoIn.Distillation.Training;

/// <summary>
/// Failout (rocoin-model.md §5, after ResiliNet): while training, each group's features are zeroed with probability
/// p_drop, independently per image and group, but never all groups of one image at once (such draws are redrawn, so
/// the kept patterns keep their relative odds); no rescaling.
/// </summary>
public static class Failout
{
    /// <summary>For each of <paramref name="batch"/> images, which of <paramref name="groups"/> groups keep their features.</summary>
    public static bool[,] GroupMask(SeededRandom random, int batch, int groups, double dropProbability)
    {
        ArgumentNullException.ThrowIfNull(random);
        ArgumentOutOfRangeException.ThrowIfLessThan(groups, 1);
        if (!(dropProbability is >= 0 and < 1))
            throw new ArgumentOutOfRangeException(nameof(dropProbability), dropProbability, "p_drop must lie in [0, 1).");
        var keep = new bool[batch, groups];
        for (var b = 0; b < batch; b++)
        {
            if (groups == 1 || dropProbability == 0)
            {
                for (var k = 0; k < groups; k++)
                    keep[b, k] = true;
                continue;
            }
            bool any;
            do
            {
                any = false;
                for (var k = 0; k < groups; k++)
                {
                    keep[b, k] = random.NextDouble() >= dropProbability;
                    any |= keep[b, k];
                }
            }
            while (!any);
        }
        return keep;
    }

    /// <summary>The group mask spread over the concatenated features: B×F values of 1 (kept) or 0 (dropped), row-major.</summary>
    public static float[] FeatureMask(bool[,] groupMask, IReadOnlyList<int> widths)
    {
        ArgumentNullException.ThrowIfNull(groupMask);
        ArgumentNullException.ThrowIfNull(widths);
        var batch = groupMask.GetLength(0);
        var features = widths.Sum();
        var mask = new float[batch * features];
        for (var b = 0; b < batch; b++)
        {
            var offset = b * features;
            for (var k = 0; k < widths.Count; k++)
            {
                if (groupMask[b, k])
                    Array.Fill(mask, 1f, offset, widths[k]);
                offset += widths[k];
            }
        }
        return mask;
    }
}
