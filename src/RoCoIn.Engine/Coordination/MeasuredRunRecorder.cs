using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Internal;
using RoCoIn.Engine.Simulation.Metrics;
using TraceOutcome = RoCoIn.Engine.Simulation.MemberOutcome;

namespace RoCoIn.Engine.Coordination;

/// <summary>
/// Turns the measured outcomes of a real run (device agents answering through <see cref="RequestCoordinator"/>) and its
/// failure events into the result types of a simulated run — per-second aggregates, request traces, the event log, a
/// live snapshot and a <see cref="RunResult"/> beside the closed form's prediction — so the live page, the database
/// and the compare page treat both alike.
/// </summary>
/// <remarks>
/// <para><b>Time.</b> Every time is in seconds since the run's start, measured by the caller on the wall clock; the
/// recorder reads no clock. <see cref="NowSeconds"/> is the latest time it was given (a completion counts at its
/// arrival + latency).</para>
/// <para><b>Seconds.</b> A request counts in the second of its arrival, ⌊arrival⌋ (or, if that second is already
/// complete, the first second still open). <see cref="Advance"/> closes the seconds before ⌊now⌋ for arrivals; a closed
/// second completes, in order, once none of its requests is pending, and then the auto-abort rule of the settings is
/// checked exactly as the simulator checks it. The auto-abort only sets <see cref="AbortReason"/> and logs it: the
/// caller stops sending and calls <see cref="Finish"/>.</para>
/// <para><b>Figures.</b> As the simulator: percentiles are the lower inverse over served requests read from
/// <see cref="LatencyHistogram"/>s; accuracy is measured on every served request (the inputs are labelled); the
/// expected accuracy and the prediction are the closed form's; times to recover use the completed seconds with the
/// closed form's R as the level before a failure in the first second.</para>
/// <para><b>Utilisation.</b> A device's busy time is the union of [arrival, arrival + elapsed] over the requests it
/// replied to (won or not): the time the coordinator had a reply outstanding there, which includes the network and is
/// an upper bound of its compute time. The union is kept with a per-device "busy until" cursor, exact when replies
/// are recorded in arrival order; an earlier-arriving reply recorded late counts only its part beyond the cursor.</para>
/// <para><b>End.</b> <see cref="Finish"/> completes every second, also those with requests still pending: those
/// requests count as sent and completed, not served. Calls after it change nothing.</para>
/// <para><b>Inputs.</b> Times must lie in [0, <see cref="SimulationSettings.MaxDurationSeconds"/>] (per-second
/// aggregates stay bounded); anything else throws <see cref="ArgumentOutOfRangeException"/>.</para>
/// <para>Not thread-safe: the caller serialises every call (one lock or one thread).</para>
/// </remarks>
public sealed class MeasuredRunRecorder
{
    /// <summary>The note every measured result carries.</summary>
    public const string MeasuredNote = "Measured on real agents: latencies are wall-clock times at the coordinator.";

    /// <summary>The note when the plan has no accuracy table, so the expected accuracy is not computed.</summary>
    public const string NoAccuracyTableNote = "No accuracy table for this plan: the expected accuracy is not computed.";

    private readonly SimulatedDevice[] _devices;
    private readonly int[] _groupOfDevice;
    private readonly Dictionary<int, int> _indexById;
    private readonly Dictionary<int, int> _groupByPartition;
    private readonly int _partitionMask;
    private readonly double _objective;
    private readonly double? _expectedAccuracy;

    private readonly SecondWindow _seconds = new();
    private readonly LatencyHistogram _histogram = new();
    private readonly RunEventLog _events = new();
    private readonly BoundedRing<RequestTrace> _traces;
    private readonly List<ActiveFailure> _failures = [];
    private long _failuresDropped;

    private readonly double[] _busy;
    private readonly double[] _busyUntil;
    private readonly long[] _replies;
    private readonly long[] _wins;

    private long _pending;
    private long _correct;
    private long _withinObjective;
    private double _endSeconds;
    private int? _lastAnsweredGroup;

