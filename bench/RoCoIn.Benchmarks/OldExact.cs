using RoCoIn.Engine.Planning;

namespace RoCoIn.Benchmarks;

public static class OldExact
{
    public static DeploymentPlan? Plan(PlanRequest request)
    {
        var context = new PlanningContext(request);
        if (FeasibilityAnalyzer.CheckInputs(context) is not null)
            return null;
        var n = context.Devices.Count;
        var maxK = Math.Min(Math.Min(n, context.F), Math.Max(1, context.Settings.MaxGroups));
        var divisions = Math.Min(16, context.F);
        var step = context.F / divisions;
        Candidate? best = null;
        var bestScore = double.PositiveInfinity;
        var block = new int[n + 1];
        foreach (var _ in SetPartitions(block, 1, 0))
        {
            var blocks = block.Max() + 1;
            var unusedBlock = block[n];
            var k = blocks - 1;
            if (k < 1 || k > maxK)
                continue;
            var groupOfBlock = new int[blocks];
            for (int b = 0, g = 0; b < blocks; b++)
                groupOfBlock[b] = b == unusedBlock ? -1 : g++;
            var candidate = new Candidate(n, k);
            for (var d = 0; d < n; d++)
                candidate.GroupOf[d] = groupOfBlock[block[d]];
            foreach (var parts in ExactPlanner.Compositions(divisions, k))
            {
                for (var g = 0; g < k; g++)
                    candidate.Width[g] = parts[g] * step;
                candidate.Width[k - 1] += context.F - (divisions * step);
                foreach (var _2 in StudentChoices(context, candidate))
                {
                    var score = context.Score(candidate);
                    if (score < bestScore)
                    {
                        bestScore = score;
                        best = candidate.Clone();
                    }
                }
            }
        }
        if (best is null)
            return null;
        var plan = context.ToPlan("Exact (grid F/" + divisions + ")", best, $"Exhaustive search; {context.Evaluations} candidates evaluated.");
        return plan.MeetsConstraints ? plan : null;
    }

    private static IEnumerable<int> SetPartitions(int[] block, int index, int maxSoFar)
    {
        if (index == block.Length)
        {
            yield return 0;
            yield break;
        }
        for (var b = 0; b <= maxSoFar + 1; b++)
        {
            block[index] = b;
            foreach (var x in SetPartitions(block, index + 1, Math.Max(maxSoFar, b)))
                yield return x;
        }
    }

    private static IEnumerable<int> StudentChoices(PlanningContext context, Candidate candidate)
    {
        var k = candidate.K;
        var members = Enumerable.Range(0, k).Select(g => candidate.Members(g).ToArray()).ToArray();
        var fitting = new List<int>[k];
        for (var g = 0; g < k; g++)
        {
            var g1 = g;
            fitting[g] = Enumerable.Range(0, context.Students.Count)
                .Where(s => members[g1].All(d => context.Fits(d, s, candidate.Width[g1]))).ToList();
            if (fitting[g].Count == 0)
                yield break;
        }
        if (context.Settings.AccuracyFloor is null)
        {
            for (var g = 0; g < k; g++)
                candidate.Student[g] = fitting[g].MinBy(s => context.Flops(s, candidate.Width[g]));
            yield return 0;
            yield break;
        }
        var index = new int[k];
        while (true)
        {
            for (var g = 0; g < k; g++)
                candidate.Student[g] = fitting[g][index[g]];
            yield return 0;
            var pos = 0;
            while (pos < k && ++index[pos] == fitting[pos].Count)
                index[pos++] = 0;
            if (pos == k)
                yield break;
        }
    }
}
