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
public sealed class RealRunService(
    PlanStore plans,
    ModelSetStore modelSets,
    LocalFleet fleet,
    AgentRegistry registry,
    IOptions<StudioOptions> studio,
    IOptions<DistillationOptions> distillation,
    IWebHostEnvironment environment,
    TimeProvider time) : IDisposable
{
    /// <summary>Most requests in one run.</summary>
    public const int MaxRequests = 10_000;

    /// <summary>Most requests in flight.</summary>
    public const int MaxConcurrency = 64;

    /// <summary>How long to wait for every agent to be ready.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

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
        if (plan.Document.Result.Plan is not { } rocoin)
            return new(null, $"Plan '{plan.Name}' is infeasible: it has no groups to run.");
        var set = request.ModelSetId is { } id ? await modelSets.GetAsync(id, cancellationToken)
            : plan.BasedOnModelSetId is { } based ? await modelSets.GetAsync(based, cancellationToken)
            : await modelSets.LatestForPlanAsync(plan.Id, cancellationToken);
        if (set is null)
        {
            return request.ModelSetId is null
                ? new(null, $"Plan '{plan.Name}' has no distilled model set to run.")
                : new(null, Text($"Model set {request.ModelSetId} does not exist."), NotFound: true);
        }

        // The fleet: reuse the running one if it runs this plan and model set, else (re)start it.
        var deviceIds = rocoin.Groups.SelectMany(g => g.DeviceIds).Distinct().ToList();
        var reused = fleet.Current is { } current && current.PlanId == plan.Id && current.ModelSetId == set.Id
            && deviceIds.All(d => fleet.Find(d) is not null);
        if (!reused)
        {
            var started = await fleet.StartFleetAsync(plan.Id, set.Id, emulate: false, cancellationToken);
            if (!started.Started)
                return new(null, started.Error ?? "The local fleet did not start.");
        }
        else
        {
            // A reused fleet may have agents killed or hung by failure injection: bring them back first.
            foreach (var device in deviceIds)
            {
                switch (fleet.Find(device)?.State)
                {
                    case LocalAgentState.Exited:
                        await fleet.RestartAsync(device, cancellationToken);
                        break;
                    case LocalAgentState.Hung:
                        fleet.Resume(device);
                        break;
                }
            }
        }
        using (var ready = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            ready.CancelAfter(ReadyTimeout);
            try
            {
                foreach (var device in deviceIds)
                    await registry.WaitForAsync(device, s => s?.State == AgentState.Ready, ready.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                var late = deviceIds.Where(d => registry.Find(d)?.State != AgentState.Ready);
                return new(null, Text($"Not every agent was ready within {ReadyTimeout.TotalSeconds} s: devices {string.Join(", ", late)}."));
            }
        }

        // The aggregator and the inputs.
        var aggregatorPath = Path.Combine(ModelFiles.Folder(studio.Value, environment), set.Result.Aggregator.ModelFile);
        if (!File.Exists(aggregatorPath))
            return new(null, $"The aggregator of model set '{set.Name}' is missing ({set.Result.Aggregator.ModelFile}).");
        var location = Directory.Exists(set.Result.Data.Folder)
            ? new DatasetLocation(set.Result.Data.Folder, set.Result.Data.Source)
            : DatasetLocator.Locate(string.IsNullOrWhiteSpace(distillation.Value.DatasetFolder) ? null : distillation.Value.DatasetFolder,
                StudioAssets.Find(environment.ContentRootPath, Path.Combine("assets", "datasets", "fashion-mnist-subset"))
                    ?? throw new InvalidOperationException("The bundled dataset is missing."));
        var inputs = IdxReader.Read(location.TestImages, location.TestLabels).Take(request.Requests);

        var tau = TimeSpan.FromSeconds(request.DeadlineSeconds ?? plan.Document.Settings.DeadlineSeconds);
        var delta = TimeSpan.FromSeconds(set.Result.Aggregator.Flops / plan.Document.Settings.RequesterFlopsPerSecond);
        if (delta >= tau)
            delta = TimeSpan.Zero;
        var groups = rocoin.Groups.Select(g => new CoordinatorGroup(g.Partition, g.DeviceIds,
            set.Result.Students.Single(s => s.Partition == g.Partition).Width));
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
        return new(Summarise(plan.Id, set.Id, mode, request.Concurrency, tau, delta, location.Folder, outcomes, reused), null);
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
