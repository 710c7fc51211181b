using System.Globalization;
using RoCoIn.Engine.Inference;

namespace RoCoIn.Engine.Coordination;

/// <summary>
/// Coordinates requests over a plan's groups (issue 7, rocoin-model.md §3): sends each input to every live member of
/// every group, keeps the first reply per group that arrives by τ − δ, cancels the group's other members, concatenates
/// the features in partition order (zeros for missing groups), runs the aggregator and compares its argmax with the
/// label. Safe to call from several threads; at most <see cref="CoordinatorOptions.MaxInFlight"/> requests at once.
/// </summary>
public sealed class RequestCoordinator : IDisposable
{
    private readonly IMemberClient _client;
    private readonly IInferenceSession _aggregator;
    private readonly CoordinatorGroup[] _groups;
    private readonly int[] _offsets;
    private readonly int _featureCount;
    private readonly CoordinatorOptions _options;
    private readonly TimeProvider _time;
    private readonly Func<int, bool> _isLive;
    private readonly SemaphoreSlim _inFlight;

    /// <summary>Creates a coordinator.</summary>
    /// <param name="client">Reaches the members.</param>
    /// <param name="aggregator">The aggregator: Σ d_k features in, class logits out.</param>
    /// <param name="groups">The plan's groups (any order; features go in partition order).</param>
    /// <param name="options">Deadline, aggregation time, mode, requests in flight.</param>
    /// <param name="time">The clock (a fake in tests); the system clock when null.</param>
    /// <param name="isLive">Whether a member is live now; members not live are skipped as unavailable. All are tried when null.</param>
    /// <exception cref="ArgumentException">No groups, a group without members, duplicate partitions, a non-positive
    /// width, δ ≥ τ or fewer than one request in flight.</exception>
    public RequestCoordinator(IMemberClient client, IInferenceSession aggregator, IEnumerable<CoordinatorGroup> groups,
        CoordinatorOptions options, TimeProvider? time = null, Func<int, bool>? isLive = null)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(aggregator);
        ArgumentNullException.ThrowIfNull(groups);
        ArgumentNullException.ThrowIfNull(options);
        _groups = groups.OrderBy(g => g.Partition).ToArray();
        if (_groups.Length == 0)
            throw new ArgumentException("A coordinator needs at least one group.", nameof(groups));
        if (_groups.Length > 30)
            throw new ArgumentException("At most 30 groups fit the answered-groups mask.", nameof(groups));
        if (_groups.Any(g => g.Partition is < 0 or > 30))
            throw new ArgumentException("Partitions must lie in 0–30: each is a bit of the answered-groups mask.", nameof(groups));
        if (_groups.Select(g => g.Partition).Distinct().Count() != _groups.Length)
            throw new ArgumentException("Two groups have the same partition.", nameof(groups));
        if (_groups.Any(g => g.Width <= 0 || g.DeviceIds.Count == 0))
            throw new ArgumentException("Every group needs members and a positive width.", nameof(groups));
        if (options.Deadline <= TimeSpan.Zero || options.AggregationTime < TimeSpan.Zero || options.AggregationTime >= options.Deadline)
            throw new ArgumentException("The deadline τ must be positive and the aggregation time δ in [0, τ).", nameof(options));
        if (options.MaxInFlight < 1)
            throw new ArgumentException("At least one request must be allowed in flight.", nameof(options));
        _offsets = new int[_groups.Length];
        for (var i = 1; i < _groups.Length; i++)
            _offsets[i] = _offsets[i - 1] + _groups[i - 1].Width;
        _featureCount = _offsets[^1] + _groups[^1].Width;
        _client = client;
        _aggregator = aggregator;
        _options = options;
        _time = time ?? TimeProvider.System;
        _isLive = isLive ?? (_ => true);
        _inFlight = new SemaphoreSlim(options.MaxInFlight, options.MaxInFlight);
    }

    /// <summary>The groups, in partition order.</summary>
    public IReadOnlyList<CoordinatorGroup> Groups => _groups;

    /// <summary>Offset of each group's features in the aggregator's input, in partition order.</summary>
    public IReadOnlyList<int> Offsets => _offsets;

    /// <summary>Coordinates one request; waits for a slot when <see cref="CoordinatorOptions.MaxInFlight"/> are in flight.</summary>
    /// <param name="requestId">Unique among the requests in flight.</param>
    /// <param name="pixels">The input's uint8 pixels.</param>
    /// <param name="label">The input's true class.</param>
    /// <param name="cancellationToken">Abandons the request.</param>
    /// <returns>The outcome; the deadline and member failures are outcomes, not exceptions.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<RequestOutcome> CoordinateAsync(long requestId, byte[] pixels, int label, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(pixels);
        await _inFlight.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await CoordinateCoreAsync(requestId, pixels, label, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _inFlight.Release();
        }
    }

    private async Task<RequestOutcome> CoordinateCoreAsync(long requestId, byte[] pixels, int label, CancellationToken cancellationToken)
    {
        var start = _time.GetTimestamp();
        using var deadline = new CancellationTokenSource(_options.Deadline - _options.AggregationTime, _time);
        using var request = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, deadline.Token);
        var groups = new GroupRun[_groups.Length];
        for (var g = 0; g < _groups.Length; g++)
            groups[g] = new GroupRun(this, _groups[g], requestId, pixels, start, request.Token);

        // A group is decided when one member won or every member is done; in strict mode a failed group ends the request.
        var failedEarly = false;
        var pending = groups.Select(g => g.Decided).ToList();
        while (pending.Count > 0)
        {
            var done = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(done);
            if (_options.Mode == CoordinationMode.Strict && await done.ConfigureAwait(false) is null)
            {
                failedEarly = true;
                break;
            }
        }
        var decidedAt = _time.GetElapsedTime(start);
        var answered = 0;
        var features = new float[_featureCount];
        for (var g = 0; g < groups.Length; g++)
        {
            if (groups[g].Decided.IsCompleted && groups[g].Decided.Result is { } reply)
            {
                answered |= 1 << g;
                reply.CopyTo(features, _offsets[g]);
            }
        }
        var all = (1 << groups.Length) - 1;
        var served = !failedEarly && (_options.Mode == CoordinationMode.Strict ? answered == all : answered != 0);
        int? predicted = null;
        TimeSpan latency = decidedAt;
        if (served)
        {
            var logits = _aggregator.Run(features, 1);
            predicted = ArgMax(logits);
            latency = _time.GetElapsedTime(start);
            if (answered != all)
            {
                // The requester cannot know a group failed before the deadline (§3): at least τ − δ, then the aggregator.
                var floor = _options.Deadline - _options.AggregationTime + (latency - decidedAt);
                if (latency < floor)
                    latency = floor;
            }
        }

        // Cancel whatever still runs (failed strict requests), then collect every member's share.
        await request.CancelAsync().ConfigureAwait(false);
        var members = new List<MemberResult>();
        foreach (var group in groups)
            members.AddRange(await group.MembersAsync().ConfigureAwait(false));
        cancellationToken.ThrowIfCancellationRequested();
        // The outcome's mask is by partition (bit k = partition k), as accuracy tables are; `answered` is by position.
        var answeredPartitions = 0;
        for (var g = 0; g < groups.Length; g++)
        {
            if ((answered & (1 << g)) != 0)
                answeredPartitions |= 1 << _groups[g].Partition;
        }
        return new RequestOutcome(requestId, served, latency, answeredPartitions, label, predicted, members);
    }

    private static int ArgMax(float[] logits)
    {
        var best = 0;
        for (var i = 1; i < logits.Length; i++)
        {
            if (logits[i] > logits[best])
                best = i;
        }
        return best;
    }

    /// <inheritdoc />
    public void Dispose() => _inFlight.Dispose();

    /// <summary>One group's share of a request: its members' calls and the first reply.</summary>
    private sealed class GroupRun
    {
        private readonly TaskCompletionSource<float[]?> _decided = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly CancellationTokenSource _cancel;
        private readonly Task<MemberResult>[] _members;
        private int _remaining;
        private readonly CancellationToken _request;
        private int _winner = -1;

        public GroupRun(RequestCoordinator owner, CoordinatorGroup group, long requestId, byte[] pixels, long start, CancellationToken request)
        {
            _request = request;
            _cancel = CancellationTokenSource.CreateLinkedTokenSource(request);
            _remaining = group.DeviceIds.Count;
            _members = new Task<MemberResult>[group.DeviceIds.Count];
            for (var i = 0; i < _members.Length; i++)
                _members[i] = RunMemberAsync(owner, group, i, requestId, pixels, start);
        }

        public Task<float[]?> Decided => _decided.Task;

        public async Task<IReadOnlyList<MemberResult>> MembersAsync()
        {
            var results = await Task.WhenAll(_members).ConfigureAwait(false);
            _cancel.Dispose();
            return results;
        }

        private async Task<MemberResult> RunMemberAsync(RequestCoordinator owner, CoordinatorGroup group, int index, long requestId, byte[] pixels, long start)
        {
            await Task.Yield();
            var deviceId = group.DeviceIds[index];
            MemberResult result;
            if (!owner._isLive(deviceId))
                result = new MemberResult(deviceId, group.Partition, MemberOutcome.Unavailable, null, "not live");
            else
            {
                try
                {
                    var features = await owner._client.InferAsync(deviceId, requestId, pixels, _cancel.Token).ConfigureAwait(false);
                    var elapsed = owner._time.GetElapsedTime(start);
                    if (features is null || features.Length != group.Width)
                    {
                        result = new MemberResult(deviceId, group.Partition, MemberOutcome.Failed, elapsed,
                            string.Create(CultureInfo.InvariantCulture, $"{features?.Length ?? 0} features; the group's width is {group.Width}."));
                    }
                    else if (_request.IsCancellationRequested && Volatile.Read(ref _winner) < 0)
                    {
                        // Too late: the deadline passed (or the request was abandoned) before this reply was taken.
                        result = new MemberResult(deviceId, group.Partition, MemberOutcome.Cancelled, elapsed, null);
                    }
                    else if (Interlocked.CompareExchange(ref _winner, index, -1) == -1)
                    {
                        _decided.TrySetResult(features);
                        await _cancel.CancelAsync().ConfigureAwait(false);
                        result = new MemberResult(deviceId, group.Partition, MemberOutcome.Won, elapsed, null);
                    }
                    else
                        result = new MemberResult(deviceId, group.Partition, MemberOutcome.Replied, elapsed, null);
                }
                catch (OperationCanceledException)
                {
                    result = new MemberResult(deviceId, group.Partition, MemberOutcome.Cancelled, owner._time.GetElapsedTime(start), null);
                }
                catch (MemberUnavailableException ex)
                {
                    result = new MemberResult(deviceId, group.Partition, MemberOutcome.Unavailable, owner._time.GetElapsedTime(start), ex.Message);
                }
#pragma warning disable CA1031 // Any member failure is an outcome of the request, not an error of the coordinator.
                catch (Exception ex)
#pragma warning restore CA1031
                {
                    result = new MemberResult(deviceId, group.Partition, MemberOutcome.Failed, owner._time.GetElapsedTime(start), ex.Message);
                }
            }
            if (Interlocked.Decrement(ref _remaining) == 0)
                _decided.TrySetResult(null);
            return result;
        }
    }
}
