using RoCoIn.Engine.Simulation.Internal;

namespace RoCoIn.Engine.Simulation;

public sealed partial class Simulator
{
    /// <summary>Send and reply delays and the service time from the device's figures and its current effects.</summary>
    private void UpdateDelays(int d)
    {
        ref var state = ref _state[d];
        var device = _devices[d];
        var latency = device.LinkLatencySeconds + state.ExtraLatency;
        state.SendDelay = latency + (device.DownTransferSeconds / state.RateFactor);
        state.ReplyDelay = latency + (device.UpTransferSeconds / state.RateFactor);
        state.Service = device.ComputeSeconds * state.Slow;
    }

    /// <summary>
    /// Recomputes device <paramref name="d"/>'s state from the failures in effect on it, and brings the jobs a change
    /// affects up to date: a crash kills them, a new slow-down re-times those not yet started, a link change re-times
    /// the replies not yet sent. Call <see cref="FlushDirty"/> afterwards.
    /// </summary>
    private void RefreshDevice(int d)
    {
        var now = _clock;
        bool down = false, cut = false;
        double slow = 1, rate = 1, extra = 0, keep = 1;
        if (_active[d] is { } active)
        {
            foreach (var failure in active)
            {
                var effect = failure.Effect;
                switch (effect.Kind)
                {
                    case FailureKind.Crash:
                        down = true;
                        break;
                    case FailureKind.Slow:
                        slow *= effect.SlowFactor;
                        break;
                    case FailureKind.LinkDegraded:
                        rate *= effect.LinkRateFactor;
                        extra += effect.ExtraLatencySeconds;
                        keep *= 1 - effect.LossProbability;
                        break;
                    case FailureKind.LinkCut:
                        cut = true;
                        break;
                }
            }
        }

        ref var state = ref _state[d];
        var loss = 1 - keep;
        var wasDown = state.Down;
        var slowChanged = slow != state.Slow;
        var linkChanged = cut != state.Cut || rate != state.RateFactor || extra != state.ExtraLatency || loss != state.Loss;
        state.Down = down;
        state.Cut = cut;
        state.Blocked = down || cut;
        state.Slow = slow;
        state.RateFactor = rate;
        state.ExtraLatency = extra;
        state.Loss = loss;
        UpdateDelays(d);

        if (down && !wasDown)
        {
            Kill(d, now);
        }
        else if (!down && wasDown)
        {
            state.FreeAt = Math.Max(state.FreeAt, now);
        }
        else if (!down)
        {
            if (slowChanged)
                Rechain(d, now);
            if (linkChanged)
                Rereply(d, now);
        }
    }

    /// <summary>A crash at <paramref name="now"/>: every job whose reply was not sent yet dies; the device restarts empty.</summary>
    private void Kill(int d, double now)
    {
        ref var state = ref _state[d];
        var ring = _rings[d];
        state.Busy += ring.PruneBefore(now);
        for (var i = 0; i < ring.Count; i++)
        {
            ref var job = ref ring[i];
            if (job.Start < now)
                state.Busy += now - job.Start;
            var request = _slots[job.Slot];
            if (request.Generation != job.Generation || !request.InFlight)
                continue;
            request.State[d] = MemberState.Down;
            request.Reply[d] = double.PositiveInfinity;
            request.Finish[d] = double.NaN;
            if (!(job.Start < now))
                request.Start[d] = double.NaN;
            if (!(job.Received < now))
                request.Received[d] = double.NaN;
            MarkDirty(job.Slot, request);
        }
        ring.Clear();
        state.FreeAt = now;
    }

    /// <summary>A new slow-down at <paramref name="now"/>: jobs that start from now on take the new service time.</summary>
    private void Rechain(int d, double now)
    {
        ref var state = ref _state[d];
        var ring = _rings[d];
        state.Busy += ring.PruneBefore(now);
        var previousFinish = double.NegativeInfinity;
        for (var i = 0; i < ring.Count; i++)
        {
            ref var job = ref ring[i];
            if (job.Start < now)
            {
                previousFinish = job.Finish;
                continue;
            }
            job.Start = Math.Max(previousFinish, job.Received);
            job.Finish = job.Start + (state.Service * job.Jitter);
            previousFinish = job.Finish;
            UpdateMember(d, ref job);
        }
        if (ring.Count > 0)
            state.FreeAt = ring.Last.Finish;
    }

    /// <summary>A link change at <paramref name="now"/>: replies sent from now on go over the new link.</summary>
    private void Rereply(int d, double now)
    {
        ref var state = ref _state[d];
        var ring = _rings[d];
        state.Busy += ring.PruneBefore(now);
        for (var i = 0; i < ring.Count; i++)
        {
            ref var job = ref ring[i];
            if (job.Finish >= now)
                UpdateMember(d, ref job);
        }
    }

    /// <summary>Copies a re-timed job into its request (if still in flight), with its reply over the current link.</summary>
    private void UpdateMember(int d, ref Job job)
    {
        var request = _slots[job.Slot];
        if (request.Generation != job.Generation || !request.InFlight)
            return;
        ref var state = ref _state[d];
        var lost = state.Cut;
        if (!lost && state.Loss > 0)
        {
            if (double.IsNaN(job.UpUniform))
                job.UpUniform = _requestRandom.NextDouble();
            lost = job.UpUniform < state.Loss;
        }
        request.Start[d] = job.Start;
        request.Finish[d] = job.Finish;
        request.Reply[d] = lost ? double.PositiveInfinity : job.Finish + state.ReplyDelay;
        request.State[d] = lost ? MemberState.Lost : MemberState.Replying;
        MarkDirty(job.Slot, request);
    }

    private void MarkDirty(int slot, RequestState request)
    {
        if (request.DirtyStamp == _dirtyStamp)
            return;
        request.DirtyStamp = _dirtyStamp;
        _dirty.Add(slot);
    }

    /// <summary>Re-evaluates the requests a state change touched and reschedules those whose completion moved.</summary>
    private void FlushDirty()
    {
        foreach (var slot in _dirty)
        {
            var request = _slots[slot];
            if (!request.InFlight)
                continue;
            var before = request.Completion;
            Evaluate(request);
            request.Completion = Math.Max(request.Completion, _clock);
            if (request.Completion != before)
            {
                request.Version++;
                Schedule(new SimEvent(SimEventKind.Completion, slot, request.Version), request.Completion, EventKey.CompletionOrder);
            }
        }
        _dirty.Clear();
        _dirtyStamp++;
    }
}
