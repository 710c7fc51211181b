using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Web.Runs;

/// <summary>Everything a run needs, checked: what <see cref="RunInputAssembler"/> makes and <see cref="RunHost"/> starts.</summary>
/// <param name="PlanId">The saved plan.</param>
/// <param name="PlanName">Its name, for the job title.</param>
/// <param name="Strategy">"RoCoIn" or the baseline simulated.</param>
/// <param name="Topology">The plan as simulated (the snapshot stored with the run).</param>
/// <param name="Settings">Validated settings; their seed is the run's seed.</param>
/// <param name="ScenarioId">The saved scenario it came from, or null.</param>
/// <param name="Scenario">The scenario as run, or null for none.</param>
/// <param name="Failures">The scenario resolved on <paramref name="Topology"/> with the run's seed.</param>
/// <param name="Speed">Fast or real time.</param>
/// <param name="StartPaused">Hold at t = 0 until resumed.</param>
/// <param name="RecordedInjections">Injections to apply at their recorded times (a replay), or empty.</param>
/// <param name="StopAtSeconds">For the replay of a run the operator stopped: stop at the same simulated time.</param>
/// <param name="StopReason">The reason to stop with at <paramref name="StopAtSeconds"/>.</param>
/// <param name="Warnings">Caveats that do not prevent the run, e.g. the fleet changed since the plan was made.</param>
/// <param name="ReplayOf">The run this one replays, or null.</param>
/// <param name="Real">For a real run: which model set the agents run and whether they emulate; null for a simulated run.</param>
public sealed record PreparedRun(
    int PlanId,
    string PlanName,
    string Strategy,
    SimulationTopology Topology,
    SimulationSettings Settings,
    int? ScenarioId,
    Scenario? Scenario,
    IReadOnlyList<DeviceFailure> Failures,
    RunSpeed Speed,
    bool StartPaused,
    IReadOnlyList<Injection> RecordedInjections,
    double? StopAtSeconds,
    string? StopReason,
    IReadOnlyList<string> Warnings,
    int? ReplayOf,
    RealRunSetup? Real = null);

/// <summary>How a real run runs: the model set of its students and whether the agents emulate their device profiles.</summary>
/// <param name="ModelSetId">The model set.</param>
/// <param name="Emulate">Pad compute and transfers to the profiles.</param>
public sealed record RealRunSetup(int ModelSetId, bool Emulate);
