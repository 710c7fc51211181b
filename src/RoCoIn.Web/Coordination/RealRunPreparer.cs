using System.Globalization;
using Microsoft.Extensions.Options;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Datasets;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Distillation;
using RoCoIn.Web.Options;

namespace RoCoIn.Web.Coordination;

/// <summary>What a real run needs once its fleet serves: the groups, τ and δ, the aggregator and the test inputs.</summary>
/// <param name="Plan">The plan.</param>
/// <param name="ModelSet">Its model set, whose students the agents run.</param>
/// <param name="Groups">The groups as the coordinator sees them.</param>
/// <param name="Deadline">τ.</param>
/// <param name="AggregationTime">δ: the aggregator's FLOPs over the requester's throughput (0 when that is not below τ).</param>
/// <param name="AggregatorPath">The aggregator's ONNX file.</param>
/// <param name="Inputs">The test split of the model set's dataset.</param>
/// <param name="DatasetFolder">Where it was read.</param>
/// <param name="FleetReused">The running fleet was reused rather than started.</param>
public sealed record RealRunMaterials(SavedPlan Plan, SavedModelSet ModelSet, IReadOnlyList<CoordinatorGroup> Groups, TimeSpan Deadline,
    TimeSpan AggregationTime, string AggregatorPath, ImageDataset Inputs, string DatasetFolder, bool FleetReused);

/// <summary>
/// Gets a plan ready to run for real, for the blocking API and for live real runs alike: finds its model set, starts the
/// local fleet (or reuses the running one, restarting or resuming agents a failure injection left down), waits until
/// every agent serves, and loads the aggregator's path and the test inputs.
/// </summary>
public sealed class RealRunPreparer(
    ModelSetStore modelSets,
    LocalFleet fleet,
    AgentRegistry registry,
    IOptions<StudioOptions> studio,
    IOptions<DistillationOptions> distillation,
    IWebHostEnvironment environment)
{
    /// <summary>How long to wait for every agent to be ready.</summary>
    public static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(90);

    /// <summary>The plan's model set: the one asked for, else the one it was re-planned with, else the newest distilled for it.</summary>
    public async Task<(SavedModelSet? Set, string? Error, bool NotFound)> FindModelSetAsync(SavedPlan plan, int? modelSetId,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        var set = await modelSets.ForPlanAsync(plan, modelSetId, cancellationToken);
        if (set is not null)
            return (set, null, false);
        return modelSetId is null
            ? (null, $"Plan '{plan.Name}' has no distilled model set to run; distil one on the Distillation page first.", false)
            : (null, Text($"Model set {modelSetId} does not exist."), true);
    }

    /// <summary>Brings the fleet up for the plan and waits until every device's agent serves; returns the materials or why not.</summary>
    /// <param name="plan">A plan with groups.</param>
    /// <param name="set">Its model set.</param>
    /// <param name="emulate">Run the agents emulating their profiles (a running fleet with the other setting is restarted).</param>
    /// <param name="progress">Told what is happening, in words.</param>
    /// <param name="cancellationToken">Abandons the preparation.</param>
    public async Task<(RealRunMaterials? Materials, string? Error)> PrepareAsync(SavedPlan plan, SavedModelSet set, bool emulate,
        Action<string>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(set);
        if (plan.Document.Result.Plan is not { } rocoin)
            return (null, $"Plan '{plan.Name}' is infeasible: it has no groups to run.");

        var deviceIds = rocoin.Groups.SelectMany(g => g.DeviceIds).Distinct().ToList();
        var reused = fleet.Current is { } current && current.PlanId == plan.Id && current.ModelSetId == set.Id && current.Emulate == emulate
            && deviceIds.All(d => fleet.Find(d) is not null);
        if (!reused)
        {
            progress?.Invoke(Text($"Starting {deviceIds.Count} local agents"));
            var started = await fleet.StartFleetAsync(plan.Id, set.Id, emulate, cancellationToken);
            if (!started.Started)
                return (null, started.Error ?? "The local fleet did not start.");
        }
        else
        {
            // A reused fleet may have agents killed or hung by failure injection, or slowed by orders: bring them back.
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

        progress?.Invoke(Text($"Waiting until {deviceIds.Count} agents serve"));
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
                var late = deviceIds.Where(d => registry.Find(d)?.State != AgentState.Ready)
                    .Select(d => registry.Find(d) is { } a ? $"{a.DeviceName} ({a.State.ToString().ToLowerInvariant()})" : d.ToString(CultureInfo.InvariantCulture));
                return (null, Text($"Not every agent was ready within {ReadyTimeout.TotalSeconds} s: {string.Join(", ", late)}."));
            }
        }
        if (reused)
        {
            // Orders of an earlier run (slow, link, stall) must not carry over.
            foreach (var device in deviceIds)
                await registry.OrderAsync(device, AgentOrder.Restore(), cancellationToken);
        }

        var aggregatorPath = Path.Combine(ModelFiles.Folder(studio.Value, environment), set.Result.Aggregator.ModelFile);
        if (!File.Exists(aggregatorPath))
            return (null, $"The aggregator of model set '{set.Name}' is missing ({set.Result.Aggregator.ModelFile}).");
        var location = Directory.Exists(set.Result.Data.Folder)
            ? new DatasetLocation(set.Result.Data.Folder, set.Result.Data.Source)
            : DatasetLocator.Locate(string.IsNullOrWhiteSpace(distillation.Value.DatasetFolder) ? null : distillation.Value.DatasetFolder,
                StudioAssets.Find(environment.ContentRootPath, Path.Combine("assets", "datasets", "fashion-mnist-subset"))
                    ?? throw new InvalidOperationException("The bundled dataset is missing."));
        var inputs = IdxReader.Read(location.TestImages, location.TestLabels);

        var tau = TimeSpan.FromSeconds(plan.Document.Settings.DeadlineSeconds);
        var delta = TimeSpan.FromSeconds(set.Result.Aggregator.Flops / plan.Document.Settings.RequesterFlopsPerSecond);
        if (delta >= tau)
            delta = TimeSpan.Zero;
        var groups = rocoin.Groups.Select(g => new CoordinatorGroup(g.Partition, g.DeviceIds,
            set.Result.Students.Single(s => s.Partition == g.Partition).Width)).ToList();
        return (new RealRunMaterials(plan, set, groups, tau, delta, aggregatorPath, inputs, location.Folder, reused), null);
    }

    private static string Text(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
}
