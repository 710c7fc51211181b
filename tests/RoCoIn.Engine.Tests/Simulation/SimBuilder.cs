using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation;

/// <summary>Small hand-made topologies for simulator tests: devices numbered from 1 in the order given.</summary>
internal static class SimBuilder
{
    /// <summary>One member: compute time, one-way latency, transfers, p_n, MTBF/MTTR; the group is set by <see cref="Topology"/>.</summary>
    public static SimulatedDevice Device(double compute, double latency = 0, double down = 0, double up = 0, double p = 0,
        double? mtbf = null, double? mttr = null) =>
        new(0, "", "test", 0, latency, down, compute, up, p, mtbf, mttr);

    public static SimulationTopology Topology(double tau, double delta, double objective, FailureMode mode, params SimulatedDevice[][] groups) =>
        Topology(tau, delta, objective, mode, null, null, groups);

    public static SimulationTopology Topology(double tau, double delta, double objective, FailureMode mode,
        IReadOnlyDictionary<int, double>? accuracy, double? teacherAccuracy, params SimulatedDevice[][] groups)
    {
        var id = 1;
        var built = groups.Select((members, g) => new SimulatedGroup(g, 4, "student",
            members.Select(m => m with { DeviceId = id, Name = $"dev-{id++}", Group = g }).ToList())).ToList();
        return new SimulationTopology("test", built, tau, delta, objective, mode, accuracy, teacherAccuracy);
    }

    public static SimulationSettings ClosedLoop(double duration, int concurrency = 1, long seed = 1) => new()
    {
        Arrivals = new ArrivalSettings(ArrivalKind.ClosedLoop, Concurrency: concurrency),
        DurationSeconds = duration,
        Seed = seed,
    };

    public static SimulationSettings Poisson(double rate, double duration, long seed = 1) => new()
    {
        Arrivals = new ArrivalSettings(ArrivalKind.Poisson, rate),
        DurationSeconds = duration,
        Seed = seed,
    };

    /// <summary>Runs to the end collecting every completed request's trace.</summary>
    public static List<RequestTrace> RunCollecting(Simulator simulator)
    {
        var traces = new List<RequestTrace>();
        simulator.RequestCompleted += traces.Add;
        simulator.RunToEnd(TestContext.Current.CancellationToken);
        return traces;
    }
}
