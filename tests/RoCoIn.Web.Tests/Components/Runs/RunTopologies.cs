using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Tests.Components.Runs;

/// <summary>Small hand-made topologies for the run components: two groups of two devices, times in the tens of ms.</summary>
internal static class RunTopologies
{
    /// <param name="withAccuracy">Give it a measured accuracy table and a teacher accuracy (a model set).</param>
    public static SimulationTopology TwoByTwo(bool withAccuracy = false)
    {
        SimulatedDevice Device(int id, string name, int group, double compute, double p) =>
            new(id, name, "test", group, 0.002, 0.001, compute, 0.001, p, null, null);
        return new SimulationTopology(
            "RoCoIn",
            [
                new SimulatedGroup(0, 40, "mcu-s", [Device(11, "alpha", 0, 0.020, 0.05), Device(12, "bravo", 0, 0.030, 0.05)]),
                new SimulatedGroup(1, 24, "mcu-s", [Device(21, "charlie", 1, 0.025, 0.05), Device(22, "delta", 1, 0.040, 0.05)]),
            ],
            DeadlineSeconds: 0.2,
            AggregatorSeconds: 0.001,
            ObjectiveSeconds: 0.05,
            FailureMode.Strict,
            withAccuracy ? new Dictionary<int, double> { [1] = 0.6, [2] = 0.55, [3] = 0.88 } : null,
            withAccuracy ? 0.9 : null);
    }
}
