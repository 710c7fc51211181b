using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Validation;
using RoCoIn.Web.Jobs;

namespace RoCoIn.Web.Runs;

/// <summary>
/// A run <see cref="RunHost"/> drives: a simulated one (<see cref="LiveRun"/>) or a real one over device agents
/// (<see cref="Real.RealLiveRun"/>). Both report the same snapshots, seconds, events and results, so the live page,
/// the API and the database do not tell them apart.
/// </summary>
internal interface IHostedRun
{
    int Id { get; }

    int JobId { get; }

    RunStatus Status { get; }

    /// <summary>The run's end in run seconds (its duration), for progress.</summary>
    double EndSeconds { get; }

    /// <summary>Completes when the run has ended and its results are stored (or the studio stopped).</summary>
    Task Completion { get; }

    Task StartAsync(JobRecord job, CancellationToken shutdown);

    Task<(RunStatus Status, RunSnapshot Snapshot)> SnapshotAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<RequestTrace>> RecentTracesAsync(CancellationToken cancellationToken);

    Task<IReadOnlyList<SecondAggregate>> SecondsAsync(int? from, int? to, CancellationToken cancellationToken);

    Task<IReadOnlyList<RunEvent>> EventsAsync(CancellationToken cancellationToken);

    Task<StoreResult<RunSnapshot>> PauseAsync(CancellationToken cancellationToken);

    Task<StoreResult<RunSnapshot>> ResumeAsync(CancellationToken cancellationToken);

    Task<StoreResult<RequestTrace>> StepAsync(CancellationToken cancellationToken);

    Task<StoreResult<Injection>> InjectAsync(RunInjectionInput input, CancellationToken cancellationToken);

    Task<StoreResult<int>> StopAsync(string reason, CancellationToken cancellationToken);
}
