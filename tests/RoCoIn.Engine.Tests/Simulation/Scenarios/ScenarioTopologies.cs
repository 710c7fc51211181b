using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Engine.Tests.Simulation.Scenarios;

/// <summary>Small simulated plans for scenario tests, built directly from records.</summary>
public static class ScenarioTopologies
{
    /// <summary>A device with plausible time components; only id, name, class and group matter to scenarios.</summary>
    public static SimulatedDevice Device(int id, string name, int group, string hardwareClass = "Raspberry Pi 4") =>
        new(id, name, hardwareClass, group, 0.001, 0.002, 0.05, 0.001, 0.01, null, null);

    /// <summary>A plan whose groups hold the given devices (each device's Group must be its group's index).</summary>
    public static SimulationTopology Of(params SimulatedDevice[][] groups) => new(
        "RoCoIn",
        groups.Select((members, k) => new SimulatedGroup(k, 16, "student-s", members)).ToList(),
        DeadlineSeconds: 1,
        AggregatorSeconds: 0.001,
        ObjectiveSeconds: 0.5,
        FailureMode.Strict,
        AccuracyBySubset: null,
        TeacherAccuracy: null);

    /// <summary><paramref name="groups"/> groups of <paramref name="perGroup"/> Raspberry Pis named pi-01, pi-02, …
    /// across groups, ids 1, 2, ….</summary>
    public static SimulationTopology Pis(int groups, int perGroup) => Of(
        Enumerable.Range(0, groups)
            .Select(k => Enumerable.Range(0, perGroup)
                .Select(j =>
                {
                    var id = (k * perGroup) + j + 1;
                    return Device(id, $"pi-{id:00}", k);
                })
                .ToArray())
            .ToArray());

    /// <summary>Two groups: pi-01, pi-02, jetson-01 (Jetson Nano) in group 1; pi-03, cam-01 (ESP32-CAM) in group 2.</summary>
    public static SimulationTopology Mixed() => Of(
        [Device(1, "pi-01", 0), Device(2, "pi-02", 0), Device(3, "jetson-01", 0, "Jetson Nano")],
        [Device(4, "pi-03", 1), Device(5, "cam-01", 1, "ESP32-CAM")]);
}
