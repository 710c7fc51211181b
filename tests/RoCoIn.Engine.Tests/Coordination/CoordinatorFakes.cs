using System.Collections.Concurrent;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Engine.Tests.Coordination;

/// <summary>Members scripted per device: each answers through a function of the cancellation token.</summary>
internal sealed class ScriptedMembers : IMemberClient
{
    public ConcurrentDictionary<int, Func<CancellationToken, Task<float[]>>> Scripts { get; } = new();
    public ConcurrentBag<int> Called { get; } = [];

    public Task<float[]> InferAsync(int deviceId, long requestId, byte[] pixels, CancellationToken ct)
    {
        Called.Add(deviceId);
        return Scripts[deviceId](ct);
    }

    public static Func<CancellationToken, Task<float[]>> Reply(params float[] features) => _ => Task.FromResult(features);

    public static Func<CancellationToken, Task<float[]>> After(Task gate, params float[] features) => async ct =>
    {
        await gate.WaitAsync(ct);
        return features;
    };

    /// <summary>Never replies; ends only when cancelled.</summary>
    public static Func<CancellationToken, Task<float[]>> Silent() => async ct =>
    {
        await Task.Delay(Timeout.Infinite, ct);
        return [];
    };

    public static Func<CancellationToken, Task<float[]>> Fail(string message) => _ => Task.FromException<float[]>(new InvalidOperationException(message));
}

/// <summary>An aggregator whose logits are its input's first values (padded to <paramref name="classes"/>); records inputs.</summary>
internal sealed class EchoAggregator(int features, int classes) : IInferenceSession
{
    public ConcurrentQueue<float[]> Inputs { get; } = new();
    public string InputName => "features";
    public string OutputName => "logits";
    public IReadOnlyList<long> InputShape => [-1, features];
    public IReadOnlyList<long> OutputShape => [-1, classes];

    public float[] Run(ReadOnlySpan<float> input, int batch)
    {
        Inputs.Enqueue(input.ToArray());
        var logits = new float[classes];
        for (var i = 0; i < Math.Min(classes, input.Length); i++)
            logits[i] = input[i];
        return logits;
    }
}

/// <summary>A clock that moves only when told; timers fire when their due time is reached.</summary>
internal sealed class SteppedClock : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<SteppedTimer> _timers = [];
    private long _ticks;

    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp()
    {
        lock (_lock)
            return _ticks;
    }

    public override DateTimeOffset GetUtcNow() => new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero).AddTicks(GetTimestamp());

    public int Timers
    {
        get
        {
            lock (_lock)
                return _timers.Count(t => t.Due is not null);
        }
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = new SteppedTimer(this, callback, state);
        lock (_lock)
        {
            _timers.Add(timer);
            timer.Due = dueTime == Timeout.InfiniteTimeSpan ? null : _ticks + dueTime.Ticks;
        }
        return timer;
    }

    public void Advance(TimeSpan by)
    {
        List<SteppedTimer> due;
        lock (_lock)
        {
            _ticks += by.Ticks;
            due = _timers.Where(t => t.Due <= _ticks).ToList();
            foreach (var t in due)
                t.Due = null;
        }
        foreach (var t in due)
            t.Fire();
    }

    private sealed class SteppedTimer(SteppedClock clock, TimerCallback callback, object? state) : ITimer
    {
        public long? Due { get; set; }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            lock (clock._lock)
                Due = dueTime == Timeout.InfiniteTimeSpan ? null : clock._ticks + dueTime.Ticks;
            return true;
        }

        public void Fire() => callback(state);

        public void Dispose()
        {
            lock (clock._lock)
                clock._timers.Remove(this);
        }

        public ValueTask DisposeAsync()
        {
            Dispose();
            return ValueTask.CompletedTask;
        }
    }
}
