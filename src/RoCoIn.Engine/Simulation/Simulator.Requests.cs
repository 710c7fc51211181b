using RoCoIn.Engine.Simulation.Internal;

namespace RoCoIn.Engine.Simulation;

public sealed partial class Simulator
{
    private long _completed;
    private long _served;
    private long _correct;
    private long _accuracyDrawn;
    private long _withinObjective;
    private double _latencySum;
    private int? _lastAnsweredGroup;

    private bool CanSend(double at) =>
        !_finishing && at < EndSeconds && (_maxRequests is not { } limit || _sent < limit);

    private void ProcessArrival(double at)
    {
        _clock = at;
        if (_closedLoop)
        {
            // The closed loop's clients all send their first request at 0; later ones follow their completions.
            var clients = _pendingClients;
            _pendingClients = 0;
            _nextArrival = double.PositiveInfinity;
            for (var i = 0; i < clients && CanSend(at); i++)
                Arrive(at);
            return;
        }

        Arrive(at);
        var next = at + Exponential(_arrivalRandom, _meanGapSeconds);
        _nextArrival = CanSend(next) ? next : double.PositiveInfinity;
    }

    /// <summary>The fast path: every member's tentative times, the request's outcome and one completion event.</summary>
    private void Arrive(double at)
    {
        var slot = RentSlot();
        var request = _slots[slot];
        request.Id = ++_sent;
        request.Arrival = at;
        request.Second = (int)at;
        request.InFlight = true;
        _inFlight++;
        var second = _seconds.Open(request.Second);
        second.Sent++;
        second.Pending++;

        var received = request.Received;
        var start = request.Start;
        var finish = request.Finish;
        var reply = request.Reply;
        var states = request.State;
        var generation = request.Generation;
        var noReplies = _noReplies;
        for (var d = 0; d < _deviceCount; d++)
        {
            ref var device = ref _state[d];
            if (device.Blocked)
            {
                states[d] = device.Down ? MemberState.Down : MemberState.Lost;
                received[d] = double.NaN;
                start[d] = double.NaN;
                finish[d] = double.NaN;
                reply[d] = double.PositiveInfinity;
                continue;
            }
            var loss = device.Loss;
            if (loss > 0 && _requestRandom.NextDouble() < loss)
            {
                states[d] = MemberState.Lost;
                received[d] = double.NaN;
                start[d] = double.NaN;
                finish[d] = double.NaN;
                reply[d] = double.PositiveInfinity;
                continue;
            }
            var receivedAt = at + device.SendDelay;
            if (noReplies && device.NoReply > 0 && _requestRandom.NextDouble() < device.NoReply)
            {
                states[d] = MemberState.NoReply;
                received[d] = receivedAt;
                start[d] = double.NaN;
                finish[d] = double.NaN;
                reply[d] = double.PositiveInfinity;
                continue;
            }

            var jitter = _jitter ? NextJitter() : 1.0;
            var ring = _rings[d];
            if (ring.Count > 0)
                device.Busy += ring.PruneBefore(at);
            var startAt = Math.Max(device.FreeAt, receivedAt);
            var finishAt = startAt + (device.Service * jitter);
            device.FreeAt = finishAt;
            var upUniform = double.NaN;
            var lost = false;
            if (loss > 0)
            {
                upUniform = _requestRandom.NextDouble();
                lost = upUniform < loss;
            }
            ring.Push(slot, generation, receivedAt, startAt, finishAt, jitter, upUniform);

            received[d] = receivedAt;
            start[d] = startAt;
            finish[d] = finishAt;
            reply[d] = lost ? double.PositiveInfinity : finishAt + device.ReplyDelay;
            states[d] = lost ? MemberState.Lost : MemberState.Replying;
        }

        Evaluate(request);
        Schedule(new SimEvent(SimEventKind.Completion, slot, request.Version), request.Completion, EventKey.CompletionOrder);
    }

    /// <summary>The request's outcome from its members' current reply times (§3's strict and degraded rules).</summary>
    private void Evaluate(RequestState request)
    {
        var arrival = request.Arrival;
        var reply = request.Reply;
        var answered = 0;
        var slowest = -1;
        var slowestReply = 0.0;
        for (var g = 0; g < _groupCount; g++)
        {
            var best = double.PositiveInfinity;
            for (var d = _groupStart[g]; d < _groupStart[g + 1]; d++)
            {
                // The closed form's test, t + δ ≤ τ, on the reply's time since arrival.
                var elapsed = reply[d] - arrival;
                if (elapsed + _delta <= _tau && elapsed < best)
                    best = elapsed;
            }
            if (best < double.PositiveInfinity)
            {
                answered |= 1 << g;
                if (slowest < 0 || best > slowestReply)
                {
                    slowest = g;
                    slowestReply = best;
                }
            }
        }

        request.Answered = answered;
        request.SlowestGroup = slowest;
        if (_groupCount > 0 && answered == _allGroups)
        {
            request.Served = true;
            request.Latency = slowestReply + _delta;
            request.Completion = arrival + request.Latency;
        }
        else
        {
            request.Served = _degraded && answered != 0;
            request.Latency = _tau + _delta;
            request.Completion = arrival + _tau + _delta;
        }
    }

