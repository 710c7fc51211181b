using System.Collections.Concurrent;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Runs;

/// <summary>
/// Sim vs real: the simulation of an ended real run's exact inputs — its plan snapshot, arrival settings, seed,
/// scenario and every injection at the time it took effect — over the span the real run covered. The page and the API
/// show its figures beside the measured ones and the closed form, with the gaps. Deterministic (same seed, same
/// figures), so it is computed on demand and kept per run.
/// </summary>
public sealed class SimulationTwin
{
    /// <summary>Most requests a twin simulates; beyond that the arrival settings would take too long to show on a page.</summary>
    public const long MaxRequests = 5_000_000;

    private readonly ConcurrentDictionary<int, RunSummary> _cache = new();

    /// <summary>The simulated counterpart of <paramref name="run"/>, or null when it is not an ended real run with a summary.</summary>
    public RunSummary? For(SavedRun run)
    {
        ArgumentNullException.ThrowIfNull(run);
        if (run.Kind != RunInputAssembler.RealKind || run.Summary is not { SimulatedSeconds: > 0 } measured || run.Status.IsLive())
            return null;
        return _cache.GetOrAdd(run.Id, _ => Simulate(run, measured));
    }

    private static RunSummary Simulate(SavedRun run, RunSummary measured)
    {
        var (prepared, errors) = RunInputAssembler.PrepareReplay(run, null);
        if (prepared is null)
            throw new InvalidOperationException($"Run {run.Id} cannot be simulated again: {string.Join(" ", errors.Select(e => e.Message))}");
        var settings = prepared.Settings with
        {
            DurationSeconds = measured.SimulatedSeconds,
            MaxRequests = Math.Min(prepared.Settings.MaxRequests ?? long.MaxValue, MaxRequests),
        };
        var simulator = new Simulator(prepared.Topology, settings, prepared.Failures,
            prepared.RecordedInjections.Where(i => i.AtSeconds < measured.SimulatedSeconds).ToList(), traceCapacity: 0);
        simulator.RunToEnd();
        return simulator.Result().Summary;
    }
}
