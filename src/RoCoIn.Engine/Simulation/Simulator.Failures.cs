using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Randomness;
using RoCoIn.Engine.Simulation.Internal;
using RoCoIn.Engine.Validation;

namespace RoCoIn.Engine.Simulation;

public sealed partial class Simulator
{
    private const string ManualSource = "manual";
    private const string CrashProcessSource = "crash process";

    private readonly ActiveFailure?[] _scheduledActive;
    private readonly List<ActiveFailure> _failureRecords = [];
    private long _failureRecordsDropped;

    /// <summary>
    /// Every problem with <paramref name="injection"/> for <paramref name="topology"/>, by camelCase field
    /// ("atSeconds", "action", "deviceId", "group", "factor", "extraLatencySeconds", "lossProbability"); empty when it
    /// can be applied.
    /// </summary>
    /// <param name="topology">The simulated plan.</param>
    /// <param name="injection">The injection to check.</param>
    public static IReadOnlyList<FieldError> ValidateInjection(SimulationTopology topology, Injection injection)
    {
        ArgumentNullException.ThrowIfNull(topology);
        ArgumentNullException.ThrowIfNull(injection);
        var errors = new List<FieldError>();
        void Error(string field, string message) => errors.Add(new FieldError(field, message));

        if (!(double.IsFinite(injection.AtSeconds) && injection.AtSeconds >= 0))
            Error("atSeconds", Text($"The injection time must be a finite number of simulated seconds ≥ 0; got {injection.AtSeconds}."));
        if (!Enum.IsDefined(injection.Action))
            Error("action", Text($"The action must be one of {string.Join(", ", Enum.GetNames<InjectionAction>())}; got {(int)injection.Action}."));

        var groupCount = topology.Groups?.Count ?? 0;
        switch (injection)
        {
            case { DeviceId: null, Group: null }:
                Error("deviceId", "Choose a target: a device or a group.");
                break;
            case { DeviceId: not null, Group: not null }:
                Error("group", "Choose one target, a device or a group, not both.");
                break;
            case { DeviceId: { } id } when !topology.Devices.Any(d => d.DeviceId == id):
                Error("deviceId", Text($"Device {id} is not in this plan."));
                break;
            case { Group: { } group } when group < 0 || group >= groupCount:
                Error("group", groupCount == 0
                    ? Text($"Group index {group} does not exist; this plan has no groups.")
                    : Text($"Group index {group} does not exist; this plan has {groupCount} groups (indices 0 to {groupCount - 1})."));
                break;
        }

        switch (injection.Action)
        {
            case InjectionAction.Slow when !(double.IsFinite(injection.Factor) && injection.Factor >= 1):
                Error("factor", Text($"The slow-down factor must be a finite number ≥ 1; got {injection.Factor}."));
                break;
            case InjectionAction.DegradeLink:
                if (!(injection.Factor is > 0 and <= 1))
                    Error("factor", Text($"The link rate factor must lie in (0, 1]; got {injection.Factor}."));
                if (!(double.IsFinite(injection.ExtraLatencySeconds) && injection.ExtraLatencySeconds >= 0))
                    Error("extraLatencySeconds", Text($"The extra link latency must be a finite number of seconds ≥ 0; got {injection.ExtraLatencySeconds}."));
                if (!(injection.LossProbability is >= 0 and <= 1))
                    Error("lossProbability", Text($"The loss probability must lie in [0, 1]; got {injection.LossProbability}."));
                break;
        }
        return errors;
    }

