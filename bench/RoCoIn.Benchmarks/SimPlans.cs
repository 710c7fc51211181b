using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Benchmarks;

/// <summary>Topologies the simulator benchmarks and the <c>sim</c> harness run on.</summary>
public static class SimPlans
{
    /// <summary>
    /// The RoCoIn plan of the paper fleet (FleetGenerator defaults, N = 8, seed <see cref="BenchFleets.PaperSeed"/>,
    /// default PlanSettings): 3 groups, every device used, as the studio would simulate it.
    /// </summary>
    public static SimulationTopology Paper()
    {
        var request = BenchFleets.Request(BenchFleets.Paper(8));
        var result = RoCoInPlanner.Plan(request);
        var plan = result.Plan ?? throw new InvalidOperationException("The paper fleet has no RoCoIn plan: " + result.Problem?.Explanation);
        return FromPlan(request, result, plan);
    }

    /// <summary>
    /// <paramref name="count"/> paper-style devices, every one a member: each runs the MCU student at the equal width
    /// F / <paramref name="groups"/>, and the devices, sorted by their isolated time t_nk, are cut into
    /// <paramref name="groups"/> consecutive blocks (the fastest block first). The slowest block then answers last,
    /// no earlier than its fastest member, which is slower than every device's compute: a closed loop at concurrency 1
    /// leaves no work over from one request to the next, and no device falls behind.
    /// </summary>
    public static SimulationTopology SortedBlocks(int count, int groups)
    {
        var request = BenchFleets.Request(BenchFleets.Paper(count));
        var context = new PlanningContext(request);
        var candidate = new Candidate(count, groups);
        RoCoInPlanner.EqualWidths(context.F, groups).CopyTo(candidate.Width, 0);
        var student = context.StudentIndex("s-mcu");
        Array.Fill(candidate.Student, student);
        var width = candidate.Width[0];
        var order = Enumerable.Range(0, count).OrderBy(d => context.Time(d, student, width)).ThenBy(d => d).ToArray();
        for (var i = 0; i < count; i++)
            candidate.GroupOf[order[i]] = (int)((long)i * groups / count);
        var plan = context.ToPlan("sorted blocks", candidate, "benchmark topology");
        var result = new PlanningResult(plan, [], null, 0);
        return FromPlan(request, result, plan);
    }

    /// <summary>
    /// The same plan with every time (link latency, transfers, compute, τ, δ, L_obj) multiplied by
    /// <paramref name="factor"/>: queueing is unchanged at a rate divided by the factor, but a run of many requests
    /// covers fewer simulated seconds (so fewer per-second aggregates).
    /// </summary>
    public static SimulationTopology Scaled(SimulationTopology topology, double factor)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var groups = topology.Groups.Select(g => g with
        {
            Members = g.Members.Select(m => m with
            {
                LinkLatencySeconds = m.LinkLatencySeconds * factor,
                DownTransferSeconds = m.DownTransferSeconds * factor,
                ComputeSeconds = m.ComputeSeconds * factor,
                UpTransferSeconds = m.UpTransferSeconds * factor,
            }).ToList(),
        }).ToList();
        return topology with
        {
            Groups = groups,
            DeadlineSeconds = topology.DeadlineSeconds * factor,
            AggregatorSeconds = topology.AggregatorSeconds * factor,
            ObjectiveSeconds = topology.ObjectiveSeconds * factor,
        };
    }

    /// <summary>
    /// Requests per simulated second at which the busiest device is exactly busy all the time: every member serves
    /// every request it receives (a no-reply draw uses no service time), so device n is busy λ·(1 − p_n)·c_n of the
    /// time and the plan keeps up below min over devices of 1 / ((1 − p_n)·c_n).
    /// </summary>
    public static double Capacity(SimulationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Devices.Min(d => 1 / ((1 - d.NoReplyProbability) * d.ComputeSeconds));
    }

    /// <summary>
    /// Whether a closed loop at concurrency 1 sends each request to idle devices: true when the shortest possible
    /// request (the closed form's first CDF step, or τ + δ when nothing can be served) lasts at least as long as
    /// every member's compute, so work left over from one request (a slow redundant member still computing after its
    /// group answered) is done before the next request reaches that member.
    /// </summary>
    public static bool IsolatedAtConcurrencyOne(SimulationTopology topology, PlanMetrics prediction)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(prediction);
        return ShortestRequestSeconds(topology, prediction) >= topology.Devices.Max(d => d.ComputeSeconds);
    }

    /// <summary>The shortest time a request can take: the first step of the closed-form CDF, else τ + δ.</summary>
    public static double ShortestRequestSeconds(SimulationTopology topology, PlanMetrics prediction)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(prediction);
        var failed = topology.DeadlineSeconds + topology.AggregatorSeconds;
        return prediction.Cdf.Count > 0 ? Math.Min(prediction.Cdf[0].Seconds, failed) : failed;
    }

    /// <summary>
    /// Settings of a fast-mode run of <paramref name="requests"/> requests: Poisson at 50 % of the plan's
    /// <see cref="Capacity"/> or a closed loop at concurrency 1, zero jitter, the longest duration allowed (the request
    /// limit ends the run).
    /// </summary>
    public static SimulationSettings Settings(SimulationTopology topology, SimArrivals arrivals, long requests) => new()
    {
        Arrivals = arrivals == SimArrivals.Poisson
            ? new ArrivalSettings(ArrivalKind.Poisson, 0.5 * Capacity(topology))
            : new ArrivalSettings(ArrivalKind.ClosedLoop, Concurrency: 1),
        DurationSeconds = SimulationSettings.MaxDurationSeconds,
        MaxRequests = requests,
        Seed = 3,
    };

    private static SimulationTopology FromPlan(PlanRequest request, PlanningResult result, DeploymentPlan plan)
    {
        var document = new PlanDocument(request.Settings, request.Devices, FleetHash.Compute(request.Devices), result,
            request.Teacher.FeatureChannels);
        return SimulationTopology.FromPlan(document, plan);
    }
}

/// <summary>Arrival processes of the throughput runs.</summary>
public enum SimArrivals
{
    /// <summary>Poisson at 50 % of the plan's capacity.</summary>
    Poisson,

    /// <summary>A closed loop at concurrency 1.</summary>
    ClosedLoop,
}
