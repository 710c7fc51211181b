using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Simulation.Internal;
using RoCoIn.Engine.Simulation.Metrics;

namespace RoCoIn.Engine.Simulation;

/// <summary>
/// Discrete-event simulation of a plan under load and failures (rocoin-model.md §3): requests arrive, every member of
/// every group serves every request on a FIFO single server, the requester keeps the first reply per group, and the
/// run is measured per second, as a latency histogram and as a summary beside the closed form's prediction.
/// </summary>
/// <remarks>
/// <para><b>Request path.</b> A request sent at a reaches member n (unless it is down, its link is cut, the message is
/// lost, or — with <see cref="SimulationSettings.NoReplies"/> — it drops the request with p_n, which uses no service
/// time) at a + ℓ' + D_in/(ρ·r↓); it starts when the server is free, computes c_k/f × slow-down × jitter (a log-normal
/// multiplier with mean 1 and CV <see cref="SimulationSettings.JitterCoefficient"/>, exactly 1 when that is 0) and its
/// reply reaches the requester ℓ' + b·d_k/(ρ·r↑) later, where ℓ' = ℓ + extra latency and ρ is a degraded link's rate
/// factor. A group's reply is its first member reply; a reply counts when it comes at most τ − δ after a. Strict mode:
/// served when every group answered, T = max_k T_k + δ. Degraded mode: served when one group answered; T is the same
/// when all did, else τ + δ (the requester waits for the deadline). A request that is not served with every group
/// completes at a + τ + δ. With a model set, each served request is correct with probability acc(A) of the groups A
/// that answered.</para>
/// <para><b>When state changes apply.</b> A slow-down applies to jobs that start service at or after it takes effect
/// (the job in service keeps its speed); link properties (cut, rate, latency, loss) apply to messages sent at or
/// after the change — the input when the request is sent, the reply when the device finishes. A crash kills every job
/// on the device whose reply was not sent yet (queued, in service or still on its way in); the device restarts empty.
/// A request's member times are computed when it arrives; a change that alters them recomputes the affected jobs at
/// the moment it happens and reschedules the request's completion, so the result is exact and depends only on the
/// inputs.</para>
/// <para><b>Order of simultaneous events.</b> Failure ends, then failure starts, completions, arrivals, second ticks and
/// last injections; within a class, the order of scheduling. An injection at t therefore comes after every event at
/// or before t, whether it was applied live (<see cref="Inject"/> after <see cref="RunUntil"/>(t)) or replayed from
/// <c>recordedInjections</c>: the same seed, inputs and injections give the same run, bit for bit.</para>
/// <para><b>End of a run.</b> Arrivals cover [0, <see cref="EndSeconds"/>). When the run ends (duration, request limit,
/// <see cref="Stop"/> or auto-abort) the world freezes: requests in flight complete as already computed, no further
/// failure or injection applies, and every second is then complete.</para>
/// <para><b>Failure sources.</b> Scheduled <see cref="DeviceFailure"/>s, crash processes (devices with MTBF and MTTR
/// alternate exponential up and down times, starting in the stationary state, one seeded stream per device) and
/// injections. Effects of the same kind combine: slow-downs and link rate factors multiply, extra latencies add, loss
/// probabilities combine as independent losses; recovering, restoring the speed or the link removes every effect of
/// that kind from the device, whatever its source.</para>
/// <para><b>Arrivals.</b> Poisson arrivals have seeded exponential gaps; a closed loop's clients all send their first
/// request at 0 and each sends the next one the moment its last one completes (served, or failed at a + τ + δ).</para>
/// <para><b>Metrics.</b> Per-second aggregates are by arrival second and appear in <see cref="CompletedSeconds"/> once
/// every request of the second has completed; percentiles are the lower inverse over served requests, read from
/// <see cref="LatencyHistogram"/>s (≤ 1 % above the exact value). A partial <see cref="Result"/> counts the requests
/// completed so far. Time to recover uses whole arrival seconds as its 1 s windows and, for a failure in the first
/// second, the closed form's R as the level to recover to.</para>
/// <para><b>Memory.</b> O(seconds) for the aggregates, O(in-flight requests × devices) for the request pool and the
/// device queues; nothing per completed request. A device overloaded for the whole run (arrivals faster than it
/// serves) has a FIFO queue that grows as long as the overload lasts, as a real one would (48 bytes per queued job).</para>
/// <para>Not thread-safe: call it from one thread at a time.</para>
/// </remarks>
public sealed partial class Simulator
{
    /// <summary>Most entries kept in <see cref="Events"/>; the oldest are dropped beyond that, and a final entry says how many.</summary>
    public const int MaxLoggedEvents = 10_000;

