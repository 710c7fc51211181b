namespace RoCoIn.Web.Learn;

/// <summary>One glossary term: what it means and its formula (rocoin-model.md).</summary>
/// <param name="Key">Stable key used by <c>GlossaryTerm</c> and as the anchor on /learn/glossary.</param>
/// <param name="SymbolHtml">The symbol as it is written, HTML (constant, trusted markup).</param>
/// <param name="Name">The term in words.</param>
/// <param name="Meaning">What it means, one or two sentences (HTML: may hold /// <param name="Meaning">What it means, one or two sentences.</param>lt;sub/// <param name="Meaning">What it means, one or two sentences.</param>gt; for symbols).</param>
/// <param name="FormulaHtml">Its formula, HTML with &lt;sub&gt;/&lt;sup&gt;.</param>
/// <param name="Source">Section of rocoin-model.md it comes from.</param>
public sealed record GlossaryEntry(string Key, string SymbolHtml, string Name, string Meaning, string FormulaHtml, string Source)
{
    /// <summary>The anchor id on the glossary page.</summary>
    public string Anchor => $"term-{Key.ToLowerInvariant()}";

    /// <summary>Link to the entry on the glossary page.</summary>
    public string Href => $"{Glossary.Path}#{Anchor}";
}

/// <summary>The terms the studio's pages and lessons use, with the formulas of rocoin-model.md.</summary>
public static class Glossary
{
    public const string Path = "/learn/glossary";

    public static IReadOnlyList<GlossaryEntry> All { get; } =
    [
        new("tau", "τ", "Deadline",
            "A request that is not complete by τ has failed. A member's reply counts only if the whole request can still finish by τ.",
            "served only if T ≤ τ; member n counts only if t<sub>nk</sub> ≤ τ − δ", "§2, §3"),
        new("R", "R", "Reliability (share of requests served)",
            "The probability that a request is served by the deadline. Strict mode needs every group; degraded mode needs at least one.",
            "R = F<sub>T</sub>(τ) = Π<sub>k</sub> (1 − q<sub>k</sub>(τ)) &nbsp;(strict) &nbsp;&nbsp; R<sub>deg</sub> = 1 − Π<sub>k</sub> q<sub>k</sub>(τ) &nbsp;(degraded)", "§3"),
        new("J", "J", "Planner objective",
            "The expected latency when a failed request costs the whole deadline: what the planner minimises.",
            "J = R·E[T | served] + (1 − R)·τ = E[min(T, τ)] = ∫<sub>0</sub><sup>τ</sup> (1 − F<sub>T</sub>(t)) dt", "§3"),
        new("p99", "p99", "99th percentile of served requests",
            "The latency 99 % of served requests stay within; failed requests are not in it (R says how many there are).",
            "p<sub>x</sub> = min{ t : F<sub>T</sub>(t) ≥ x·R }, &nbsp;x = 0.99", "§3"),
        new("ET", "E[T | served]", "Mean latency of served requests",
            "The average time from sending a request to its answer, over the requests that were served. Undefined when R = 0.",
            "E[T | served] = Σ<sub>t<sub>i</sub> ≤ τ</sub> t<sub>i</sub> · ΔF<sub>T</sub>(t<sub>i</sub>) / R", "§3"),
        new("K", "K", "Number of groups",
            "Devices are split into K groups; every device of group k runs the same student on the same input, and the requester keeps the first reply per group.",
            "1 ≤ K ≤ min(N, F, 8)", "§1, §2"),
        new("dk", "d<sub>k</sub>", "Partition width",
            "How many of the teacher's F feature channels partition P<sub>k</sub> holds: the features group k's student reproduces and sends back.",
            "d<sub>k</sub> = |P<sub>k</sub>| ≥ 1, &nbsp; Σ<sub>k</sub> d<sub>k</sub> = F", "§2, §4"),
        new("strict", "strict", "Strict mode",
            "Every group is needed: a request is served only when every group answered in time.",
            "T = max<sub>k</sub> T<sub>k</sub> + δ, &nbsp; R = Π<sub>k</sub> (1 − q<sub>k</sub>(τ))", "§3"),
        new("degraded", "degraded", "Degraded mode",
            "The aggregator runs with missing groups' features set to zero: a request is served when at least one group answered, at lower accuracy. The requester waits until τ before it knows a group is missing.",
            "T<sub>deg</sub> = max<sub>k</sub> T<sub>k</sub> + δ if every group answered, else τ + δ; &nbsp; R<sub>deg</sub> = 1 − Π<sub>k</sub> q<sub>k</sub>(τ)", "§3"),
        new("Lobj", "L<sub>obj</sub>", "Latency objective",
            "The service-level objective: the share of served requests answered within L<sub>obj</sub> is reported beside the percentiles.",
            "L<sub>obj</sub> ≤ τ; &nbsp; within objective = P(T ≤ L<sub>obj</sub> | served)", "§2, §10"),
        new("qk", "q<sub>k</sub>", "Group failure probability",
            "The probability that no member of group k replies in time: every member either gives no reply or is too slow for the deadline.",
            "q<sub>k</sub>(τ) = Π<sub>n∈G<sub>k</sub></sub> (p<sub>n</sub> if t<sub>nk</sub> ≤ τ − δ, else 1)", "§3"),
        new("tnk", "t<sub>nk</sub>", "Member time",
            "The time device n of group k needs for one isolated request: input down, student compute, features up.",
            "t<sub>nk</sub> = 2ℓ<sub>n</sub> + D<sub>in</sub>/r<sub>n</sub><sup>↓</sup> + c<sub>k</sub>/f<sub>n</sub> + b·d<sub>k</sub>/r<sub>n</sub><sup>↑</sup>", "§3"),
        new("delta", "δ", "Aggregator time",
            "The time the requester needs to run the aggregator on the concatenated features.",
            "δ = c<sub>agg</sub> / f<sub>s</sub>", "§2"),
    ];

    /// <summary>The entry with <paramref name="key"/> (case-insensitive), or null.</summary>
    public static GlossaryEntry? Find(string? key) =>
        All.FirstOrDefault(e => string.Equals(e.Key, key, StringComparison.OrdinalIgnoreCase));
}