    /// <summary>Prepares the record of a real run of <paramref name="topology"/>.</summary>
    /// <param name="topology">The plan as it runs; its groups are in partition order and give the group indices.</param>
    /// <param name="settings">The run's settings: the mode, the auto-abort rule and the arrivals (for the notes).</param>
    /// <param name="traceCapacity">How many completed requests' traces <see cref="RecentTraces"/> keeps (0 = none).</param>
    /// <exception cref="ArgumentNullException"><paramref name="topology"/> or <paramref name="settings"/> is null.</exception>
    /// <exception cref="ArgumentException">The topology or the settings are invalid, or two groups share a partition, or a
    /// partition is outside 0–30 (the coordinator's answered mask).</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="traceCapacity"/> is negative or above
    /// <see cref="Simulator.MaxTraceCapacity"/>.</exception>
    public MeasuredRunRecorder(SimulationTopology topology, SimulationSettings settings, int traceCapacity = 64)
    {
        Simulator.ValidateInputs(topology, settings, traceCapacity);
        Topology = topology;
        Settings = settings;
        Mode = settings.Mode ?? topology.Mode;
        _objective = topology.ObjectiveSeconds;

        _groupByPartition = new Dictionary<int, int>(topology.Groups.Count);
        for (var g = 0; g < topology.Groups.Count; g++)
        {
            var partition = topology.Groups[g].Partition;
            if (partition is < 0 or > 30)
                throw new ArgumentException(FormattableString.Invariant(
                    $"Group {g + 1} has partition {partition}; partitions must lie in 0–30 to fit the answered-groups mask."), nameof(topology));
            if (!_groupByPartition.TryAdd(partition, g))
                throw new ArgumentException(FormattableString.Invariant($"Two groups have partition {partition}."), nameof(topology));
            _partitionMask |= 1 << partition;
        }

        var devices = new List<SimulatedDevice>();
        var groupOf = new List<int>();
        for (var g = 0; g < topology.Groups.Count; g++)
        {
            foreach (var member in topology.Groups[g].Members)
            {
                devices.Add(member);
                groupOf.Add(g);
            }
        }
        _devices = [.. devices];
        _groupOfDevice = [.. groupOf];
        _indexById = new Dictionary<int, int>(_devices.Length);
        for (var d = 0; d < _devices.Length; d++)
            _indexById[_devices[d].DeviceId] = d;
        _busy = new double[_devices.Length];
        _busyUntil = new double[_devices.Length];
        _replies = new long[_devices.Length];
        _wins = new long[_devices.Length];

        _traces = new BoundedRing<RequestTrace>(traceCapacity);
        Prediction = RunReporting.Prediction(topology, settings, Mode);
        _expectedAccuracy = RunReporting.ExpectedAccuracy(topology, Prediction, Mode);
    }

    /// <summary>The plan that runs.</summary>
    public SimulationTopology Topology { get; }

    /// <summary>The run's settings.</summary>
    public SimulationSettings Settings { get; }

    /// <summary>Strict or degraded: the settings' mode, else the plan's.</summary>
    public FailureMode Mode { get; }

    /// <summary>The closed form's metrics for one isolated request of the same plan and mode, as the simulator predicts.</summary>
    public PlanMetrics Prediction { get; }

    /// <summary>The latest time given to <see cref="Advance"/>, <see cref="RequestSent"/> or <see cref="RequestCompleted"/>
    /// (its arrival + latency), seconds since the start; at the end, the end of the run.</summary>
    public double NowSeconds { get; private set; }

    /// <summary>Requests sent so far.</summary>
    public long Sent { get; private set; }

    /// <summary>Requests completed (served or not) so far; after <see cref="Finish"/>, every request sent.</summary>
    public long Completed { get; private set; }

    /// <summary>Requests served so far.</summary>
    public long Served { get; private set; }

    /// <summary>True once <see cref="Finish"/> was called.</summary>
    public bool Finished { get; private set; }

