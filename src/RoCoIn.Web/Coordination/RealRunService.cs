using System.Globalization;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Inference;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Coordination;

/// <summary>
/// Runs a plan for real: starts (or reuses) the local fleet, waits until every device's agent is ready, then sends the
/// first N images of the model set's test split through a <see cref="RequestCoordinator"/> and summarises the outcomes.
/// One real run at a time.
/// </summary>
public sealed class RealRunService(PlanStore plans, RealRunPreparer preparer, AgentRegistry registry, TimeProvider time) : IDisposable
{
    /// <summary>Most requests in one run.</summary>
    public const int MaxRequests = 10_000;

    /// <summary>Most requests in flight.</summary>
    public const int MaxConcurrency = 64;

    private readonly SemaphoreSlim _gate = new(1, 1);
    private long _nextRequestId;

    /// <summary>Makes a real run.</summary>
    /// <param name="request">What to run.</param>
    /// <param name="onOutcome">Called after each request (from any thread), in completion order: index in the run and outcome.</param>
    /// <param name="cancellationToken">Abandons the run.</param>
    public async Task<RealRunResult> RunAsync(RealRunRequest request, Action<int, RequestOutcome>? onOutcome = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Requests is < 1 or > MaxRequests)
            return new(null, Text($"requests must be between 1 and {MaxRequests}."));
        if (request.Concurrency is < 1 or > MaxConcurrency)
            return new(null, Text($"concurrency must be between 1 and {MaxConcurrency}."));
        CoordinationMode mode;
        if (string.IsNullOrWhiteSpace(request.Mode) || request.Mode.Equals("strict", StringComparison.OrdinalIgnoreCase))
            mode = CoordinationMode.Strict;
        else if (request.Mode.Equals("degraded", StringComparison.OrdinalIgnoreCase))
            mode = CoordinationMode.Degraded;
        else
            return new(null, "mode must be 'strict' or 'degraded'.");
        if (request.DeadlineSeconds is { } d && (!double.IsFinite(d) || d <= 0 || d > 600))
            return new(null, "deadlineSeconds must be in (0, 600].");

        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await RunCoreAsync(request, mode, onOutcome, cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<RealRunResult> RunCoreAsync(RealRunRequest request, CoordinationMode mode, Action<int, RequestOutcome>? onOutcome,
        CancellationToken cancellationToken)
    {
        var plan = await plans.GetAsync(request.PlanId, cancellationToken);
        if (plan is null)
            return new(null, Text($"Plan {request.PlanId} does not exist."), NotFound: true);
        if (plan.Document.Result.Plan is null)
            return new(null, $"Plan '{plan.Name}' is infeasible: it has no groups to run.");
        var (set, setError, setMissing) = await preparer.FindModelSetAsync(plan, request.ModelSetId, cancellationToken);
        if (set is null)
            return new(null, setError, NotFound: setMissing);
        var (materials, error) = await preparer.PrepareAsync(plan, set, request.Emulate, null, cancellationToken);
        if (materials is null)
            return new(null, error);
        var inputs = materials.Inputs.Take(request.Requests);
        var tau = request.DeadlineSeconds is { } deadline ? TimeSpan.FromSeconds(deadline) : materials.Deadline;
        var delta = materials.AggregationTime < tau ? materials.AggregationTime : TimeSpan.Zero;
        var groups = materials.Groups;
        var aggregatorPath = materials.AggregatorPath;
        var reused = materials.FleetReused;
        var location = materials.DatasetFolder;
        var client = new AgentMemberClient(registry);
        using var aggregator = new OnnxInferenceSession(aggregatorPath);
        using var coordinator = new RequestCoordinator(client, aggregator, groups,
            new CoordinatorOptions(tau, delta, mode, request.Concurrency), time, client.IsLive);

        var outcomes = new RequestOutcome[inputs.Count];
        var next = -1;
        async Task WorkAsync()
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < inputs.Count)
            {
                var outcome = await coordinator.CoordinateAsync(Interlocked.Increment(ref _nextRequestId), inputs.Image(i).ToArray(),
                    inputs.Labels[i], cancellationToken);
                outcomes[i] = outcome;
                onOutcome?.Invoke(i, outcome);
            }
        }
        await Task.WhenAll(Enumerable.Range(0, Math.Min(request.Concurrency, inputs.Count)).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        return new(Summarise(plan.Id, set.Id, mode, request.Concurrency, tau, delta, location, outcomes, reused), null);
    }

    private static RealRunSummary Summarise(int planId, int modelSetId, CoordinationMode mode, int concurrency, TimeSpan tau, TimeSpan delta,
        string folder, RequestOutcome[] outcomes, bool reused)
    {
        var served = outcomes.Where(o => o.Served).Select(o => o.Latency.TotalSeconds).Order().ToArray();
        double? Percentile(double x) => served.Length == 0 ? null : served[Math.Max(0, (int)Math.Ceiling(x * served.Length) - 1)];
        var correct = outcomes.Count(o => o.Correct);
        var members = Enum.GetValues<MemberOutcome>().ToDictionary(
            m => m.ToString().ToLowerInvariant(),
            m => outcomes.Sum(o => o.Members.Count(x => x.Outcome == m)));
        return new RealRunSummary(planId, modelSetId, mode.ToString().ToLowerInvariant(), outcomes.Length, served.Length,
            outcomes.Length == 0 ? 0 : (double)served.Length / outcomes.Length,
            Percentile(0.50), Percentile(0.95), Percentile(0.99), served.Length == 0 ? null : served.Average(),
            correct, served.Length == 0 ? null : (double)correct / served.Length, concurrency, tau.TotalSeconds, delta.TotalSeconds, folder,
            members, outcomes.Select(o => o.Predicted).ToList(), reused);
    }

    /// <inheritdoc />
    public void Dispose() => _gate.Dispose();

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
