namespace RoCoIn.Engine.Simulation.Internal;

/// <summary>One request's job on one device's FIFO server.</summary>
internal struct Job
{
    public int Slot;
    public int Generation;
    public double Received;
    public double Start;
    public double Finish;
    public double Jitter;
    /// <summary>The uniform draw deciding whether the reply is lost on a lossy link; NaN until one was needed.</summary>
    public double UpUniform;
}

/// <summary>
/// A device's jobs in FIFO order (so starts and finishes ascend), kept while a state change could still alter them:
/// jobs that finished before the current time are pruned. A growable ring buffer.
/// </summary>
internal sealed class JobRing
{
    private Job[] _items = new Job[4];
    private int _head;

    public int Count { get; private set; }

    public ref Job this[int index] => ref _items[(_head + index) & (_items.Length - 1)];

    public ref Job Last => ref this[Count - 1];

    public void Push(int slot, int generation, double received, double start, double finish, double jitter, double upUniform)
    {
        if (Count == _items.Length)
            Grow();
        ref var job = ref _items[(_head + Count) & (_items.Length - 1)];
        job.Slot = slot;
        job.Generation = generation;
        job.Received = received;
        job.Start = start;
        job.Finish = finish;
        job.Jitter = jitter;
        job.UpUniform = upUniform;
        Count++;
    }

    /// <summary>Drops the jobs that finished before <paramref name="time"/>; returns their busy seconds.</summary>
    public double PruneBefore(double time)
    {
        var busy = 0.0;
        var mask = _items.Length - 1;
        while (Count > 0)
        {
            ref var job = ref _items[_head];
            if (!(job.Finish < time))
                break;
            busy += job.Finish - job.Start;
            _head = (_head + 1) & mask;
            Count--;
        }
        return busy;
    }

    public void Clear()
    {
        _head = 0;
        Count = 0;
    }

    private void Grow()
    {
        var items = new Job[_items.Length * 2];
        for (var i = 0; i < Count; i++)
            items[i] = this[i];
        _items = items;
        _head = 0;
    }
}
