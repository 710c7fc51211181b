using System.Globalization;
using System.Text;
using System.Text.Json;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Web.Api;

/// <summary>A run's files: per-second aggregates as CSV, or everything (inputs, summary, seconds, histogram, events) as JSON.</summary>
internal static class RunExport
{
    /// <summary>Column names: SI units in the name, as the device files do (ADR-003).</summary>
    public static readonly string[] CsvColumns =
    [
        "second", "sent", "served", "correct", "within_objective", "success_rate", "latency_sum_s", "p50_s", "p95_s", "p99_s",
    ];

    private static readonly JsonSerializerOptions Indented = new(RunApiJson.Options) { WriteIndented = true };

    public static string Csv(IReadOnlyList<SecondAggregate> seconds)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        var text = new StringBuilder();
        text.Append(string.Join(',', CsvColumns)).Append('\n');
        foreach (var s in seconds)
        {
            text.Append(s.Second.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Sent.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Served.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.Correct.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(s.WithinObjective.ToString(CultureInfo.InvariantCulture)).Append(',')
                .Append(Number(s.SuccessRate)).Append(',')
                .Append(Number(s.LatencySumSeconds)).Append(',')
                .Append(Number(s.P50Seconds)).Append(',')
                .Append(Number(s.P95Seconds)).Append(',')
                .Append(Number(s.P99Seconds)).Append('\n');
        }
        return text.ToString();
    }

    /// <summary>
    /// Everything about a run in one document. The inputs are the engine's own records (group indexes 0-based), the
    /// ones a replay uses: topology, settings (with the seed), scenario and injections.
    /// </summary>
    public static string Json(SavedRun run, IReadOnlyList<SecondAggregate> seconds)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(seconds);
        var document = new Document(
            "rocoin-run",
            1,
            new Info(run.Id, run.PlanId, run.PlanName, run.Strategy, run.Kind, run.Status, run.Seed, run.Speed, run.SpeedFactor, run.ScenarioId,
                run.ScenarioName, run.Warning, run.Reason, run.CreatedUtc, run.StartedUtc, run.EndedUtc),
            new Inputs(run.Settings, run.Topology, run.Scenario, run.Injections),
            run.Summary,
            seconds,
            run.Histogram ?? [],
            run.Events ?? []);
        return JsonSerializer.Serialize(document, Indented);
    }

    // Records, not anonymous types: the API's options leave out get-only members.
    private sealed record Document(string Format, int Version, Info Run, Inputs Inputs, RunSummary? Summary, IReadOnlyList<SecondAggregate> Seconds,
        IReadOnlyList<HistogramBucket> Histogram, IReadOnlyList<RunEvent> Events);

    private sealed record Info(int Id, int PlanId, string PlanName, string Strategy, string Kind, RunStatus Status, long Seed, string Speed,
        double? SpeedFactor, int? ScenarioId, string? ScenarioName, string? Warning, string? Reason, DateTimeOffset CreatedUtc,
        DateTimeOffset? StartedUtc, DateTimeOffset? EndedUtc);

    private sealed record Inputs(SimulationSettings Settings, SimulationTopology Topology, Scenario? Scenario, IReadOnlyList<Injection> Injections);

    // Shortest round-trip text, so a value read back is the value stored; empty for "none".
    private static string Number(double? value) => value is { } v ? v.ToString("R", CultureInfo.InvariantCulture) : "";
}
