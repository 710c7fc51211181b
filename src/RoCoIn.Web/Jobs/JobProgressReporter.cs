using RoCoIn.Data.Stores;
using RoCoIn.Engine.Jobs;

namespace RoCoIn.Web.Jobs;

/// <summary>
/// The <see cref="IProgress{T}"/> a handler reports to. <see cref="Report"/> only records the latest value; one
/// pump task sends it at most once per interval (so messages stay in order and the latest is never lost) and writes
/// it to the database at most once per persist interval, plus once more on dispose.
/// </summary>
internal sealed class JobProgressReporter : IProgress<JobProgress>, IAsyncDisposable
{
    private readonly JobRecord _job;
    private readonly TimeSpan _interval;
    private readonly TimeSpan _persistInterval;
    private readonly Func<JobUpdate, Task> _publish;
    private readonly Func<int, JobProgress, Task> _persist;
    private readonly TimeProvider _time;
    private readonly Lock _lock = new();
    private readonly SemaphoreSlim _signal = new(0, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pump;
    private JobProgress? _latest;
    private JobProgress? _unsaved;
    private DateTimeOffset _lastSent = DateTimeOffset.MinValue;
    private DateTimeOffset _lastSaved;
    private bool _stopped;
    private bool _disposed;

    public JobProgressReporter(JobRecord job, TimeSpan interval, TimeSpan persistInterval,
        Func<JobUpdate, Task> publish, Func<int, JobProgress, Task> persist, TimeProvider time)
    {
        _job = job;
        _interval = interval;
        _persistInterval = persistInterval;
        _publish = publish;
        _persist = persist;
        _time = time;
        _lastSaved = time.GetUtcNow();
        _pump = Task.Run(PumpAsync);
    }

    public void Report(JobProgress value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_lock)
        {
            if (_stopped)
                return;
            _latest = value;
            if (_signal.CurrentCount == 0)
                _signal.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        lock (_lock)
        {
            if (_disposed)
                return;
            _disposed = _stopped = true;
        }
        await _stop.CancelAsync();
        try
        {
            await _pump;
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting: the expected way out.
        }
        // The final state message follows from the runner; here only the database catches up.
        if ((_latest ?? _unsaved) is { } last)
            await _persist(_job.Id, last);
        _stop.Dispose();
        _signal.Dispose();
    }

    private async Task PumpAsync()
    {
        var token = _stop.Token;
        while (true)
        {
            if (_unsaved is null)
            {
                await _signal.WaitAsync(token);
            }
            else if (!await _signal.WaitAsync(Max(_lastSaved + _persistInterval - _time.GetUtcNow(), TimeSpan.Zero), token))
            {
                // Nothing new for a while: save what was sent but not yet saved.
                await SaveAsync(_unsaved);
                continue;
            }

            var wait = _lastSent + _interval - _time.GetUtcNow();
            if (wait > TimeSpan.Zero)
                await Task.Delay(wait, _time, token);
            JobProgress? progress;
            lock (_lock)
            {
                progress = _latest;
                _latest = null;
            }
            if (progress is null)
                continue;

            _lastSent = _time.GetUtcNow();
            await _publish(new JobUpdate(_job.Id, _job.Kind, JobStatus.Running, progress, IsStateChange: false));
            if (_time.GetUtcNow() - _lastSaved >= _persistInterval)
                await SaveAsync(progress);
            else
                _unsaved = progress;
        }
    }

    private async Task SaveAsync(JobProgress progress)
    {
        await _persist(_job.Id, progress);
        _lastSaved = _time.GetUtcNow();
        _unsaved = null;
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;
}
