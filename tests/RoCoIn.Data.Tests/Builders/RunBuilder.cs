using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;

namespace RoCoIn.Data.Tests.Builders;

/// <summary>Runs of the demo plan with hand-made results, for store tests that need no simulator.</summary>
internal static class RunBuilder
{
    /// <summary>A new database seeded with the demo content (its plan has id 1 and a feasible RoCoIn plan).</summary>
    public static async Task<TestDatabase> SeededDatabaseAsync(CancellationToken cancellationToken)
    {
        var database = TestDatabase.CreateEmpty();
        await database.Initializer.InitializeAsync(seedDemoContent: true, cancellationToken);
        return database;
    }

    public static async Task<(int PlanId, SimulationTopology Topology)> DemoPlanAsync(TestDatabase database, CancellationToken cancellationToken)
    {
        var plan = (await database.Plans.ListAsync(cancellationToken: cancellationToken))[0];
        var saved = (await database.Plans.GetAsync(plan.Id, cancellationToken)).ShouldNotBeNull();
        return (saved.Id, SimulationTopology.FromPlan(saved.Document, saved.Document.Result.Plan.ShouldNotBeNull()));
    }

    public static NewRun NewRun(int planId, SimulationTopology topology, Scenario? scenario = null, int? scenarioId = null,
        long seed = 7, string? warning = null) =>
        new(planId, topology.Strategy, "simulated", JobId: null, "fast", null,
            new SimulationSettings { DurationSeconds = 5, Seed = seed, Arrivals = new(ArrivalKind.Poisson, 12.5) },
            scenarioId, scenario, topology, warning);

    public static SecondAggregate Second(int second, long sent = 10, long served = 9) =>
        new(second, sent, served, 0, served - 1, served * 0.25, served > 0 ? 0.2 : null, served > 0 ? 0.3 : null, served > 0 ? 0.35 : null);

    public static RunResult Result(SimulationTopology topology, int seconds, Func<int, SecondAggregate>? second = null)
    {
        second ??= s => Second(s);
        var rows = Enumerable.Range(0, seconds).Select(second).ToList();
        var sent = rows.Sum(r => r.Sent);
        var served = rows.Sum(r => r.Served);
        var prediction = new Engine.Evaluation.PlanMetrics(0.95, 0.25, 0.2, 0.3, 0.35, 0.3, 0.9, [0.01, 0.02], []);
        var summary = new RunSummary(seconds, sent, served, (double)served / sent, (double)served / seconds, 0.25, 0.2, 0.3, 0.35,
            null, null, 0.9, null,
            topology.Devices.Select(d => new DeviceUsage(d.DeviceId, d.Name, d.Group, 0.5, 10, 5)).ToList(),
            [new FailureRecord(1, 2, topology.Devices.First().DeviceId, 0, FailureKind.Crash, "manual", 0.5)],
            prediction, null, ["No model set: accuracy is not measured for this plan."]);
        return new RunResult(summary, rows, [new HistogramBucket(0.25, 20), new HistogramBucket(0.5, served - 20)]);
    }
}