    /// <summary>Why the run stopped early (the auto-abort rule, or the reason given to <see cref="Finish"/>), or null.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>The aggregates of every second whose requests have all completed, in order from second 0.</summary>
    public IReadOnlyList<SecondAggregate> CompletedSeconds => _seconds.Completed;

    /// <summary>
    /// The run's log: failures starting and ending, the caller's entries, abort and end. Keeps the latest
    /// <see cref="Simulator.MaxLoggedEvents"/> − 1 entries; when older ones were dropped, a final "dropped" entry says how many.
    /// </summary>
    public IReadOnlyList<RunEvent> Events => _events.View;

    /// <summary>The last completed requests' traces, oldest first (at most the trace capacity given to the constructor).</summary>
    public IReadOnlyList<RequestTrace> RecentTraces => _traces.ToArray();

    /// <summary>Counts a request sent at <paramref name="atSeconds"/> in its arrival second, pending until it completes.</summary>
    /// <param name="atSeconds">When it was sent, seconds since the start (finite, ≥ 0).</param>
    /// <remarks>Ignored once the run has finished.</remarks>
    public void RequestSent(double atSeconds)
    {
        CheckTime(atSeconds, nameof(atSeconds));
        if (Finished)
            return;
        NowSeconds = Math.Max(NowSeconds, atSeconds);
        var second = _seconds.Open(SecondOf(atSeconds));
        second.Sent++;
        second.Pending++;
        Sent++;
        _pending++;
    }

    /// <summary>
    /// Records a request's outcome in its arrival second (the same <paramref name="arrivalSeconds"/> as given to
    /// <see cref="RequestSent"/>), completes the seconds that were waiting for it, and returns its trace (also kept in
    /// <see cref="RecentTraces"/>).
    /// </summary>
    /// <param name="outcome">What the coordinator measured.</param>
    /// <param name="arrivalSeconds">When it was sent, seconds since the start.</param>
    /// <returns>The request's trace. After <see cref="Finish"/> the trace is built but nothing is counted or kept.</returns>
    /// <exception cref="ArgumentException">The outcome names a device or a partition the topology does not have, or
    /// has a negative latency.</exception>
    /// <exception cref="InvalidOperationException">No request sent at <paramref name="arrivalSeconds"/> is pending.</exception>
    public RequestTrace RequestCompleted(RequestOutcome outcome, double arrivalSeconds)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        CheckTime(arrivalSeconds, nameof(arrivalSeconds));
        var latency = outcome.Latency.TotalSeconds;
        if (!(latency >= 0))
            throw new ArgumentException(FormattableString.Invariant($"Request {outcome.RequestId} has a negative latency ({latency} s)."),
                nameof(outcome));
        var trace = Trace(outcome, arrivalSeconds, out var slowestGroup);
        if (Finished)
            return trace;

