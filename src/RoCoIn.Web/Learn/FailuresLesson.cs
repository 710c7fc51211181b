using System.Globalization;
using System.Numerics;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Learn;

/// <summary>One seeded simulated run of the lesson's plan in one mode.</summary>
/// <param name="Mode">Strict or degraded.</param>
/// <param name="Result">The simulator's result.</param>
/// <param name="Traces">Every completed request, in completion order.</param>
/// <param name="AnsweredByGroup">Per group, how many requests it answered in time.</param>
public sealed record FailureRun(FailureMode Mode, RunResult Result, IReadOnlyList<RequestTrace> Traces, IReadOnlyList<long> AnsweredByGroup)
{
    public RunSummary Summary => Result.Summary;
}

/// <summary>Lesson "failures": the demo plan simulated with some devices crashed, in strict and in degraded mode.</summary>
/// <param name="Plan">The saved plan simulated (its RoCoIn plan).</param>
/// <param name="Topology">The plan as the simulator sees it, with the measured accuracy table when there is one.</param>
/// <param name="ModelSet">The model set whose table is used, or null.</param>
/// <param name="Seed">The run's seed.</param>
/// <param name="Crashed">Devices crashed for the whole run.</param>
/// <param name="Strict">The strict run.</param>
/// <param name="Degraded">The degraded run (same seed, same arrivals, same crashes).</param>
public sealed record FailuresView(
    SavedPlan Plan,
    SimulationTopology Topology,
    SavedModelSet? ModelSet,
    long Seed,
    IReadOnlyList<int> Crashed,
    FailureRun Strict,
    FailureRun Degraded,
    string TryHref) : ILessonView
{
    public string TryText => "Start a run of this plan";

    public FailureRun Run(FailureMode mode) => mode == FailureMode.Strict ? Strict : Degraded;

    /// <summary>The strict run's settings (the degraded one differs only in its mode).</summary>
    public SimulationSettings Settings => FailuresLesson.RunSettings(Seed, FailureMode.Strict);

    public string DeviceName(int id) =>
        Topology.Devices.FirstOrDefault(d => d.DeviceId == id)?.Name ?? $"#{id.ToString(CultureInfo.InvariantCulture)}";
}

public static class FailuresLesson
{
    /// <summary>Seed when the URL has none.</summary>
    public const long DefaultSeed = 1;

    /// <summary>
    /// Requests arrive at 2 per simulated second for 60 s: light load, so the run stays close to the closed form's
    /// isolated request, and about 120 requests, enough to see every group win and lose.
    /// </summary>
    public static SimulationSettings RunSettings(long seed, FailureMode mode) => new()
    {
        Arrivals = new ArrivalSettings(ArrivalKind.Poisson, 2),
        DurationSeconds = 60,
        MaxRequests = TraceCapacity,
        Mode = mode,
        Seed = seed,
    };

    /// <summary>Most requests a lesson run keeps traces of; the run stops there, so every request is traced.</summary>
    public const int TraceCapacity = 1000;

    /// <summary>The lesson's crashes: each device down from 0 s for the whole run.</summary>
    public static IReadOnlyList<DeviceFailure> Crashes(IEnumerable<int> deviceIds) =>
        deviceIds.Select(id => new DeviceFailure(id, 0, null, FailureEffect.Crash, "lesson: crashed from the start")).ToList();

    /// <summary>Runs the plan's topology once, seeded.</summary>
    public static FailureRun Simulate(SimulationTopology topology, long seed, FailureMode mode, IReadOnlyList<int> crashed)
    {
        ArgumentNullException.ThrowIfNull(topology);
        var simulator = new Simulator(topology, RunSettings(seed, mode), Crashes(crashed), traceCapacity: TraceCapacity);
        simulator.RunToEnd();
        var traces = simulator.RecentTraces;
        var answered = Enumerable.Range(0, topology.Groups.Count)
            .Select(g => (long)traces.Count(t => (t.AnsweredGroups & (1 << g)) != 0)).ToList();
        return new FailureRun(mode, simulator.Result(), traces, answered);
    }

    /// <summary>The view: "seed" (0..2³¹ − 1) and "crash" (device ids of the plan, comma-separated).</summary>
    /// <param name="plan">A saved plan with a RoCoIn plan.</param>
    /// <param name="modelSet">A model set whose partitions are the plan's groups, or null.</param>
    /// <param name="query">The URL's settings.</param>
    public static FailuresView Build(SavedPlan plan, SavedModelSet? modelSet, LessonQuery query)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(query);
        var rocoin = plan.Document.Result.Plan ?? throw new ArgumentException($"Plan {plan.Id} has no RoCoIn plan to simulate.", nameof(plan));
        var topology = SimulationTopology.FromPlan(plan.Document, rocoin, modelSet?.Result.AccuracyBySubset, modelSet?.Result.Teacher.TestAccuracy);
        var seed = query.WholeNumber(LessonQuery.Seed, 0, LessonQuery.MaxSeed, DefaultSeed, "the seed",
            $"seed {DefaultSeed.ToString(CultureInfo.InvariantCulture)}");
        var ids = topology.Devices.Select(d => d.DeviceId).ToList();
        var crashed = query.IdList(LessonQuery.Crash, ids, "the crashed devices");
        return new FailuresView(plan, topology, modelSet, seed, crashed,
            Simulate(topology, seed, FailureMode.Strict, crashed), Simulate(topology, seed, FailureMode.Degraded, crashed),
            TryHref(plan.Id, seed));
    }

    /// <summary>
    /// The new-run form with the lesson's run: the same plan, seed, arrivals and duration (the form's query parameters).
    /// The crashes stay behind: the run page injects failures live or from a scenario. Both modes are the lesson's, so the
    /// form keeps the plan's.
    /// </summary>
    public static string TryHref(int planId, long seed)
    {
        var settings = RunSettings(seed, FailureMode.Strict);
        return string.Create(CultureInfo.InvariantCulture,
            $"/runs/new?plan={planId}&seed={seed}&arrivals=poisson&rate={settings.Arrivals.RatePerSecond}&duration={settings.DurationSeconds}");
    }

    /// <summary>How many groups a trace's bitmask names.</summary>
    public static int GroupCount(int answeredGroups) => BitOperations.PopCount((uint)answeredGroups);

    /// <summary>A URL query value listing <paramref name="ids"/>, or null for none.</summary>
    public static string? CrashValue(IEnumerable<int> ids)
    {
        var list = ids.Order().Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();
        return list.Count == 0 ? null : string.Join(",", list);
    }
}
