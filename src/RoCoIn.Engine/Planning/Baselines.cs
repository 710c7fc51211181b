using RoCoIn.Engine.Randomness;

namespace RoCoIn.Engine.Planning;

/// <summary>The comparison plans of rocoin-model.md §8, built on the same context as the RoCoIn plan.</summary>
public static class Baselines
{
    /// <summary>Baseline names, in display order.</summary>
    public static IReadOnlyList<string> Names { get; } =
        ["NoNN", "Full replication", "Random", "Equal partition", "Capacity-aware, no redundancy"];

    /// <summary>
    /// Every baseline that can be built. Those that need the RoCoIn plan's K or groups (Random, Equal partition)
    /// are left out when there is no RoCoIn candidate.
    /// </summary>
    public static IReadOnlyList<DeploymentPlan> Build(PlanningContext context, Candidate? rocoin)
    {
        ArgumentNullException.ThrowIfNull(context);
        var plans = new List<DeploymentPlan>();
        void Add(string name, Candidate? candidate, string notes)
        {
            if (candidate is not null && Enumerable.Range(0, candidate.K).All(k => candidate.Size(k) > 0))
                plans.Add(context.ToPlan(name, candidate, notes));
        }

        var maxK = Math.Min(Math.Min(context.Devices.Count, context.F), 8);
        Add(Names[0], OnePerGroup(context, maxK, proportional: false),
            $"The {maxK} fastest devices, one per group, equal widths: no redundancy.");
        Add(Names[1], FullReplication(context), "One group of every device that can hold the student, full width F.");
        if (rocoin is not null)
        {
            Add(Names[2], RandomGroups(context, rocoin.K), $"Random groups (seed {context.Settings.Seed}) with RoCoIn's K = {rocoin.K}, equal widths.");
            Add(Names[3], EqualPartition(context, rocoin), "RoCoIn's groups with equal widths.");
        }
        Add(Names[4], OnePerGroup(context, maxK, proportional: true),
            $"The {maxK} fastest devices, one per group, widths proportional to device speed.");
        return plans;
    }

    private static Candidate? OnePerGroup(PlanningContext context, int k, bool proportional)
    {
        var fastest = Usable(context).OrderByDescending(d => context.Devices[d].ComputeFlopsPerSecond)
            .ThenBy(d => context.Devices[d].Id).Take(k).ToList();
        if (fastest.Count == 0)
            return null;
        k = fastest.Count;
        var candidate = new Candidate(context.Devices.Count, k);
        var widths = proportional
            ? ProportionalWidths(context.F, fastest.Select(d => context.Devices[d].ComputeFlopsPerSecond).ToArray())
            : RoCoInPlanner.EqualWidths(context.F, k);
        for (var g = 0; g < k; g++)
        {
            candidate.GroupOf[fastest[g]] = g;
            candidate.Width[g] = widths[g];
        }
        return LargestStudents(context, candidate);
    }

    private static Candidate? FullReplication(PlanningContext context)
    {
        // The largest student that at least one device holds at width F; every device that holds it joins.
        for (var s = context.Students.Count - 1; s >= 0; s--)
        {
            var members = Usable(context).Where(d => context.Fits(d, s, context.F)).ToList();
            if (members.Count == 0)
                continue;
            var candidate = new Candidate(context.Devices.Count, 1);
            candidate.Width[0] = context.F;
            foreach (var d in members)
                candidate.GroupOf[d] = 0;
            return LargestStudents(context, candidate);
        }
        return null;
    }

    private static Candidate? RandomGroups(PlanningContext context, int k)
    {
        var random = new SeededRandom(context.Settings.Seed);
        var devices = Usable(context).OrderBy(_ => random.NextUInt64()).ToList();
        if (devices.Count < k)
            return null;
        var candidate = new Candidate(context.Devices.Count, k);
        // The first k devices seed the groups so none is empty; the rest land uniformly at random.
        for (var i = 0; i < devices.Count; i++)
            candidate.GroupOf[devices[i]] = i < k ? i : (int)(random.NextUInt64() % (ulong)k);
        RoCoInPlanner.EqualWidths(context.F, k).CopyTo(candidate.Width, 0);
        return LargestStudents(context, candidate);
    }

    private static Candidate EqualPartition(PlanningContext context, Candidate rocoin)
    {
        var candidate = rocoin.Clone();
        RoCoInPlanner.EqualWidths(context.F, candidate.K).CopyTo(candidate.Width, 0);
        return LargestStudents(context, candidate)!;
    }

    /// <summary>
    /// "The largest student that fits": every member holds it, and at least one member can run it within τ − δ
    /// (a student no member can answer with in time fits no deployment). Memory alone decides when no student
    /// is fast enough, so the baseline still shows how it fails.
    /// </summary>
    private static Candidate? LargestStudents(PlanningContext context, Candidate candidate)
    {
        for (var g = 0; g < candidate.K; g++)
        {
            var members = candidate.Members(g).ToList();
            var width = candidate.Width[g];
            var s = context.LargestFitting(members, width);
            if (s < 0)
                return null;
            while (s > 0 && members.All(d => context.Time(d, s, width) > context.UsableSeconds))
                s--;
            candidate.Student[g] = s;
        }
        return candidate;
    }

    // Devices that can hold the smallest student at width 1 at all.
    private static IEnumerable<int> Usable(PlanningContext context) =>
        Enumerable.Range(0, context.Devices.Count).Where(d => context.Fits(d, 0, 1));

    /// <summary>F split in proportion to <paramref name="speeds"/> (largest remainders), every width at least 1.</summary>
    public static int[] ProportionalWidths(int f, double[] speeds)
    {
        ArgumentNullException.ThrowIfNull(speeds);
        var k = speeds.Length;
        var total = speeds.Sum();
        var exact = speeds.Select(s => Math.Max(1.0, f * s / total)).ToArray();
        var widths = exact.Select(e => (int)Math.Floor(e)).ToArray();
        var order = Enumerable.Range(0, k).OrderByDescending(g => exact[g] - widths[g]).ThenBy(g => g).ToList();
        for (var i = 0; widths.Sum() < f; i = (i + 1) % k)
            widths[order[i]]++;
        while (widths.Sum() > f)
        {
            var widest = Enumerable.Range(0, k).OrderByDescending(g => widths[g]).First();
            widths[widest]--;
        }
        return widths;
    }
}