    internal static void ValidateTopology(SimulationTopology topology)
    {
        const string name = nameof(topology);
        if (topology.Groups is null || topology.Groups.Count == 0)
            throw new ArgumentException("The topology has no groups; a plan needs at least one.", name);
        if (topology.Groups.Count > AccuracyModel.MaxGroups)
            throw new ArgumentException(Text($"The topology has {topology.Groups.Count} groups; at most {AccuracyModel.MaxGroups} are supported."), name);
        if (!(double.IsFinite(topology.DeadlineSeconds) && topology.DeadlineSeconds > 0))
            throw new ArgumentException(Text($"The deadline τ must be finite and > 0 s; got {topology.DeadlineSeconds}."), name);
        if (!(double.IsFinite(topology.AggregatorSeconds) && topology.AggregatorSeconds >= 0))
            throw new ArgumentException(Text($"The aggregator time δ must be finite and ≥ 0 s; got {topology.AggregatorSeconds}."), name);
        if (!(topology.ObjectiveSeconds > 0 && topology.ObjectiveSeconds <= topology.DeadlineSeconds))
            throw new ArgumentException(
                Text($"The latency objective L_obj must lie in (0, τ] = (0, {topology.DeadlineSeconds}] s; got {topology.ObjectiveSeconds}."), name);
        if (!Enum.IsDefined(topology.Mode))
            throw new ArgumentException(Text($"The topology's mode must be Strict or Degraded; got {(int)topology.Mode}."), name);

        var ids = new HashSet<int>();
        for (var g = 0; g < topology.Groups.Count; g++)
        {
            var group = topology.Groups[g] ?? throw new ArgumentException(Text($"Group {g + 1} is null."), name);
            if (group.Members is null)
                throw new ArgumentException(Text($"Group {g + 1} has no member list."), name);
            foreach (var member in group.Members)
            {
                if (member is null)
                    throw new ArgumentException(Text($"Group {g + 1} has a null member."), name);
                if (!ids.Add(member.DeviceId))
                    throw new ArgumentException(Text($"Device {member.DeviceId} appears more than once in the topology."), name);
                void Time(double value, string what)
                {
                    if (!(double.IsFinite(value) && value >= 0))
                        throw new ArgumentException(Text($"Device {member.DeviceId} ({member.Name}): {what} must be finite and ≥ 0 s; got {value}."), name);
                }
                Time(member.LinkLatencySeconds, "the link latency");
                Time(member.DownTransferSeconds, "the input transfer time");
                Time(member.ComputeSeconds, "the compute time");
                Time(member.UpTransferSeconds, "the reply transfer time");
                if (!(member.NoReplyProbability is >= 0 and <= 1))
                    throw new ArgumentException(
                        Text($"Device {member.DeviceId} ({member.Name}): p(no reply) must lie in [0, 1]; got {member.NoReplyProbability}."), name);
                if (member.MtbfSeconds is { } mtbf && !(double.IsFinite(mtbf) && mtbf > 0))
                    throw new ArgumentException(Text($"Device {member.DeviceId} ({member.Name}): MTBF must be finite and > 0 s; got {mtbf}."), name);
                if (member.MttrSeconds is { } mttr && !(double.IsFinite(mttr) && mttr >= 0))
                    throw new ArgumentException(Text($"Device {member.DeviceId} ({member.Name}): MTTR must be finite and ≥ 0 s; got {mttr}."), name);
            }
        }

        if (topology.AccuracyBySubset is { } table)
        {
            var all = (1 << topology.Groups.Count) - 1;
            foreach (var (subset, accuracy) in table)
            {
                if (subset >= 1 && subset <= all && !(accuracy is >= 0 and <= 1))
                    throw new ArgumentException(Text($"The accuracy of group subset {subset} must lie in [0, 1]; got {accuracy}."), name);
            }
        }
        if (topology.TeacherAccuracy is { } teacher && !(teacher is > 0 and <= 1))
            throw new ArgumentException(Text($"The teacher accuracy must lie in (0, 1]; got {teacher}."), name);
    }

    private void ValidateScheduledFailures(IReadOnlyList<DeviceFailure> scheduledFailures)
    {
        const string name = nameof(scheduledFailures);
        for (var i = 0; i < scheduledFailures.Count; i++)
        {
            var failure = scheduledFailures[i] ?? throw new ArgumentException(Text($"scheduledFailures[{i}] is null."), name);
            string Where() => Text($"scheduledFailures[{i}] ({failure.Source})");
            if (!_indexById.ContainsKey(failure.DeviceId))
                throw new ArgumentException(Text($"{Where()} names device {failure.DeviceId}, which is not in the plan."), name);
            if (!(double.IsFinite(failure.StartSeconds) && failure.StartSeconds >= 0))
                throw new ArgumentException(Text($"{Where()}: the start must be finite and ≥ 0 s; got {failure.StartSeconds}."), name);
            if (failure.DurationSeconds is { } duration && !(double.IsFinite(duration) && duration > 0))
                throw new ArgumentException(Text($"{Where()}: the duration must be finite and > 0 s, or left out; got {duration}."), name);
            var effect = failure.Effect ?? throw new ArgumentException(Text($"{Where()} has no effect."), name);
            switch (effect.Kind)
            {
                case FailureKind.Crash or FailureKind.LinkCut:
                    break;
                case FailureKind.Slow when !(double.IsFinite(effect.SlowFactor) && effect.SlowFactor >= 1):
                    throw new ArgumentException(Text($"{Where()}: the slow-down factor must be finite and ≥ 1; got {effect.SlowFactor}."), name);
                case FailureKind.Slow:
                    break;
                case FailureKind.LinkDegraded:
                    if (!(effect.LinkRateFactor is > 0 and <= 1))
                        throw new ArgumentException(Text($"{Where()}: the link rate factor must lie in (0, 1]; got {effect.LinkRateFactor}."), name);
                    if (!(double.IsFinite(effect.ExtraLatencySeconds) && effect.ExtraLatencySeconds >= 0))
                        throw new ArgumentException(Text($"{Where()}: the extra latency must be finite and ≥ 0 s; got {effect.ExtraLatencySeconds}."), name);
                    if (!(effect.LossProbability is >= 0 and <= 1))
                        throw new ArgumentException(Text($"{Where()}: the loss probability must lie in [0, 1]; got {effect.LossProbability}."), name);
                    break;
                default:
                    throw new ArgumentException(Text($"{Where()}: unknown failure kind {(int)effect.Kind}."), name);
            }
        }
    }

