using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using RoCoIn.Web.Hubs.Contracts;

namespace RoCoIn.Agent;

/// <summary>
/// Serves inference requests like one device: inputs arrive after the send delay, wait in a FIFO queue for the one
/// compute slot, and replies leave after the reply delay (the simulator's device model). While stalled nothing is
/// computed; requests wait, as they would in a hung process.
/// </summary>
public sealed class InferenceWorker(Func<AgentInferenceReply, Task> send, AgentLog log)
{
    /// <summary>Inputs queued beyond this are dropped: a device cannot buffer forever.</summary>
    public const int MaxQueued = 1024;

    private readonly Channel<Job> _queue = Channel.CreateBounded<Job>(new BoundedChannelOptions(MaxQueued)
    {
        SingleReader = true,
        FullMode = BoundedChannelFullMode.DropWrite,
    });
    private readonly ConcurrentDictionary<long, Job> _inFlight = new();
    private readonly Lock _lock = new();
    private DeviceConditions _conditions = new();
    private TaskCompletionSource _running = Completed();
    private LoadedModel? _model;
    private long _served;
    private long _dropped;

    public DeviceConditions Conditions => Volatile.Read(ref _conditions);

    public LoadedModel? Model
    {
        get => Volatile.Read(ref _model);
        set => Volatile.Write(ref _model, value);
    }

    public long Served => Interlocked.Read(ref _served);

    public long Dropped => Interlocked.Read(ref _dropped);

    public int Queued => _queue.Reader.Count;

    /// <summary>Completes at once unless stalled; then when resumed.</summary>
    public Task WhenRunningAsync(CancellationToken cancellationToken)
    {
        lock (_lock)
            return _running.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Replaces the conditions (an order, or the emulation settings of a new registration).</summary>
    public void Update(Func<DeviceConditions, DeviceConditions> change)
    {
        ArgumentNullException.ThrowIfNull(change);
        lock (_lock)
        {
            var next = change(_conditions);
            if (!next.Stalled)
                _running.TrySetResult();
            else if (_running.Task.IsCompleted)
                _running = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            Volatile.Write(ref _conditions, next);
        }
    }

    /// <summary>Takes a request from the hub; returns at once (the hub's receive loop must not wait for compute).</summary>
    public void Enqueue(AgentInferenceRequest request)
    {
        if (request?.Pixels is null)
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        var job = new Job(request);
        if (Conditions.Cut || !_inFlight.TryAdd(request.RequestId, job))
        {
            Interlocked.Increment(ref _dropped);
            return;
        }
        _ = ArriveAsync(job);
    }

    /// <summary>The caller gave up on <paramref name="requestId"/>: skip it if it has not been computed yet.</summary>
    public void Cancel(long requestId)
    {
        if (_inFlight.TryGetValue(requestId, out var job))
            job.Cancelled = true;
    }

    /// <summary>Computes queued requests one at a time until <paramref name="cancellationToken"/> fires.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await foreach (var job in _queue.Reader.ReadAllAsync(cancellationToken))
        {
            await WhenRunningAsync(cancellationToken);
            if (job.Cancelled || Conditions.Cut)
            {
                Drop(job);
                continue;
            }
            var reply = Compute(job.Request, out var conditions);
            var padding = conditions.ComputeSeconds(reply.ComputeSeconds, Model?.Flops ?? 0) - reply.ComputeSeconds;
            if (padding > 0)
                await Task.Delay(TimeSpan.FromSeconds(padding), cancellationToken);
            _ = DepartAsync(job, reply, cancellationToken);
        }
    }

    private async Task ArriveAsync(Job job)
    {
        var delay = Conditions.SendDelay(job.Request.Pixels.Length);
        if (delay > TimeSpan.Zero)
            await Task.Delay(delay);
        if (Conditions.Cut || !_queue.Writer.TryWrite(job))
            Drop(job);
    }

    private AgentInferenceReply Compute(AgentInferenceRequest request, out DeviceConditions conditions)
    {
        conditions = Conditions;
        if (Model is not { } model)
            return new AgentInferenceReply(request.RequestId, null, "No model is loaded yet.", 0);
        if (request.Pixels.Length != model.InputValues)
        {
            return new AgentInferenceReply(request.RequestId, null,
                $"The model takes {model.InputValues} pixels; the request has {request.Pixels.Length}.", 0);
        }
        // The distillation pipeline trains on p / 255 (no mean or std), so the agent feeds the same.
        var input = new float[request.Pixels.Length];
        for (var i = 0; i < input.Length; i++)
            input[i] = request.Pixels[i] / 255f;
        var watch = Stopwatch.StartNew();
        try
        {
            var features = model.Session.Run(input, 1);
            return new AgentInferenceReply(request.RequestId, features, null, watch.Elapsed.TotalSeconds);
        }
#pragma warning disable CA1031 // A failed run is that request's error, not the agent's end.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new AgentInferenceReply(request.RequestId, null, $"ONNX Runtime failed: {ex.Message}", watch.Elapsed.TotalSeconds);
        }
    }

    private async Task DepartAsync(Job job, AgentInferenceReply reply, CancellationToken cancellationToken)
    {
        try
        {
            var delay = Conditions.ReplyDelay(reply.Features?.Length ?? 0);
            if (delay > TimeSpan.Zero)
                await Task.Delay(delay, cancellationToken);
            if (job.Cancelled || Conditions.Cut)
            {
                Drop(job);
                return;
            }
            await send(reply);
            Interlocked.Increment(ref _served);
            _inFlight.TryRemove(job.Request.RequestId, out _);
        }
        catch (OperationCanceledException)
        {
            Drop(job);
        }
#pragma warning disable CA1031 // The studio connection may be gone; the request is lost like a dropped packet.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            log.Warn($"Could not send the reply to request {job.Request.RequestId}: {ex.Message}");
            Drop(job);
        }
    }

    private void Drop(Job job)
    {
        _inFlight.TryRemove(job.Request.RequestId, out _);
        Interlocked.Increment(ref _dropped);
    }

    private static TaskCompletionSource Completed()
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        source.SetResult();
        return source;
    }

    private sealed class Job(AgentInferenceRequest request)
    {
        public AgentInferenceRequest Request { get; } = request;

        public volatile bool Cancelled;
    }
}