    /// <summary>Most failures kept in the summary (crash processes can cause many); later ones are counted in the notes.</summary>
    public const int MaxFailureRecords = 10_000;

    /// <summary>Most completed requests <see cref="RecentTraces"/> may keep.</summary>
    public const int MaxTraceCapacity = 100_000;

    private const int CancellationCheckMask = 4095;

    private readonly SimulatedDevice[] _devices;
    private readonly int[] _groupOf;
    private readonly int[] _groupStart;
    private readonly int _groupCount;
    private readonly int _deviceCount;
    private readonly int _allGroups;
    private readonly Dictionary<int, int> _indexById;
    private readonly double _tau;
    private readonly double _delta;
    private readonly double _objective;
    private readonly bool _degraded;
    private readonly bool _noReplies;
    private readonly double[]? _accuracy;
    private readonly bool _jitter;
    private readonly double _jitterMu;
    private readonly double _jitterSigma;
    private readonly long? _maxRequests;
    private readonly double _meanGapSeconds;
    private readonly bool _closedLoop;

    private readonly DeviceRuntime[] _state;
    private readonly JobRing[] _rings;
    private readonly List<ActiveFailure>?[] _active;

    private readonly SeededRandom _arrivalRandom;
    private readonly SeededRandom _requestRandom;
    private readonly SeededRandom?[] _crashRandom;
    private readonly bool[] _processDown;
    private readonly ActiveFailure?[] _processFailure;
    private double _spareNormal;
    private bool _hasSpareNormal;

    private readonly PriorityQueue<SimEvent, EventKey> _queue = new();
    private readonly IReadOnlyList<DeviceFailure> _scheduled;
    private readonly List<Injection> _pendingInjections = [];
    private readonly List<Injection> _applied = [];
    private long _sequence;
    private double _clock;
    private double _nextArrival = double.PositiveInfinity;
    private int _pendingClients;

    private RequestState[] _slots = [];
    private int[] _freeSlots = [];
    private int _freeCount;
    private int _slotCount;
    private readonly List<int> _dirty = [];
    private int _dirtyStamp = 1;

    private long _sent;
    private long _inFlight;
    private bool _finishing;
    private bool _finished;
    private bool _finishPending;
    private string? _finishReason;
    private double _horizon;

    private readonly int _traceCapacity;
    private readonly BoundedRing<RequestTrace> _traces;
    private bool _stepCapture;
    private RequestTrace? _stepTrace;