    private ActiveFailure NewFailure(FailureEffect effect, int? deviceId, int group, string source)
    {
        var failure = new ActiveFailure(effect, _clock, deviceId, group, source);
        if (_failureRecords.Count < MaxFailureRecords)
            _failureRecords.Add(failure);
        else
            _failureRecordsDropped++;
        return failure;
    }

    private void Attach(int d, ActiveFailure failure)
    {
        (_active[d] ??= []).Add(failure);
        failure.Remaining++;
    }

    /// <summary>Removes from device <paramref name="d"/> the failures that match; a failure ends when no device is left under it.</summary>
    private void Detach(int d, Func<ActiveFailure, bool> match)
    {
        if (_active[d] is not { } active)
            return;
        for (var i = active.Count - 1; i >= 0; i--)
        {
            var failure = active[i];
            if (!match(failure))
                continue;
            active.RemoveAt(i);
            if (--failure.Remaining == 0)
            {
                failure.End = _clock;
                Log(_clock, "failure-end", Text($"{Target(failure.DeviceId, failure.Group)}: {Describe(failure.Effect)} ended ({failure.Source})."),
                    failure.DeviceId, failure.Group);
            }
        }
    }

    private void StartScheduledFailure(int index)
    {
        var scheduled = _scheduled[index];
        var d = _indexById[scheduled.DeviceId];
        var failure = NewFailure(scheduled.Effect, scheduled.DeviceId, _groupOf[d], scheduled.Source);
        _scheduledActive[index] = failure;
        Attach(d, failure);
        Log(_clock, "failure-start", Text($"{Target(scheduled.DeviceId, _groupOf[d])}: {Describe(scheduled.Effect)} ({scheduled.Source})."),
            scheduled.DeviceId, _groupOf[d]);
        RefreshDevice(d);
        FlushDirty();
        if (double.IsFinite(scheduled.EndSeconds))
            Schedule(new SimEvent(SimEventKind.FailureEnd, index, 0), scheduled.EndSeconds, EventKey.FailureEndOrder);
    }

    private void EndScheduledFailure(int index)
    {
        if (_scheduledActive[index] is not { } failure || failure.End is not null)
            return;
        var d = _indexById[_scheduled[index].DeviceId];
        Detach(d, f => ReferenceEquals(f, failure));
        RefreshDevice(d);
        FlushDirty();
    }

    private void StartCrashProcesses()
    {
        for (var d = 0; d < _deviceCount; d++)
        {
            if (_devices[d].MtbfSeconds is not { } mtbf || _devices[d].MttrSeconds is not { } mttr)
                continue;
            var random = new SeededRandom(StreamSeed(Settings.Seed, 1000 + d));
            _crashRandom[d] = random;
            // Stationary start: down at 0 with the long-run probability MTTR/(MTBF + MTTR) (memoryless times).
            var downAtStart = random.NextDouble() < mttr / (mtbf + mttr);
            var first = downAtStart ? 0 : Exponential(random, mtbf);
            if (first < EndSeconds)
                Schedule(new SimEvent(SimEventKind.CrashTransition, d, 1), first, EventKey.FailureStartOrder);
        }
    }

