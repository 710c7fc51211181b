using System.Globalization;
using RoCoIn.Engine.Units;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// Explains infeasible planning problems in words: which constraint fails, for which devices, by how much, and
/// what would make it feasible. Never throws for bad input; returns the explanation instead.
/// </summary>
public static class FeasibilityAnalyzer
{
    /// <summary>Problems visible before any search (settings, devices, memory, deadline); null when none.</summary>
    public static Infeasibility? CheckInputs(PlanningContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        if (context.Devices.Count == 0)
            return new("devices", "The fleet has no devices.", ["Add devices to the fleet on its page, or generate the paper's fleet."]);
        if (!(s.DeadlineSeconds > 0) || !double.IsFinite(s.DeadlineSeconds))
            return new("deadline", $"The deadline τ must be a positive number of seconds (got {s.DeadlineSeconds}).", ["Set τ, e.g. 1 s."]);
        if (!(s.ObjectiveSeconds > 0) || s.ObjectiveSeconds > s.DeadlineSeconds)
            return new("deadline", $"The latency objective L_obj must be in (0, τ] = (0, {SiFormat.Duration(s.DeadlineSeconds)}] (got {SiFormat.Duration(s.ObjectiveSeconds)}).",
                [$"Set L_obj to at most {SiFormat.Duration(s.DeadlineSeconds)}."]);
        if (s.MinReliability is < 0 or > 1 || double.IsNaN(s.MinReliability))
            return new("reliability", $"R_min must be in [0, 1] (got {s.MinReliability}).", ["Set R_min, e.g. 0.9."]);
        if (s.AccuracyFloor is { } floor && (floor is <= 0 or > 1 || double.IsNaN(floor)))
            return new("accuracy", $"The accuracy floor must be in (0, 1] (got {floor}).", ["Leave it empty, or set e.g. 0.85."]);
        if (context.EvaluationSettings.AggregatorSeconds >= s.DeadlineSeconds)
            return new("deadline", $"The aggregator alone takes {SiFormat.Duration(context.EvaluationSettings.AggregatorSeconds)}, more than τ = {SiFormat.Duration(s.DeadlineSeconds)}.",
                ["Raise τ or the requester's throughput."]);
        if (context.Request.FixedStudents is { } fixedStudents && CheckFixed(context, fixedStudents) is { } fixedProblem)
            return fixedProblem;

        // Memory: can any device hold the smallest student at all?
        var smallest = context.Memory(0, 1);
        var roomiest = context.Devices.MaxBy(d => d.MemoryBytes)!;
        if (roomiest.MemoryBytes < smallest)
            return new("memory",
                $"No student fits any device: the largest model memory is {SiFormat.Bytes(roomiest.MemoryBytes)} ({roomiest.Name}); " +
                $"the smallest student ({context.Students[0].DisplayName} at d = 1) needs {SiFormat.Bytes(smallest)}, " +
                $"{SiFormat.Bytes(smallest - roomiest.MemoryBytes)} more.",
                [$"Add a device with at least {SiFormat.Bytes(smallest)} of model memory.", "Free memory on the existing devices."]);

        // Deadline and memory together: some grouping must be able to answer at all. With the smallest student, device
        // n can return any width up to W_n(L), the widest it holds whose t_nk ≤ L; K ≤ K_max groups answer within
        // L = τ − δ exactly when the K_max largest W_n add up to F (narrower partitions are only faster).
        var maxK = Math.Min(Math.Min(context.Devices.Count, context.F), Math.Max(1, s.MaxGroups));
        if (Capacity(context, context.UsableSeconds, maxK) < context.F)
        {
            var held = Capacity(context, double.PositiveInfinity, maxK);
            if (held < context.F)
                return new("memory",
                    $"The devices cannot hold partitions adding up to F = {context.F}: with the smallest student ({context.Students[0].DisplayName}) " +
                    $"and at most {maxK} group{(maxK == 1 ? "" : "s")}, the widest partitions they hold add up to {held} channels.",
                    ["Add devices with more model memory.", $"Allow more groups (now at most {s.MaxGroups}) if there are devices for them."]);
            var need = SmallestSufficientLimit(context, maxK) + context.EvaluationSettings.AggregatorSeconds;
            var fastest = Enumerable.Range(0, context.Devices.Count).Where(d => context.Fits(d, 0, 1))
                .MinBy(d => context.Time(d, 0, 1));
            // Shown with four significant digits: a little above the bound, so the suggested τ really is enough.
            var suggested = SiFormat.Duration(need * 1.001);
            return new("deadline",
                $"No plan can answer within τ = {SiFormat.Duration(s.DeadlineSeconds)}: with the smallest student ({context.Students[0].DisplayName}) " +
                $"and at most {maxK} group{(maxK == 1 ? "" : "s")}, the partitions the devices can return in time add up to " +
                $"{Capacity(context, context.UsableSeconds, maxK)} of F = {context.F} channels. The fastest device, {context.Devices[fastest].Name}, " +
                $"needs {SiFormat.Duration(context.Time(fastest, 0, 1))} at d = 1, plus {SiFormat.Duration(context.EvaluationSettings.AggregatorSeconds)} for the aggregator.",
                [$"Raise τ to at least {suggested}.", "Add faster devices or devices with faster links."]);
        }
        return null;
    }