    private void Complete(int slot, int version, double time)
    {
        var request = _slots[slot];
        if (!request.InFlight || request.Version != version)
            return;
        if (!_finishing)
            _clock = time;
        request.InFlight = false;
        _inFlight--;
        _completed++;

        var second = _seconds.Open(request.Second);
        second.Pending--;
        bool? correct = null;
        if (request.Served)
        {
            var latency = request.Latency;
            _served++;
            _latencySum += latency;
            if (RunReporting.RecordServed(second, _histogram, latency, _objective))
                _withinObjective++;
            if (_accuracy is not null && _accuracy[request.Answered] is var accuracy && !double.IsNaN(accuracy))
            {
                correct = _requestRandom.NextDouble() < accuracy;
                _accuracyDrawn++;
                if (correct.Value)
                {
                    _correct++;
                    second.Correct++;
                }
            }
            _lastAnsweredGroup = request.SlowestGroup;
        }

        CountReplies(request);
        if (_stepCapture && _stepTrace is null)
            _stepTrace = BuildTrace(request, correct);
        if (_traceCapacity > 0 || RequestCompleted is not null)
        {
            var trace = _stepTrace is { } stepped && stepped.RequestId == request.Id ? stepped : BuildTrace(request, correct);
            if (_traceCapacity > 0)
                _traces.Add(trace);
            RequestCompleted?.Invoke(trace);
        }

        var second0 = request.Second;
        ReleaseSlot(slot);

        if (_closedLoop && CanSend(time))
            Arrive(time);
        if (!_finishing && _maxRequests is { } limit && _sent >= limit && _inFlight == 0)
            _finishPending = true;
        if (second0 == _seconds.FirstOpen)
            TryCompleteSeconds();
    }

    /// <summary>Replies delivered in time and group wins, per device.</summary>
    private void CountReplies(RequestState request)
    {
        var arrival = request.Arrival;
        var reply = request.Reply;
        for (var g = 0; g < _groupCount; g++)
        {
            var best = double.PositiveInfinity;
            var winner = -1;
            for (var d = _groupStart[g]; d < _groupStart[g + 1]; d++)
            {
                var elapsed = reply[d] - arrival;
                if (elapsed + _delta <= _tau)
                {
                    _state[d].Replies++;
                    if (elapsed < best)
                    {
                        best = elapsed;
                        winner = d;
                    }
                }
            }
            if (winner >= 0)
                _state[winner].Wins++;
        }
    }

    private RequestTrace BuildTrace(RequestState request, bool? correct)
    {
        var arrival = request.Arrival;
        var members = new MemberTrace[_deviceCount];
        for (var g = 0; g < _groupCount; g++)
        {
            var best = double.PositiveInfinity;
            var winner = -1;
            for (var d = _groupStart[g]; d < _groupStart[g + 1]; d++)
            {
                var elapsed = request.Reply[d] - arrival;
                if (elapsed + _delta <= _tau && elapsed < best)
                {
                    best = elapsed;
                    winner = d;
                }
            }
            for (var d = _groupStart[g]; d < _groupStart[g + 1]; d++)
            {
                var state = request.State[d];
                var replied = state == MemberState.Replying;
                var outcome = state switch
                {
                    MemberState.NoReply => MemberOutcome.NoReply,
                    MemberState.Down => MemberOutcome.Down,
                    MemberState.Lost => MemberOutcome.Lost,
                    _ => request.Reply[d] - arrival + _delta <= _tau ? MemberOutcome.Replied : MemberOutcome.TooLate,
                };
                members[d] = new MemberTrace(_devices[d].DeviceId, g, outcome, Nullable(request.Received[d]),
                    Nullable(request.Start[d]), Nullable(request.Finish[d]), replied ? request.Reply[d] : null, d == winner);
            }
        }
        return new RequestTrace(request.Id, arrival, request.Completion, request.Served, request.Served ? request.Latency : null,
            correct, request.Answered, members);
    }

    private static double? Nullable(double value) => double.IsNaN(value) ? null : value;

    private int RentSlot()
    {
        int slot;
        if (_freeCount > 0)
        {
            slot = _freeSlots[--_freeCount];
        }
        else
        {
            if (_slotCount == _slots.Length)
            {
                var size = Math.Max(16, _slots.Length * 2);
                Array.Resize(ref _slots, size);
                Array.Resize(ref _freeSlots, size);
            }
            slot = _slotCount++;
            _slots[slot] = new RequestState(_deviceCount);
        }
        _slots[slot].Generation++;
        return slot;
    }

    private void ReleaseSlot(int slot) => _freeSlots[_freeCount++] = slot;
}