    /// <summary>Prepares a run; nothing happens until <see cref="RunUntil"/>, <see cref="RunToEnd"/> or <see cref="StepRequest"/>.</summary>
    /// <param name="topology">The plan as the simulator sees it.</param>
    /// <param name="settings">Arrivals, duration, mode, jitter, seed and the rest.</param>
    /// <param name="scheduledFailures">Failures to apply at their times (a scenario, resolved to devices), or null.</param>
    /// <param name="recordedInjections">Injections of an earlier run to replay at their <see cref="Injection.AtSeconds"/>, or null.</param>
    /// <param name="traceCapacity">How many completed requests' traces <see cref="RecentTraces"/> keeps (0 = none, the fastest).</param>
    /// <exception cref="ArgumentException">The topology, the settings, a failure or an injection is invalid; the message says which and why.</exception>
    public Simulator(SimulationTopology topology, SimulationSettings settings,
        IReadOnlyList<DeviceFailure>? scheduledFailures = null, IReadOnlyList<Injection>? recordedInjections = null, int traceCapacity = 0)
    {
        ValidateInputs(topology, settings, traceCapacity);

        Topology = topology;
        Settings = settings;
        Mode = settings.Mode ?? topology.Mode;
        EndSeconds = settings.DurationSeconds;
        _horizon = EndSeconds;
        _tau = topology.DeadlineSeconds;
        _delta = topology.AggregatorSeconds;
        _objective = topology.ObjectiveSeconds;
        _degraded = Mode == FailureMode.Degraded;
        _noReplies = settings.NoReplies;
        _maxRequests = settings.MaxRequests;

        _groupCount = topology.Groups.Count;
        _allGroups = (1 << _groupCount) - 1;
        _groupStart = new int[_groupCount + 1];
        var devices = new List<SimulatedDevice>();
        var groupOf = new List<int>();
        for (var g = 0; g < _groupCount; g++)
        {
            foreach (var member in topology.Groups[g].Members)
            {
                devices.Add(member);
                groupOf.Add(g);
            }
            _groupStart[g + 1] = devices.Count;
        }
        _devices = [.. devices];
        _groupOf = [.. groupOf];
        _deviceCount = _devices.Length;
        _indexById = new Dictionary<int, int>(_deviceCount);
        for (var d = 0; d < _deviceCount; d++)
            _indexById[_devices[d].DeviceId] = d;

        if (topology.AccuracyBySubset is { } table)
        {
            _accuracy = new double[_allGroups + 1];
            Array.Fill(_accuracy, double.NaN);
            foreach (var (subset, accuracy) in table)
            {
                if (subset >= 1 && subset <= _allGroups)
                    _accuracy[subset] = accuracy;
            }
        }

        if (settings.JitterCoefficient > 0)
        {
            _jitter = true;
            var variance = Math.Log(1 + (settings.JitterCoefficient * settings.JitterCoefficient));
            _jitterSigma = Math.Sqrt(variance);
            _jitterMu = -variance / 2;
        }

        _state = new DeviceRuntime[_deviceCount];
        _rings = new JobRing[_deviceCount];
        _active = new List<ActiveFailure>?[_deviceCount];
        for (var d = 0; d < _deviceCount; d++)
        {
            _rings[d] = new JobRing();
            ref var state = ref _state[d];
            state.Slow = 1;
            state.RateFactor = 1;
            state.NoReply = _devices[d].NoReplyProbability;
            UpdateDelays(d);
        }

        _arrivalRandom = new SeededRandom(StreamSeed(settings.Seed, 1));
        _requestRandom = new SeededRandom(StreamSeed(settings.Seed, 2));
        _crashRandom = new SeededRandom?[_deviceCount];
        _processDown = new bool[_deviceCount];
        _processFailure = new ActiveFailure?[_deviceCount];

        _traceCapacity = traceCapacity;
        _traces = new BoundedRing<RequestTrace>(traceCapacity);

        _closedLoop = settings.Arrivals.Kind == ArrivalKind.ClosedLoop;
        if (_closedLoop)
        {
            _pendingClients = settings.Arrivals.Concurrency;
            _nextArrival = 0;
        }
        else
        {
            _meanGapSeconds = 1 / settings.Arrivals.RatePerSecond;
            var first = Exponential(_arrivalRandom, _meanGapSeconds);
            _nextArrival = first < EndSeconds ? first : double.PositiveInfinity;
        }
        if (EndSeconds >= 1)
            Schedule(new SimEvent(SimEventKind.Tick, 1, 0), 1, EventKey.TickOrder);

        _scheduled = scheduledFailures ?? [];
        ValidateScheduledFailures(_scheduled);
        _scheduledActive = new ActiveFailure?[_scheduled.Count];
        for (var i = 0; i < _scheduled.Count; i++)
        {
            if (_scheduled[i].StartSeconds < EndSeconds)
                Schedule(new SimEvent(SimEventKind.FailureStart, i, 0), _scheduled[i].StartSeconds, EventKey.FailureStartOrder);
        }

        if (recordedInjections is not null)
        {
            for (var i = 0; i < recordedInjections.Count; i++)
            {
                var injection = recordedInjections[i]
                    ?? throw new ArgumentException($"recordedInjections[{i}] is null.", nameof(recordedInjections));
                var errors = ValidateInjection(topology, injection);
                if (errors.Count > 0)
                    throw new ArgumentException($"recordedInjections[{i}] is invalid: " + string.Join(" ", errors.Select(e => e.Message)),
                        nameof(recordedInjections));
                if (injection.AtSeconds > EndSeconds)
                    throw new ArgumentException(
                        Text($"recordedInjections[{i}] is at {injection.AtSeconds} s, after the end of the run ({EndSeconds} s)."),
                        nameof(recordedInjections));
                QueueInjection(injection);
            }
        }

        if (settings.CrashProcesses)
            StartCrashProcesses();

        Prediction = RunReporting.Prediction(topology, settings, Mode);
        _expectedAccuracy = RunReporting.ExpectedAccuracy(topology, Prediction, Mode);
    }