        var second = _seconds.Open(SecondOf(arrivalSeconds));
        if (second.Pending == 0)
            throw new InvalidOperationException(FormattableString.Invariant(
                $"Request {outcome.RequestId} arrived at {arrivalSeconds} s, but no request sent then is pending: call RequestSent first."));
        NowSeconds = Math.Max(NowSeconds, arrivalSeconds + latency);
        second.Pending--;
        _pending--;
        Completed++;
        if (outcome.Served)
        {
            Served++;
            if (RunReporting.RecordServed(second, _histogram, latency, _objective))
                _withinObjective++;
            if (outcome.Correct)
            {
                _correct++;
                second.Correct++;
            }
            if (slowestGroup is not null)
                _lastAnsweredGroup = slowestGroup;
        }
        CountReplies(outcome, arrivalSeconds);
        _traces.Add(trace);
        CompleteSeconds();
        return trace;
    }

    /// <summary>
    /// Moves the clock to <paramref name="nowSeconds"/>: closes every second before ⌊now⌋ for arrivals, completes the
    /// closed seconds without pending requests in order, and checks the auto-abort rule after each.
    /// </summary>
    /// <param name="nowSeconds">Seconds since the start (finite, ≥ 0); an earlier time than <see cref="NowSeconds"/> does not move it back.</param>
    public void Advance(double nowSeconds)
    {
        CheckTime(nowSeconds, nameof(nowSeconds));
        if (Finished)
            return;
        NowSeconds = Math.Max(NowSeconds, nowSeconds);
        _seconds.CloseBefore((int)Math.Floor(NowSeconds));
        CompleteSeconds();
    }

    /// <summary>Records a failure that struck at <paramref name="atSeconds"/> and logs a "failure-start" event.</summary>
    /// <param name="atSeconds">When, seconds since the start.</param>
    /// <param name="deviceId">The device, or null for a whole group.</param>
    /// <param name="group">The device's group index, or the group.</param>
    /// <param name="kind">What it does.</param>
    /// <param name="source">"manual", "crash process", the scenario event, …</param>
    /// <param name="text">The event log's text.</param>
    /// <returns>Its index for <see cref="FailureEnded"/>; −1 beyond <see cref="Simulator.MaxFailureRecords"/> failures
    /// (logged and counted in the notes, not listed) and once the run has finished (ignored).</returns>
    public int FailureStarted(double atSeconds, int? deviceId, int group, FailureKind kind, string source, string text)
    {
        CheckTime(atSeconds, nameof(atSeconds));
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(text);
        if (Finished)
            return -1;
        Log(atSeconds, "failure-start", text, deviceId, group);
        if (_failures.Count >= Simulator.MaxFailureRecords)
        {
            _failuresDropped++;
            return -1;
        }
        _failures.Add(new ActiveFailure(new FailureEffect(kind), atSeconds, deviceId, group, source));
        return _failures.Count - 1;
    }

    /// <summary>
    /// Sets the end of failure <paramref name="index"/> (the first end given counts) and logs a "failure-end" event;
    /// ignored once the run has finished (a failure still in effect then lasted to the end).
    /// </summary>
    /// <param name="index">What <see cref="FailureStarted"/> returned; −1 only logs.</param>
    /// <param name="atSeconds">When it ended, seconds since the start (an end before the start counts as the start).</param>
    /// <param name="text">The event log's text.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="index"/> is no failure's.</exception>
    public void FailureEnded(int index, double atSeconds, string text)
    {
        CheckTime(atSeconds, nameof(atSeconds));
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(index, -1);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(index, _failures.Count);
        if (Finished)
            return;
        if (index < 0)
        {
            Log(atSeconds, "failure-end", text, null, null);
            return;
        }
        var failure = _failures[index];
        failure.End ??= Math.Max(atSeconds, failure.Start);
        Log(atSeconds, "failure-end", text, failure.DeviceId, failure.Group);
    }

    /// <summary>Adds an entry to <see cref="Events"/> (ignored once the run has finished).</summary>
    /// <param name="atSeconds">When, seconds since the start.</param>
    /// <param name="kind">Short machine-readable kind, e.g. "injection".</param>
    /// <param name="text">What happened, in words.</param>
    /// <param name="deviceId">The device concerned, if one.</param>
    /// <param name="group">The group concerned, if one.</param>
    public void Log(double atSeconds, string kind, string text, int? deviceId = null, int? group = null)
    {
        CheckTime(atSeconds, nameof(atSeconds));
        ArgumentException.ThrowIfNullOrWhiteSpace(kind);
        ArgumentNullException.ThrowIfNull(text);
        if (!Finished)
            _events.Add(atSeconds, kind, text, deviceId, group);
    }

    /// <summary>
    /// Ends the run at <paramref name="atSeconds"/> (or <see cref="NowSeconds"/> if later): advances to it, completes every
    /// second up to ⌈end⌉ even with requests pending (they count as sent and completed, not served), and logs the final
    /// "end" event. A <paramref name="reason"/> marks an early stop: it becomes the <see cref="AbortReason"/> unless the
    /// auto-abort set one, with an "abort" event. Only the first call counts.
    /// </summary>
    /// <param name="atSeconds">When it ended, seconds since the start.</param>
    /// <param name="reason">Why it stopped early, or null when it ran its course.</param>
    public void Finish(double atSeconds, string? reason)
    {
        CheckTime(atSeconds, nameof(atSeconds));
        if (Finished)
            return;
        Advance(atSeconds);
        var end = NowSeconds;
        if (reason is not null && AbortReason is null)
        {
            AbortReason = reason;
            _events.Add(end, "abort", reason, null, null);
        }
        _seconds.CloseBefore(Math.Max((int)Math.Ceiling(end), _seconds.OpenEnd));
        while (_seconds.TryCompleteNext(force: true))
        {
        }
        Completed += _pending;
        _pending = 0;
        _endSeconds = end;
        _events.Add(end, "end", RunReporting.EndText(end, reason ?? AbortReason, Sent, Served), null, null);
        _events.Close(end);
        Finished = true;
    }

    /// <summary>The run's state now, for the live page.</summary>
    /// <param name="devices">Every device of the plan as the caller observes it (liveness, requests outstanding).</param>
    public RunSnapshot Snapshot(IReadOnlyList<DeviceSnapshot> devices)
    {
        ArgumentNullException.ThrowIfNull(devices);
        return new RunSnapshot(NowSeconds, Sent, Completed, Served, Finished, AbortReason, _lastAnsweredGroup, devices);
    }

    /// <summary>
    /// The run's result: at the end, or a partial one at any time (counting the requests completed so far and the
    /// seconds complete so far), with the same figures and rules as <see cref="Simulator.Result"/>.
    /// </summary>
    public RunResult Result()
    {
        var elapsed = Finished ? _endSeconds : NowSeconds;
        double? accuracy = Served > 0 ? (double)_correct / Served : null;

        var usage = new DeviceUsage[_devices.Length];
        for (var d = 0; d < usage.Length; d++)
        {
            var utilisation = elapsed > 0 ? Math.Clamp(_busy[d] / elapsed, 0, 1) : 0;
            usage[d] = new DeviceUsage(_devices[d].DeviceId, _devices[d].Name, _groupOfDevice[d], utilisation, _replies[d], _wins[d]);
        }

        // Sent = completed: while running, requests still in flight are not counted yet (as the simulator's partial result).
        return RunReporting.Result(new RunTotals(elapsed, Completed, Served, _withinObjective, accuracy, Finished), _histogram,
            _seconds.Completed, _failures, usage, Prediction, _expectedAccuracy, Topology.TeacherAccuracy, AbortReason, Notes(elapsed));
    }

    private List<string> Notes(double elapsed)
    {
        List<string> notes = [MeasuredNote];
        if (Topology.AccuracyBySubset is null)
            notes.Add(NoAccuracyTableNote);
        if (Topology.TeacherAccuracy is null)
            notes.Add(RunReporting.NoTeacherNote);
        if (!Finished)
            notes.Add(RunReporting.PartialNote(elapsed, _pending));
        var isolated = Settings.Arrivals.Kind == ArrivalKind.ClosedLoop && Settings.Arrivals.Concurrency == 1;
        if (!isolated || _failures.Count > 0 || _failuresDropped > 0)
            notes.Add(RunReporting.IsolatedPredictionNote);
        if (_failuresDropped > 0)
            notes.Add(RunReporting.FailuresDroppedNote(_failuresDropped));
        return notes;
    }

    /// <summary>The trace of <paramref name="outcome"/>, members in plan order; the group of the slowest winning member.</summary>
    private RequestTrace Trace(RequestOutcome outcome, double arrival, out int? slowestGroup)
    {
        var members = new (int Index, MemberTrace Trace)[outcome.Members.Count];
        slowestGroup = null;
        var slowest = double.NegativeInfinity;
        for (var i = 0; i < members.Length; i++)
        {
            var member = outcome.Members[i];
            if (!_indexById.TryGetValue(member.DeviceId, out var index))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Request {outcome.RequestId} names device {member.DeviceId}, which is not in the plan."), nameof(outcome));
            if (!_groupByPartition.TryGetValue(member.Partition, out var group))
                throw new ArgumentException(FormattableString.Invariant(
                    $"Request {outcome.RequestId} names partition {member.Partition}, which is not in the plan."), nameof(outcome));
            var elapsed = member.Elapsed?.TotalSeconds;
            var outcomeOfTrace = member.Outcome switch
            {
                MemberOutcome.Won or MemberOutcome.Replied => TraceOutcome.Replied,
                MemberOutcome.Cancelled => TraceOutcome.Cancelled,
                MemberOutcome.Failed => TraceOutcome.Failed,
                MemberOutcome.Unavailable => TraceOutcome.Down,
                _ => throw new ArgumentException(FormattableString.Invariant(
                    $"Request {outcome.RequestId}: device {member.DeviceId} has an unknown outcome {(int)member.Outcome}."), nameof(outcome)),
            };
            var received = elapsed is not null || member.Outcome != MemberOutcome.Unavailable ? arrival : (double?)null;
            var replied = member.Outcome is MemberOutcome.Won or MemberOutcome.Replied or MemberOutcome.Failed;
            var reply = replied && elapsed is { } e ? arrival + e : (double?)null;
            var won = member.Outcome == MemberOutcome.Won;
            members[i] = (index, new MemberTrace(member.DeviceId, group, outcomeOfTrace, received, null, null, reply, won));
            if (won && elapsed is { } wonAfter && wonAfter > slowest)
            {
                slowest = wonAfter;
                slowestGroup = group;
            }
        }
        Array.Sort(members, (a, b) => a.Index.CompareTo(b.Index));

        var answered = 0;
        foreach (var (partition, group) in _groupByPartition)
        {
            if ((outcome.AnsweredMask & (1 << partition)) != 0)
                answered |= 1 << group;
        }
        if ((outcome.AnsweredMask & ~_partitionMask) != 0)
            throw new ArgumentException(FormattableString.Invariant(
                $"Request {outcome.RequestId}: the answered mask {outcome.AnsweredMask} has bits for partitions the plan does not have."), nameof(outcome));

        var latency = outcome.Latency.TotalSeconds;
        return new RequestTrace(outcome.RequestId, arrival, arrival + latency, outcome.Served, outcome.Served ? latency : null,
            outcome.Served ? outcome.Correct : null, answered, [.. members.Select(m => m.Trace)]);
    }

    /// <summary>Replies (won or not) and wins per device, and the busy intervals [arrival, arrival + elapsed] of the replies.</summary>
    private void CountReplies(RequestOutcome outcome, double arrival)
    {
        foreach (var member in outcome.Members)
        {
            if (member.Outcome is not (MemberOutcome.Won or MemberOutcome.Replied))
                continue;
            var d = _indexById[member.DeviceId];
            _replies[d]++;
            if (member.Outcome == MemberOutcome.Won)
                _wins[d]++;
            if (member.Elapsed is not { } elapsed)
                continue;
            var end = arrival + elapsed.TotalSeconds;
            var start = Math.Max(arrival, _busyUntil[d]);
            if (end > start)
            {
                _busy[d] += end - start;
                _busyUntil[d] = end;
            }
        }
    }

    private void CompleteSeconds()
    {
        while (_seconds.TryCompleteNext())
        {
            if (AbortReason is null && RunReporting.AutoAbortReason(Settings.AutoAbort, _seconds.Completed) is { } reason)
            {
                AbortReason = reason;
                _events.Add(NowSeconds, "abort", reason, null, null);
            }
        }
    }

    /// <summary>The arrival second of a request sent at <paramref name="at"/>: ⌊at⌋, or the first open second if that one is complete.</summary>
    private int SecondOf(double at) => Math.Max((int)Math.Floor(at), _seconds.FirstOpen);

    private static void CheckTime(double seconds, string name)
    {
        if (!(seconds is >= 0 and <= SimulationSettings.MaxDurationSeconds))
            throw new ArgumentOutOfRangeException(name, seconds, FormattableString.Invariant(
                $"A time must lie in [0, {SimulationSettings.MaxDurationSeconds}] seconds since the start of the run (a week at most)."));
    }
}
