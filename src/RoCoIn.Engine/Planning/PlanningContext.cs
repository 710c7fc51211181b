using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Models;

namespace RoCoIn.Engine.Planning;

/// <summary>
/// Everything about one planning problem that does not change while searching: per device, student and width,
/// the member time t_nk and whether the student fits the device's memory; p_eff per device; δ. Built once per
/// run so the search only looks numbers up.
/// </summary>
public sealed class PlanningContext
{
    private readonly double[] _baseSeconds;      // 2ℓ + D_in/r↓ per device
    private readonly double[] _flopsPerSecond;   // f_n
    private readonly double[] _uplink;           // r↑
    private readonly long[] _studentMemory;      // [student * (F + 1) + width]
    private readonly long[] _studentFlops;
    private readonly long[] _deviceMemory;       // M_n

    /// <summary>Prepares the lookups for <paramref name="request"/>.</summary>
    public PlanningContext(PlanRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Request = request;
        Devices = request.Devices;
        Settings = request.Settings;
        Teacher = request.Teacher;
        Students = request.Students;
        F = request.Teacher.FeatureChannels;
        var aggregatorFlops = ModelCatalogue.Aggregator(request.Teacher).Cost().Flops;
        Costs = RequestCosts.FashionMnist(aggregatorFlops, Settings.RequesterFlopsPerSecond);
        EvaluationSettings = new EvaluationSettings(Settings.DeadlineSeconds, Costs.AggregatorSeconds,
            Math.Min(Settings.ObjectiveSeconds, Settings.DeadlineSeconds), Settings.Mode);

        var n = Devices.Count;
        _baseSeconds = new double[n];
        _flopsPerSecond = new double[n];
        _uplink = new double[n];
        NoReply = new double[n];
        _deviceMemory = new long[n];
        for (var i = 0; i < n; i++)
        {
            var d = Devices[i];
            _deviceMemory[i] = d.MemoryBytes;
            _baseSeconds[i] = (2 * d.LinkLatencySeconds) + (Costs.InputBits / d.DownlinkBitsPerSecond);
            _flopsPerSecond[i] = d.ComputeFlopsPerSecond;
            _uplink[i] = d.UplinkBitsPerSecond;
            NoReply[i] = LatencyModel.EffectiveNoReplyProbability(d);
        }

        var table = new StudentCostTable(request.Teacher, request.Students);
        _studentMemory = new long[Students.Count * (F + 1)];
        _studentFlops = new long[Students.Count * (F + 1)];
        for (var s = 0; s < Students.Count; s++)
        {
            for (var w = 1; w <= F; w++)
            {
                var cost = table.Get(Students[s].Key, w);
                _studentMemory[(s * (F + 1)) + w] = cost.MemoryBytes;
                _studentFlops[(s * (F + 1)) + w] = cost.Flops;
            }
        }
    }

    /// <summary>The request this context was built for.</summary>
    public PlanRequest Request { get; }

    /// <summary>The devices, indexed as in the request.</summary>
    public IReadOnlyList<DeviceProfile> Devices { get; }

    /// <summary>The run's settings.</summary>
    public PlanSettings Settings { get; }

    /// <summary>The teacher.</summary>
    public TeacherSpec Teacher { get; }

    /// <summary>Candidate students, smallest first as given.</summary>
    public IReadOnlyList<StudentArchitecture> Students { get; }

    /// <summary>F: channels to partition.</summary>
    public int F { get; }

    /// <summary>D_in, b, c_agg and f_s.</summary>
    public RequestCosts Costs { get; }

    /// <summary>τ, δ, L_obj and the mode, as the evaluator takes them.</summary>
    public EvaluationSettings EvaluationSettings { get; }

    /// <summary>p_eff per device index.</summary>
    public double[] NoReply { get; }

    /// <summary>How many candidates have been evaluated through this context.</summary>
    public long Evaluations { get; private set; }

    /// <summary>τ − δ: a member slower than this never counts.</summary>
    public double UsableSeconds => EvaluationSettings.DeadlineSeconds - EvaluationSettings.AggregatorSeconds;

    /// <summary>t_nk for device index <paramref name="device"/> running student index <paramref name="student"/> at <paramref name="width"/>.</summary>
    public double Time(int device, int student, int width) =>
        _baseSeconds[device] + (_studentFlops[(student * (F + 1)) + width] / _flopsPerSecond[device])
        + (Costs.BitsPerFeature * width / _uplink[device]);

    /// <summary>Memory m_k of a student at a width, bytes.</summary>
    public long Memory(int student, int width) => _studentMemory[(student * (F + 1)) + width];