    private void CrashTransition(int d)
    {
        var device = _devices[d];
        var random = _crashRandom[d]!;
        double next;
        if (!_processDown[d])
        {
            _processDown[d] = true;
            var failure = NewFailure(FailureEffect.Crash, device.DeviceId, _groupOf[d], CrashProcessSource);
            _processFailure[d] = failure;
            Attach(d, failure);
            Log(_clock, "failure-start", Text($"{Target(device.DeviceId, _groupOf[d])}: crashed ({CrashProcessSource})."), device.DeviceId, _groupOf[d]);
            next = _clock + Exponential(random, device.MttrSeconds!.Value);
        }
        else
        {
            _processDown[d] = false;
            if (_processFailure[d] is { } failure && failure.End is null)
                Detach(d, f => ReferenceEquals(f, failure));
            _processFailure[d] = null;
            next = _clock + Exponential(random, device.MtbfSeconds!.Value);
        }
        RefreshDevice(d);
        FlushDirty();
        if (next < EndSeconds)
            Schedule(new SimEvent(SimEventKind.CrashTransition, d, 0), next,
                _processDown[d] ? EventKey.FailureEndOrder : EventKey.FailureStartOrder);
    }

    private void ApplyInjection(Injection injection)
    {
        _applied.Add(injection);
        var (first, end) = injection.Group is { } g ? (_groupStart[g], _groupStart[g + 1]) : (_indexById[injection.DeviceId!.Value], -1);
        if (end < 0)
            end = first + 1;
        var group = injection.Group ?? _groupOf[first];
        Log(_clock, "injection", Text($"Operator: {Describe(injection)} on {Target(injection.DeviceId, group)}."), injection.DeviceId, group);

        FailureEffect? effect = injection.Action switch
        {
            InjectionAction.Crash or InjectionAction.Hang => FailureEffect.Crash,
            InjectionAction.Slow => FailureEffect.Slow(injection.Factor),
            InjectionAction.DegradeLink => FailureEffect.LinkDegraded(injection.Factor, injection.ExtraLatencySeconds, injection.LossProbability),
            InjectionAction.CutLink => FailureEffect.LinkCut,
            _ => null,
        };
        if (effect is not null)
        {
            var failure = NewFailure(effect, injection.DeviceId, group, ManualSource);
            for (var d = first; d < end; d++)
                Attach(d, failure);
            Log(_clock, "failure-start", Text($"{Target(injection.DeviceId, group)}: {Describe(effect)} ({ManualSource})."), injection.DeviceId, group);
        }
        else
        {
            Func<ActiveFailure, bool> match = injection.Action switch
            {
                InjectionAction.Recover => f => f.Kind == FailureKind.Crash,
                InjectionAction.RestoreSpeed => f => f.Kind == FailureKind.Slow,
                _ => f => f.Kind is FailureKind.LinkDegraded or FailureKind.LinkCut,
            };
            for (var d = first; d < end; d++)
                Detach(d, match);
        }
        for (var d = first; d < end; d++)
            RefreshDevice(d);
        FlushDirty();
    }

    private string Target(int? deviceId, int group) => deviceId is { } id
        ? Text($"Device {_devices[_indexById[id]].Name} (id {id}, group {group + 1})")
        : Text($"Group {group + 1}");

    private static string Describe(FailureEffect effect) => effect.Kind switch
    {
        FailureKind.Crash => "crash",
        FailureKind.Slow => Text($"slow-down ×{effect.SlowFactor:0.###}"),
        FailureKind.LinkDegraded => Text(
            $"degraded link (rates ×{effect.LinkRateFactor:0.###}, +{effect.ExtraLatencySeconds * 1000:0.###} ms, loss {effect.LossProbability * 100:0.###} %)"),
        FailureKind.LinkCut => "cut link",
        _ => effect.Kind.ToString(),
    };

    private static string Describe(Injection injection) => injection.Action switch
    {
        InjectionAction.Crash => "crash",
        InjectionAction.Recover => "recover",
        InjectionAction.Slow => Text($"slow down ×{injection.Factor:0.###}"),
        InjectionAction.RestoreSpeed => "restore speed",
        InjectionAction.DegradeLink => Text(
            $"degrade link (rates ×{injection.Factor:0.###}, +{injection.ExtraLatencySeconds * 1000:0.###} ms, loss {injection.LossProbability * 100:0.###} %)"),
        InjectionAction.CutLink => "cut link",
        InjectionAction.RestoreLink => "restore link",
        InjectionAction.Hang => "hang",
        _ => injection.Action.ToString(),
    };
}
