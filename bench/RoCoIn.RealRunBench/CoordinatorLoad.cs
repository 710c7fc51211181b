using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Inference;
using RoCoIn.Web.Coordination;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;

namespace RoCoIn.RealRunBench;

/// <summary>
/// A plan's request coordinator over the running local fleet, built as <see cref="RealRunService"/> builds it (the
/// model set's aggregator, τ from the plan, δ = aggregator FLOPs / requester FLOP/s, strict mode, the registry's
/// live check), driven as a closed loop: each of C workers sends its next request when its last one completes. Unlike
/// a real run it can run until told to stop and cycles through the test split, and it times every request.
/// </summary>
public sealed class CoordinatorLoad : IDisposable
{
    // Far above RealRunService's ids, so a late reply to a warm-up request can never be taken for one of ours.
    private static long _nextRequestId = 1L << 40;

    private readonly OnnxInferenceSession _aggregator;
    private readonly AgentMemberClient _client;
    private readonly CoordinatorGroup[] _groups;
    private readonly byte[][] _pixels;
    private readonly byte[] _labels;

    private CoordinatorLoad(SavedPlan plan, SavedModelSet set, OnnxInferenceSession aggregator, AgentMemberClient client,
        CoordinatorGroup[] groups, ImageDataset inputs, TimeSpan deadline, TimeSpan aggregation, string datasetFolder)
    {
        Plan = plan;
        ModelSet = set;
        _aggregator = aggregator;
        _client = client;
        _groups = groups;
        _pixels = [.. Enumerable.Range(0, inputs.Count).Select(i => inputs.Image(i).ToArray())];
        _labels = inputs.Labels;
        Deadline = deadline;
        Aggregation = aggregation;
        DatasetFolder = datasetFolder;
    }

    public SavedPlan Plan { get; }

    public SavedModelSet ModelSet { get; }

    /// <summary>τ.</summary>
    public TimeSpan Deadline { get; }

    /// <summary>δ.</summary>
    public TimeSpan Aggregation { get; }

    /// <summary>Where the test split was read.</summary>
    public string DatasetFolder { get; }

    /// <summary>The groups, in partition order.</summary>
    public IReadOnlyList<CoordinatorGroup> Groups => _groups;

    public static CoordinatorLoad Create(BenchStudio studio, SavedPlan plan, SavedModelSet set)
    {
        ArgumentNullException.ThrowIfNull(studio);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(set);
        var rocoin = plan.Document.Result.Plan ?? throw new InvalidOperationException($"Plan '{plan.Name}' has no groups.");
        var services = studio.Services;
        var environment = services.GetRequiredService<IWebHostEnvironment>();
        var distillation = services.GetRequiredService<IOptions<DistillationOptions>>().Value;
        var aggregatorPath = Path.Combine(ModelFiles.Folder(services.GetRequiredService<IOptions<StudioOptions>>().Value, environment),
            set.Result.Aggregator.ModelFile);
        var location = Directory.Exists(set.Result.Data.Folder)
            ? new DatasetLocation(set.Result.Data.Folder, set.Result.Data.Source)
            : DatasetLocator.Locate(string.IsNullOrWhiteSpace(distillation.DatasetFolder) ? null : distillation.DatasetFolder,
                StudioAssets.Find(environment.ContentRootPath, Path.Combine("assets", "datasets", "fashion-mnist-subset"))
                    ?? throw new InvalidOperationException("The bundled dataset is missing."));
        var inputs = IdxReader.Read(location.TestImages, location.TestLabels);

        var tau = TimeSpan.FromSeconds(plan.Document.Settings.DeadlineSeconds);
        var delta = TimeSpan.FromSeconds(set.Result.Aggregator.Flops / plan.Document.Settings.RequesterFlopsPerSecond);
        if (delta >= tau)
            delta = TimeSpan.Zero;
        var groups = rocoin.Groups.OrderBy(g => g.Partition).Select(g => new CoordinatorGroup(g.Partition, g.DeviceIds,
            set.Result.Students.Single(s => s.Partition == g.Partition).Width)).ToArray();
        return new CoordinatorLoad(plan, set, new OnnxInferenceSession(aggregatorPath), new AgentMemberClient(studio.Registry), groups, inputs,
            tau, delta, location.Folder);
    }

    /// <summary>
    /// Runs a closed loop of <paramref name="concurrency"/> workers until <paramref name="requests"/> have been sent,
    /// or (when null) until <paramref name="stop"/> fires; a worker checks <paramref name="stop"/> only between two
    /// requests, so no request is abandoned. <paramref name="cancellationToken"/> abandons the run. Times are
    /// measured from <paramref name="origin"/> (a <see cref="Stopwatch.GetTimestamp"/>; now when null).
    /// </summary>
    public async Task<LoadRun> RunAsync(int concurrency, int? requests, long? origin, CancellationToken stop, CancellationToken cancellationToken)
    {
        using var coordinator = new RequestCoordinator(_client, _aggregator, _groups,
            new CoordinatorOptions(Deadline, Aggregation, CoordinationMode.Strict, concurrency), TimeProvider.System, _client.IsLive);
        var records = new List<TimedOutcome>(requests ?? 1024);
        var next = -1;
        var start = origin ?? Stopwatch.GetTimestamp();
        var first = Stopwatch.GetElapsedTime(start);
        async Task WorkAsync()
        {
            while (!stop.IsCancellationRequested)
            {
                var i = Interlocked.Increment(ref next);
                if (requests is { } limit && i >= limit)
                    return;
                var input = i % _pixels.Length;
                var started = Stopwatch.GetElapsedTime(start);
                var outcome = await coordinator.CoordinateAsync(Interlocked.Increment(ref _nextRequestId), _pixels[input], _labels[input],
                    cancellationToken);
                var ended = Stopwatch.GetElapsedTime(start);
                lock (records)
                    records.Add(new TimedOutcome(i, started, ended, outcome));
            }
        }
        await Task.WhenAll(Enumerable.Range(0, concurrency).Select(_ => Task.Run(WorkAsync, cancellationToken)));
        var wall = Stopwatch.GetElapsedTime(start) - first;
        records.Sort((a, b) => a.Index.CompareTo(b.Index));
        return new LoadRun(concurrency, wall, records);
    }

    public void Dispose() => _aggregator.Dispose();
}