    /// <summary>FLOPs c_k of a student at a width.</summary>
    public long Flops(int student, int width) => _studentFlops[(student * (F + 1)) + width];

    /// <summary>Whether the student at the width fits the device's model memory.</summary>
    public bool Fits(int device, int student, int width) => Memory(student, width) <= _deviceMemory[device];

    /// <summary>Index of the student with <paramref name="key"/>, or −1.</summary>
    public int StudentIndex(string key)
    {
        for (var s = 0; s < Students.Count; s++)
        {
            if (Students[s].Key == key)
                return s;
        }
        return -1;
    }

    /// <summary>The largest student (highest index) that fits every listed device at the width, or −1.</summary>
    public int LargestFitting(IEnumerable<int> devices, int width)
    {
        var minMemory = long.MaxValue;
        foreach (var d in devices)
            minMemory = Math.Min(minMemory, Devices[d].MemoryBytes);
        for (var s = Students.Count - 1; s >= 0; s--)
        {
            if (Memory(s, width) <= minMemory)
                return s;
        }
        return -1;
    }

    /// <summary>Expected time of a group's first usable reply, counting a miss as τ (a cheap per-group score).</summary>
    public double GroupScore(IEnumerable<int> members, int student, int width)
    {
        var times = members.Select(m => (T: Time(m, student, width), P: NoReply[m])).Where(x => x.T <= UsableSeconds)
            .OrderBy(x => x.T).ToList();
        double expected = 0, allMissed = 1;
        foreach (var (t, p) in times)
        {
            expected += t * (1 - p) * allMissed;
            allMissed *= p;
        }
        return expected + (allMissed * Settings.DeadlineSeconds);
    }

    /// <summary>Group timings of a candidate, for the evaluator.</summary>
    public IReadOnlyList<GroupTiming> Timings(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var groups = new List<MemberTiming>[candidate.K];
        for (var k = 0; k < candidate.K; k++)
            groups[k] = [];
        for (var d = 0; d < candidate.GroupOf.Length; d++)
        {
            var k = candidate.GroupOf[d];
            if (k >= 0)
                groups[k].Add(new MemberTiming(Devices[d].Id, Time(d, candidate.Student[k], candidate.Width[k]), NoReply[d]));
        }
        return groups.Select(g => new GroupTiming(g)).ToList();
    }

    /// <summary>Full closed-form metrics of a candidate.</summary>
    public PlanMetrics Metrics(Candidate candidate)
    {
        Evaluations++;
        return ClosedFormEvaluator.Evaluate(Timings(candidate), EvaluationSettings);
    }

    /// <summary>
    /// The candidate's search score: its objective value when it meets every constraint; otherwise a value above
    /// any feasible one that still ranks candidates by how far they miss.
    /// </summary>
    public double Score(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        Evaluations++;
        var timings = Timings(candidate);
        if (timings.Any(g => g.Members.Count == 0))
            return double.PositiveInfinity;
        double objective, reliability;
        if (Settings.Objective == PlanObjective.ExpectedCappedLatency)
        {
            objective = ClosedFormEvaluator.ObjectiveJ(timings, EvaluationSettings);
            reliability = ClosedFormEvaluator.Reliability(timings, EvaluationSettings);
        }
        else
        {
            var metrics = ClosedFormEvaluator.Evaluate(timings, EvaluationSettings);
            reliability = metrics.Reliability;
            objective = ObjectiveOf(metrics);
        }
        return Penalised(objective, reliability, MemoryFits(candidate),
            Settings.AccuracyFloor is null ? double.NaN : AccuracyPrior(candidate));
    }

    /// <summary>
    /// The search score from its parts: <paramref name="objective"/> when every constraint holds, otherwise a value
    /// above any feasible one ordered by the miss. <paramref name="accuracyPrior"/> is only read when a floor is set.
    /// </summary>
    internal double Penalised(double objective, double reliability, bool memoryFits, double accuracyPrior)
    {
        var penalty = 0.0;
        if (reliability < Settings.MinReliability)
            penalty += 1 + (Settings.MinReliability - reliability);
        if (!memoryFits)
            penalty += 1;
        if (Settings.AccuracyFloor is { } floor && accuracyPrior < floor)
            penalty += 1 + (floor - accuracyPrior);
        // Feasible plans score below τ·(1 + 1) for every objective; infeasible ones above, ordered by their miss.
        return penalty == 0 ? objective : (10 * Settings.DeadlineSeconds * (1 + penalty)) + objective;
    }