    /// <summary>
    /// Checks a run's inputs as the constructor does (a measured run shares the checks).
    /// </summary>
    /// <exception cref="ArgumentNullException">The topology or the settings are null.</exception>
    /// <exception cref="ArgumentException">The topology or the settings are invalid; the message says which and why.</exception>
    internal static void ValidateInputs(SimulationTopology topology, SimulationSettings settings, int traceCapacity)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(settings);
        var settingErrors = settings.Validate();
        if (settingErrors.Count > 0)
            throw new ArgumentException("The simulation settings are invalid: " + string.Join(" ", settingErrors.Select(e => e.Message)),
                nameof(settings));
        ArgumentOutOfRangeException.ThrowIfNegative(traceCapacity);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(traceCapacity, MaxTraceCapacity);
        ValidateTopology(topology);
    }

    /// <summary>The simulated plan.</summary>
    public SimulationTopology Topology { get; }

    /// <summary>The run's settings.</summary>
    public SimulationSettings Settings { get; }

    /// <summary>Strict or degraded: the settings' mode, else the plan's.</summary>
    public FailureMode Mode { get; }

    /// <summary>The simulated clock, seconds.</summary>
    public double NowSeconds => _clock;

    /// <summary>When arrivals stop: <see cref="SimulationSettings.DurationSeconds"/>.</summary>
    public double EndSeconds { get; }

    /// <summary>True once the run has ended (duration, request limit, abort or stop).</summary>
    public bool Finished => _finished;

    /// <summary>Why the run stopped early (<see cref="Stop"/> or auto-abort), or null.</summary>
    public string? AbortReason { get; private set; }

    /// <summary>The closed form's metrics for one isolated request of the same plan and mode (p_eff with crash processes).</summary>
    public PlanMetrics Prediction { get; }

    /// <summary>Every injection applied so far, live or replayed, with the simulated time it took effect, in order.</summary>
    public IReadOnlyList<Injection> Injections => _applied.AsReadOnly();

    /// <summary>The last completed requests' traces, oldest first (at most the trace capacity given to the constructor).</summary>
    public IReadOnlyList<RequestTrace> RecentTraces => _traces.ToArray();

    /// <summary>
    /// Raised for every completed request with its trace. Traces are built only while someone subscribes (or traces
    /// are kept), so an unobserved run stays fast.
    /// </summary>
    public event Action<RequestTrace>? RequestCompleted;

    /// <summary>
    /// Processes every event at or before <paramref name="simulatedSeconds"/> (clamped to <see cref="EndSeconds"/>), then
    /// sets the clock to it; at <see cref="EndSeconds"/> the run finishes. Earlier times than the clock do nothing.
    /// </summary>
    /// <param name="simulatedSeconds">Simulated time to advance to.</param>
    /// <exception cref="ArgumentException"><paramref name="simulatedSeconds"/> is NaN.</exception>
    public void RunUntil(double simulatedSeconds)
    {
        if (double.IsNaN(simulatedSeconds))
            throw new ArgumentException("The time to run until must be a number.", nameof(simulatedSeconds));
        if (_finished)
            return;
        var limit = Math.Min(simulatedSeconds, EndSeconds);
        Process(limit, CancellationToken.None);
        if (_finished)
            return;
        if (limit > _clock)
            _clock = limit;
        if (simulatedSeconds >= EndSeconds)
            Finish(EndSeconds, null);
    }

    /// <summary>Runs to the end (or until it stops itself), checking <paramref name="cancellationToken"/> every few thousand events.</summary>
    /// <param name="cancellationToken">Cancels the run between two events; the simulator stays usable.</param>
    /// <exception cref="OperationCanceledException">Cancelled.</exception>
    public void RunToEnd(CancellationToken cancellationToken = default)
    {
        if (_finished)
            return;
        Process(EndSeconds, cancellationToken);
        if (!_finished)
        {
            _clock = EndSeconds;
            Finish(EndSeconds, null);
        }
    }

    /// <summary>
    /// Advances until the next request completes and returns its trace (built even without a trace capacity); null
    /// once the run has finished. Reaching the end finishes the run and returns the first request completed then.
    /// </summary>
    public RequestTrace? StepRequest()
    {
        if (_finished)
            return null;
        _stepCapture = true;
        _stepTrace = null;
        try
        {
            Process(EndSeconds, CancellationToken.None);
            if (_stepTrace is null && !_finished)
            {
                _clock = EndSeconds;
                Finish(EndSeconds, null);
            }
            return _stepTrace;
        }
        finally
        {
            _stepCapture = false;
            _stepTrace = null;
        }
    }

    /// <summary>
    /// Applies <paramref name="injection"/> now: after every event at or before <see cref="NowSeconds"/>, as a replay
    /// of it would. Its <see cref="Injection.AtSeconds"/> is replaced by <see cref="NowSeconds"/> and it is added to
    /// <see cref="Injections"/>.
    /// </summary>
    /// <param name="injection">What to do, to which device or group.</param>
    /// <exception cref="ArgumentException">The target or a parameter is invalid (see <see cref="ValidateInjection"/>).</exception>
    /// <exception cref="InvalidOperationException">The run has finished.</exception>
    public void Inject(Injection injection)
    {
        ArgumentNullException.ThrowIfNull(injection);
        if (_finished)
            throw new InvalidOperationException("The run has finished; it takes no more injections.");
        var now = injection with { AtSeconds = _clock };
        var errors = ValidateInjection(Topology, now);
        if (errors.Count > 0)
            throw new ArgumentException(string.Join(" ", errors.Select(e => e.Message)), nameof(injection));
        Process(_clock, CancellationToken.None);
        if (_finished)
            throw new InvalidOperationException("The run has finished; it takes no more injections.");
        QueueInjection(now);
        Process(_clock, CancellationToken.None);
    }

    /// <summary>Ends the run now, with <paramref name="reason"/> as its <see cref="AbortReason"/>; requests in flight complete as computed.</summary>
    /// <param name="reason">Why, in words.</param>
    public void Stop(string reason)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(reason);
        if (_finished)
            return;
        AbortReason = reason;
        Log(_clock, "abort", reason, null, null);
        Finish(_clock, reason);
    }

    private void Process(double limit, CancellationToken cancellationToken)
    {
        var processed = 0;
        while (!_finished)
        {
            if (_finishPending)
            {
                Finish(_clock, _finishReason);
                break;
            }
            var haveEvent = _queue.TryPeek(out var next, out var key);
            var arrival = _nextArrival;
            bool takeArrival;
            if (haveEvent)
                takeArrival = arrival < key.Time || (arrival == key.Time && EventKey.ArrivalOrder < key.Order);
            else
                takeArrival = arrival < double.PositiveInfinity;
            var time = takeArrival ? arrival : haveEvent ? key.Time : double.PositiveInfinity;
            if (!(time <= limit))
                break;

            if (takeArrival)
            {
                ProcessArrival(arrival);
            }
            else
            {
                _queue.Dequeue();
                Dispatch(next, time);
            }

            if (_stepCapture && _stepTrace is not null)
                break;
            if ((++processed & CancellationCheckMask) == 0)
                cancellationToken.ThrowIfCancellationRequested();
        }
        if (_finishPending && !_finished)
            Finish(_clock, _finishReason);
    }

    private void Dispatch(SimEvent next, double time)
    {
        switch (next.Kind)
        {
            case SimEventKind.Completion:
                Complete(next.Index, next.Version, time);
                break;
            case SimEventKind.Tick:
                _clock = time;
                Tick(next.Index);
                break;
            case SimEventKind.FailureStart:
                _clock = time;
                StartScheduledFailure(next.Index);
                break;
            case SimEventKind.FailureEnd:
                _clock = time;
                EndScheduledFailure(next.Index);
                break;
            case SimEventKind.CrashTransition:
                _clock = time;
                CrashTransition(next.Index);
                break;
            case SimEventKind.Injection:
                _clock = time;
                ApplyInjection(_pendingInjections[next.Index]);
                break;
            default:
                throw new InvalidOperationException($"Unknown event kind {next.Kind}.");
        }
    }

    private void Schedule(SimEvent item, double time, int order) => _queue.Enqueue(item, new EventKey(time, order, _sequence++));

    private void QueueInjection(Injection injection)
    {
        _pendingInjections.Add(injection);
        Schedule(new SimEvent(SimEventKind.Injection, _pendingInjections.Count - 1, 0), injection.AtSeconds, EventKey.InjectionOrder);
    }

    private void Finish(double at, string? reason)
    {
        if (_finished)
            return;
        _finishing = true;
        _finishPending = false;
        _clock = at;
        _horizon = at;
        _nextArrival = double.PositiveInfinity;

        // The world freezes: requests in flight complete as computed, nothing else applies any more.
        while (_queue.TryDequeue(out var next, out var key))
        {
            if (next.Kind == SimEventKind.Completion)
                Complete(next.Index, next.Version, key.Time);
        }
        _seconds.CloseBefore(Math.Max((int)Math.Ceiling(at), _seconds.OpenEnd));
        TryCompleteSeconds();

        Log(at, "end", RunReporting.EndText(at, reason, _sent, _served), null, null);
        _events.Close(at);
        _finished = true;
    }

    private static long StreamSeed(long seed, long stream)
    {
        // SplitMix64's finaliser on (seed, stream): independent-looking streams from one stored seed.
        unchecked
        {
            var z = (ulong)seed + ((ulong)stream * 0x9E3779B97F4A7C15UL);
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return (long)(z ^ (z >> 31));
        }
    }

    private static double Exponential(SeededRandom random, double mean) => -Math.Log(1 - random.NextDouble()) * mean;

    private double NextJitter()
    {
        double z;
        if (_hasSpareNormal)
        {
            _hasSpareNormal = false;
            z = _spareNormal;
        }
        else
        {
            // Box–Muller: two normals from two uniforms; 1 − u keeps the logarithm finite.
            var radius = Math.Sqrt(-2 * Math.Log(1 - _requestRandom.NextDouble()));
            var angle = 2 * Math.PI * _requestRandom.NextDouble();
            z = radius * Math.Cos(angle);
            _spareNormal = radius * Math.Sin(angle);
            _hasSpareNormal = true;
        }
        return Math.Exp(_jitterMu + (_jitterSigma * z));
    }

    private static string Text(FormattableString text) => FormattableString.Invariant(text);

    /// <summary>A device's live state, kept together for the hot path.</summary>
    private struct DeviceRuntime
    {
        public double SendDelay;     // ℓ' + D_in/(ρ·r↓)
        public double ReplyDelay;    // ℓ' + b·d_k/(ρ·r↑)
        public double Service;       // c_k/f × slow-down
        public double FreeAt;
        public double Loss;
        public double NoReply;
        public double Busy;
        public double Slow;
        public double RateFactor;
        public double ExtraLatency;
        public bool Blocked;         // down or link cut
        public bool Down;
        public bool Cut;
        public long Replies;
        public long Wins;
    }
}
