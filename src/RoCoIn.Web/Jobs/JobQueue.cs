using System.Diagnostics.CodeAnalysis;
using System.Threading.Channels;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// The line of jobs waiting in this process, in order, and the jobs running now with their cancellation sources.
/// The runner reads ids from the channel; a job removed from the line (cancelled) is skipped when its id comes up.
/// </summary>
[SuppressMessage("Naming", "CA1711", Justification = "It is the job queue; product.md and style.md B6 name it so.")]
public sealed class JobQueue
{
    // Unbounded: an id is tiny, the database holds the jobs themselves, and enqueueing never waits.
    private readonly Channel<int> _channel = Channel.CreateUnbounded<int>();
    private readonly Lock _lock = new();
    private readonly List<int> _waiting = [];
    private readonly Dictionary<int, CancellationTokenSource> _running = [];

    internal ChannelReader<int> Reader => _channel.Reader;

    /// <summary>Puts a job at the back of the line. False when it is already waiting or running.</summary>
    public bool Enqueue(int jobId)
    {
        lock (_lock)
        {
            if (_waiting.Contains(jobId) || _running.ContainsKey(jobId))
                return false;
            _waiting.Add(jobId);
            // Inside the lock, so the channel's order is the line's order.
            _channel.Writer.TryWrite(jobId);
            return true;
        }
    }

    /// <summary>
    /// A waiting job's place in line, counting the jobs running now: with one job running, the first waiting job
    /// is 2 (one job ahead of it). Null for a job that is not waiting.
    /// </summary>
    public int? Position(int jobId)
    {
        lock (_lock)
        {
            var index = _waiting.IndexOf(jobId);
            return index < 0 ? null : _running.Count + index + 1;
        }
    }

    /// <summary>Ids waiting, first in line first.</summary>
    public IReadOnlyList<int> Waiting
    {
        get
        {
            lock (_lock)
                return [.. _waiting];
        }
    }

    /// <summary>Ids running now.</summary>
    public IReadOnlyList<int> Running
    {
        get
        {
            lock (_lock)
                return [.. _running.Keys];
        }
    }

    /// <summary>Moves a job from the line to the running set; false when it left the line (was cancelled).</summary>
    internal bool TryStart(int jobId, CancellationTokenSource cancellation)
    {
        lock (_lock)
        {
            if (!_waiting.Remove(jobId))
                return false;
            _running[jobId] = cancellation;
            return true;
        }
    }

    /// <summary>Forgets a running job; call before disposing its cancellation source.</summary>
    internal void Finish(int jobId)
    {
        lock (_lock)
            _running.Remove(jobId);
    }

    /// <summary>Takes a waiting job out of the line; false when it is not waiting.</summary>
    internal bool TryRemoveWaiting(int jobId)
    {
        lock (_lock)
            return _waiting.Remove(jobId);
    }

    /// <summary>Signals a running job's cancellation; false when it is not running (any more).</summary>
    internal bool TryCancelRunning(int jobId)
    {
        CancellationTokenSource? cancellation;
        lock (_lock)
        {
            if (!_running.TryGetValue(jobId, out cancellation))
                return false;
        }
        try
        {
            cancellation.Cancel();
            return true;
        }
        catch (ObjectDisposedException)
        {
            return false;   // it finished between the lookup and the signal
        }
    }
}