    /// <summary>
    /// <see cref="Score"/> for search loops: for J and 1 − R it fills <paramref name="seconds"/> and
    /// <paramref name="noReply"/> (one slot per device, reused between calls) and evaluates through the evaluator's
    /// array overloads, so nothing is allocated. Equal to <see cref="Score"/> up to rounding (members are taken in
    /// device order, not group by group). E[T | served] and p99 need the whole CDF and go through <see cref="Score"/>.
    /// </summary>
    internal double ScoreFlat(Candidate candidate, double[] seconds, double[] noReply)
    {
        if (Settings.Objective is PlanObjective.MeanServedLatency or PlanObjective.P99ServedLatency)
            return Score(candidate);
        Evaluations++;
        var k = candidate.K;
        Span<int> sizes = k <= 64 ? stackalloc int[k] : new int[k];
        var memoryFits = true;
        var groupOf = candidate.GroupOf;
        for (var d = 0; d < groupOf.Length; d++)
        {
            var g = groupOf[d];
            if (g < 0)
                continue;
            sizes[g]++;
            var student = candidate.Student[g];
            var width = candidate.Width[g];
            seconds[d] = Time(d, student, width);
            noReply[d] = NoReply[d];
            if (Memory(student, width) > _deviceMemory[d])
                memoryFits = false;
        }
        foreach (var size in sizes)
        {
            if (size == 0)
                return double.PositiveInfinity;
        }
        var reliability = ClosedFormEvaluator.Reliability(seconds, noReply, groupOf, k, EvaluationSettings);
        var objective = Settings.Objective == PlanObjective.ExpectedCappedLatency
            ? ClosedFormEvaluator.ObjectiveJ(seconds, noReply, groupOf, k, EvaluationSettings)
            : 1 - reliability;
        return Penalised(objective, reliability, memoryFits, Settings.AccuracyFloor is null ? double.NaN : AccuracyPrior(candidate));
    }

    /// <summary>The objective's value for metrics already computed (∞ when it is undefined, e.g. R = 0).</summary>
    public double ObjectiveOf(PlanMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        return Settings.Objective switch
        {
            PlanObjective.ExpectedCappedLatency => metrics.ObjectiveJ,
            PlanObjective.MeanServedLatency => metrics.MeanServedSeconds ?? double.PositiveInfinity,
            PlanObjective.P99ServedLatency => metrics.P99Seconds ?? double.PositiveInfinity,
            _ => 1 - metrics.Reliability,
        };
    }

    /// <summary>Whether every used device holds its group's student.</summary>
    public bool MemoryFits(Candidate candidate) => MemoryHeadroom(candidate) >= 0;

    /// <summary>Smallest M_n − m_k over used devices (long.MaxValue when none is used).</summary>
    public long MemoryHeadroom(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var headroom = long.MaxValue;
        for (var d = 0; d < candidate.GroupOf.Length; d++)
        {
            var k = candidate.GroupOf[d];
            if (k >= 0)
                headroom = Math.Min(headroom, Devices[d].MemoryBytes - Memory(candidate.Student[k], candidate.Width[k]));
        }
        return headroom;
    }

    /// <summary>Width-weighted catalogue prior of the candidate's students (an assumption, not a measurement).</summary>
    public double AccuracyPrior(Candidate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        double sum = 0;
        for (var k = 0; k < candidate.K; k++)
            sum += candidate.Width[k] * Students[candidate.Student[k]].AccuracyPrior;
        return sum / F;
    }

    /// <summary>Turns a candidate into a plan with its metrics and a constraint verdict.</summary>
    public DeploymentPlan ToPlan(string strategy, Candidate candidate, string notes)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        var metrics = Metrics(candidate);
        var groups = new List<PlanGroup>();
        for (var k = 0; k < candidate.K; k++)
        {
            var student = candidate.Student[k];
            var width = candidate.Width[k];
            var members = Enumerable.Range(0, candidate.GroupOf.Length).Where(d => candidate.GroupOf[d] == k)
                .OrderBy(d => Time(d, student, width)).ThenBy(d => Devices[d].Id).Select(d => Devices[d].Id).ToList();
            groups.Add(new PlanGroup(k, members, width, Students[student].Key));
        }
        var unused = Enumerable.Range(0, candidate.GroupOf.Length).Where(d => candidate.GroupOf[d] < 0).Select(d => Devices[d].Id).ToList();
        var headroom = MemoryHeadroom(candidate);
        var prior = AccuracyPrior(candidate);
        var meets = metrics.Reliability >= Settings.MinReliability && headroom >= 0
                    && (Settings.AccuracyFloor is not { } floor || prior >= floor);
        return new DeploymentPlan(strategy, groups, unused, metrics, headroom, prior, meets, notes);
    }
}
