namespace RoCoIn.Engine.Evaluation;

/// <summary>Expected accuracy of served requests under group failures (rocoin-model.md §6).</summary>
public static class AccuracyModel
{
    /// <summary>Most groups a subset table can describe here (2^16 − 1 subsets); the model itself uses K ≤ 8.</summary>
    public const int MaxGroups = 16;

    /// <summary>
    /// E[acc | served]. Strict: acc(all groups). Degraded:
    /// Σ_{A≠∅} acc(A)·Π_{k∈A}(1 − q_k)·Π_{k∉A} q_k / (1 − Π_k q_k).
    /// </summary>
    /// <remarks>
    /// A subset A is a bitmask over groups: bit k set means group k answered, so all groups is 2^K − 1. Accuracies are
    /// fractions in [0, 1]. In degraded mode only subsets with a non-zero probability are needed (a group with
    /// q_k = 0 always answers, so subsets without it are not), and the sum is normalised by the sum of those
    /// probabilities, which equals 1 − Π_k q_k and keeps the result within the accuracies' range despite rounding.
    /// Keys outside 1..2^K − 1 are ignored.
    /// </remarks>
    /// <param name="accuracyBySubset">acc(A) by subset bitmask.</param>
    /// <param name="groupFailureProbabilities">q_k(τ) per group (<see cref="PlanMetrics.GroupFailureProbabilities"/>).</param>
    /// <param name="mode">Strict or degraded.</param>
    /// <returns>The expected accuracy; null when there are no groups, when the table lacks an entry that is needed, or
    /// (degraded) when no group can answer (1 − Π_k q_k = 0).</returns>
    /// <exception cref="ArgumentException">A q_k is outside [0, 1], a needed accuracy is outside [0, 1], there are more
    /// than <see cref="MaxGroups"/> groups, or the mode is undefined.</exception>
    public static double? ExpectedServedAccuracy(
        IReadOnlyDictionary<int, double> accuracyBySubset, IReadOnlyList<double> groupFailureProbabilities, FailureMode mode)
    {
        ArgumentNullException.ThrowIfNull(accuracyBySubset);
        ArgumentNullException.ThrowIfNull(groupFailureProbabilities);
        if (!Enum.IsDefined(mode))
            throw new ArgumentException($"mode is {(int)mode}; it must be Strict or Degraded.", nameof(mode));
        var groupCount = groupFailureProbabilities.Count;
        if (groupCount > MaxGroups)
            throw new ArgumentException($"groupFailureProbabilities has {groupCount} groups; at most {MaxGroups} are supported.",
                nameof(groupFailureProbabilities));
        for (var k = 0; k < groupCount; k++)
        {
            var q = groupFailureProbabilities[k];
            if (!(q is >= 0 and <= 1))
                throw new ArgumentException(EvaluationGuard.Invalid($"groupFailureProbabilities[{k}]", q, "must lie in [0, 1]"),
                    nameof(groupFailureProbabilities));
        }
        if (groupCount == 0)
            return null;

        var all = (1 << groupCount) - 1;
        if (mode == FailureMode.Strict)
            return Lookup(accuracyBySubset, all);

        var weightSum = 0.0;
        var weighted = 0.0;
        for (var subset = 1; subset <= all; subset++)
        {
            var weight = 1.0;
            for (var k = 0; k < groupCount; k++)
            {
                var q = groupFailureProbabilities[k];
                weight *= (subset & (1 << k)) != 0 ? 1 - q : q;
            }
            if (weight == 0)
                continue;
            if (Lookup(accuracyBySubset, subset) is not { } accuracy)
                return null;
            weightSum += weight;
            weighted += weight * accuracy;
        }
        return weightSum > 0 ? weighted / weightSum : null;
    }

    private static double? Lookup(IReadOnlyDictionary<int, double> accuracyBySubset, int subset)
    {
        if (!accuracyBySubset.TryGetValue(subset, out var accuracy))
            return null;
        if (!(accuracy is >= 0 and <= 1))
            throw new ArgumentException(EvaluationGuard.Invalid($"accuracyBySubset[{subset}]", accuracy, "must lie in [0, 1]"),
                nameof(accuracyBySubset));
        return accuracy;
    }
}
