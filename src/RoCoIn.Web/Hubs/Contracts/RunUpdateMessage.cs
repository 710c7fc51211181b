using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Hubs.Contracts;

/// <summary>
/// A run's news on /hubs/runs. The first message a joining client gets has <see cref="IsInitial"/> set: the run's
/// state now (status, snapshot, summary once ended) with its latest seconds and events. Each later message carries
/// what happened since the previous one. <see cref="Status"/> is the REST API's camelCase name ("running",
/// "finished"); group numbers are 1-based; times are simulated seconds.
/// </summary>
/// <param name="RunId">The run.</param>
/// <param name="Sequence">Counts this run's updates since the studio started: one more per update, so a gap means
/// missed messages (join again to get the state). The initial message carries the sequence of the last update it
/// includes; 0 for a run that ended before this studio started.</param>
/// <param name="IsInitial">True for the state sent to a client that joins.</param>
/// <param name="Status">queued, running, paused, finished, aborted, stopped, failed or interrupted.</param>
/// <param name="StateChanged">True when the status just changed (started, paused, resumed, ended).</param>
/// <param name="Reason">Why an ended run ended early or failed, or null.</param>
/// <param name="EndSeconds">Simulated time the run ends at (its duration), or null when unknown.</param>
/// <param name="Snapshot">The simulator's state, or null for a run that ended before this studio started.</param>
/// <param name="SecondsCompleted">Simulated seconds completed so far (all of them, listed or not).</param>
/// <param name="Seconds">The newest of the seconds this message covers, in order: at most <see cref="MaxSeconds"/>.</param>
/// <param name="SecondsOmitted">Seconds this message covers but does not list (older than those listed); read them
/// from GET /api/runs/{id}/seconds.</param>
/// <param name="Events">The newest of the events this message covers, in order: at most <see cref="MaxEvents"/>.</param>
/// <param name="EventsOmitted">Events covered but not listed; read them from GET /api/runs/{id}/events.</param>
/// <param name="Summary">The run's figures once it has ended with a result, else null.</param>
public sealed record RunUpdateMessage(
    int RunId,
    long Sequence,
    bool IsInitial,
    string Status,
    bool StateChanged,
    string? Reason,
    double? EndSeconds,
    RunSnapshotMessage? Snapshot,
    int SecondsCompleted,
    IReadOnlyList<RunSecondMessage> Seconds,
    int SecondsOmitted,
    IReadOnlyList<RunEventMessage> Events,
    int EventsOmitted,
    RunSummaryMessage? Summary)
{
    /// <summary>Most seconds listed in one message.</summary>
    public const int MaxSeconds = 60;

    /// <summary>Most events listed in one message.</summary>
    public const int MaxEvents = 100;

    /// <summary>
    /// A message listing the newest <see cref="MaxSeconds"/> of <paramref name="seconds"/> and <see cref="MaxEvents"/>
    /// of <paramref name="events"/>; the rest, plus <paramref name="secondsOmittedBefore"/> and
    /// <paramref name="eventsOmittedBefore"/>, are counted as omitted.
    /// </summary>
    public static RunUpdateMessage Create(
        int runId,
        long sequence,
        bool isInitial,
        RunStatus status,
        bool stateChanged,
        string? reason,
        double? endSeconds,
        RunSnapshotMessage? snapshot,
        int secondsCompleted,
        IReadOnlyList<SecondAggregate> seconds,
        int secondsOmittedBefore,
        IReadOnlyList<RunEvent> events,
        int eventsOmittedBefore,
        RunSummary? summary)
    {
        ArgumentNullException.ThrowIfNull(seconds);
        ArgumentNullException.ThrowIfNull(events);
        var listedSeconds = Newest(seconds, MaxSeconds, RunSecondMessage.From);
        var listedEvents = Newest(events, MaxEvents, RunEventMessage.From);
        return new(runId, sequence, isInitial, RunWire.Status(status), stateChanged, reason, RunWire.Finite(endSeconds), snapshot,
            secondsCompleted, listedSeconds, secondsOmittedBefore + seconds.Count - listedSeconds.Count,
            listedEvents, eventsOmittedBefore + events.Count - listedEvents.Count,
            summary is null ? null : RunSummaryMessage.From(summary));
    }

    private static List<TOut> Newest<TIn, TOut>(IReadOnlyList<TIn> items, int max, Func<TIn, TOut> map)
    {
        var first = Math.Max(0, items.Count - max);
        var result = new List<TOut>(items.Count - first);
        for (var i = first; i < items.Count; i++)
            result.Add(map(items[i]));
        return result;
    }
}