    /// <summary>Why the best plan found does not meet the constraints (or why none could be built).</summary>
    public static Infeasibility Explain(PlanningContext context, DeploymentPlan? best)
    {
        ArgumentNullException.ThrowIfNull(context);
        var s = context.Settings;
        if (best is null)
            return new("memory",
                "No grouping could give every group a student that all its members hold while the widths add up to F = " +
                $"{context.F.ToString(CultureInfo.InvariantCulture)}.",
                ["Add devices with more model memory.", "Use fewer, larger groups by lowering the maximum K only if the devices are roomy."]);
        if (best.AccuracyPrior < (s.AccuracyFloor ?? 0))
        {
            var bestPrior = context.Students.Max(x => x.AccuracyPrior);
            return new("accuracy",
                $"The best plan's students are assumed to reach {Percent(best.AccuracyPrior)}, below the floor of {Percent(s.AccuracyFloor!.Value)}; " +
                $"the catalogue's best assumption is {Percent(bestPrior)} (assumptions until the students are distilled and measured).",
                [$"Lower the accuracy floor to {Percent(best.AccuracyPrior)} or less.", "Add devices with more memory so larger students fit."]);
        }
        var r = best.Metrics.Reliability;
        var used = best.Groups.SelectMany(g => g.DeviceIds).Count();
        var tooSlow = Enumerable.Range(0, context.Devices.Count)
            .Where(d => context.Time(d, 0, 1) > context.UsableSeconds).Select(d => context.Devices[d].Name).ToList();
        var suggestions = new List<string>
        {
            // Rounded down, so the suggested R_min is met by the plan found.
            $"Lower R_min to {Reliability(Math.Floor(r * 1e6) / 1e6)} or less.",
            $"Raise τ (now {SiFormat.Duration(s.DeadlineSeconds)}): more members answer in time.",
            "Add devices, or devices that fail less often, so groups get more redundancy.",
        };
        return new("reliability",
            $"The most reliable plan found serves R = {Reliability(r)} of requests, short of R_min = " +
            $"{Reliability(s.MinReliability)} by {Reliability(s.MinReliability - r)} " +
            $"({used} devices in {best.Groups.Count} groups; group failure probabilities " +
            $"{string.Join(", ", best.Metrics.GroupFailureProbabilities.Select(q => q.ToString("0.######", CultureInfo.InvariantCulture)))})." +
            (tooSlow.Count > 0 ? $" Too slow for τ even with the smallest student: {string.Join(", ", tooSlow.Take(5))}{(tooSlow.Count > 5 ? ", …" : "")}." : ""),
            suggestions);
    }

    private static Infeasibility? CheckFixed(PlanningContext context, IReadOnlyList<FixedPartition> partitions)
    {
        if (partitions.Count == 0)
            return new("students", "The model set has no partitions.", ["Distil the plan's students first."]);
        if (partitions.Count > context.Devices.Count)
            return new("devices", $"The model set has {partitions.Count} students but the fleet has only {context.Devices.Count} devices; every group needs one.",
                [$"Add at least {partitions.Count - context.Devices.Count} devices."]);
        var narrow = partitions.ToList().FindIndex(p => p.Width < 1);
        if (narrow >= 0)
            return new("students", $"Partition {narrow + 1} has width {partitions[narrow].Width}; every partition needs at least one channel.",
                ["Re-distil with widths of at least 1 that add up to F."]);
        var sum = partitions.Sum(p => p.Width);
        if (sum != context.F)
            return new("students", $"The partition widths add up to {sum}, not F = {context.F}.", ["Re-distil with widths that add up to F."]);
        var unknown = partitions.FirstOrDefault(p => context.StudentIndex(p.StudentKey) < 0);
        if (unknown is not null)
            return new("students", $"Unknown student architecture '{unknown.StudentKey}'.", ["Use a student from the catalogue."]);
        return null;
    }

    /// <summary>Σ of the <paramref name="maxK"/> largest W_n(<paramref name="limit"/>), each device's widest width for the smallest student.</summary>
    private static int Capacity(PlanningContext context, double limit, int maxK)
    {
        var widest = new int[context.Devices.Count];
        for (var d = 0; d < widest.Length; d++)
        {
            var w = 0;
            while (w < context.F && context.Fits(d, 0, w + 1) && context.Time(d, 0, w + 1) <= limit)
                w++;
            widest[d] = w;
        }
        Array.Sort(widest);
        var total = 0;
        for (var i = 0; i < Math.Min(maxK, widest.Length); i++)
            total += widest[^(i + 1)];
        return total;
    }

    /// <summary>The smallest L with <see cref="Capacity"/> ≥ F: one of the member times, found by bisection over them.</summary>
    private static double SmallestSufficientLimit(PlanningContext context, int maxK)
    {
        var times = new List<double>();
        for (var d = 0; d < context.Devices.Count; d++)
        {
            for (var w = 1; w <= context.F && context.Fits(d, 0, w); w++)
                times.Add(context.Time(d, 0, w));
        }
        times.Sort();
        int low = 0, high = times.Count - 1;
        while (low < high)
        {
            var mid = (low + high) >>> 1;
            if (Capacity(context, times[mid], maxK) >= context.F)
                high = mid;
            else
                low = mid + 1;
        }
        return times[low];
    }

    private static string Reliability(double value) => value.ToString("0.######", CultureInfo.InvariantCulture);

    private static string Percent(double value) => (value * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %";
}
