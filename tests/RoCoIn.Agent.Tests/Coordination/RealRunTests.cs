using System.Diagnostics;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Coordination;
using RoCoIn.Engine.Datasets;
using RoCoIn.Engine.Inference;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Coordination;
using TestContext = Xunit.TestContext;

namespace RoCoIn.Agent.Tests.Coordination;

/// <summary>Issue 7, item 8: a plan of 3 groups × 2 local agents keeps serving while one agent per group is killed mid-run.</summary>
[Collection(StudioWithAgents.Name)]
public sealed class RealRunTests(StudioFixture studio)
{
    private const int Requests = 90;

    [Fact]
    public async Task Killing_one_agent_per_group_mid_run_loses_no_request_and_keeps_the_offline_accuracy()
    {
        var ct = TestContext.Current.CancellationToken;
        var fleet = studio.Services.GetRequiredService<LocalFleet>();
        var runs = studio.Services.GetRequiredService<RealRunService>();
        var plan = await studio.SavePlanOfPairsAsync("Real run: 3 × 2", ct);
        var groups = plan.Document.Result.Plan!.Groups;
        var pids = new List<int>();
        var kills = new List<int>();
        Task? killing = null;
        var killsDone = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var done = 0;
        RealRunResult result;
        try
        {
            result = await runs.RunAsync(new RealRunRequest(plan.Id, Requests, Concurrency: 4, Mode: "strict", DeadlineSeconds: 5),
                (_, _) =>
                {
                    var completed = Interlocked.Increment(ref done);
                    if (completed == Requests / 3)
                    {
                        pids.AddRange(fleet.Agents.Select(a => a.ProcessId!.Value));
                        killing = Task.Run(async () =>
                        {
                            try
                            {
                                foreach (var group in groups)
                                {
                                    kills.Add(group.DeviceIds[0]);
                                    await fleet.KillAsync(group.DeviceIds[0], CancellationToken.None);
                                }
                                foreach (var id in kills)
                                    await studio.WaitForStateAsync(id, AgentState.Down, TimeSpan.FromSeconds(10));
                            }
                            finally
                            {
                                killsDone.TrySetResult();
                            }
                        }, CancellationToken.None);
                    }
                    // Every worker that finishes a request from here on waits until the kills are done, so the requests
                    // after them meet the dead agents however fast the rest of the run would have been.
                    if (completed >= Requests / 3)
                        killsDone.Task.GetAwaiter().GetResult();
                }, ct);
            (killing is not null).ShouldBeTrue("the kills never started");
            await killing!;
            foreach (var id in kills)
                fleet.Find(id)!.State.ShouldBe(LocalAgentState.Exited);

            var summary = result.Summary.ShouldNotBeNull(result.Error);
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Real run: {summary.Served}/{summary.Sent} served, accuracy {summary.Accuracy:0.000}, p50 {summary.P50Seconds * 1000:0.0} ms, " +
                $"p99 {summary.P99Seconds * 1000:0.0} ms, members {string.Join(", ", summary.MemberOutcomes.Select(m => $"{m.Key} {m.Value}"))}");
            summary.Sent.ShouldBe(Requests);
            summary.Served.ShouldBe(Requests);
            summary.SuccessRate.ShouldBe(1.0);
            summary.MemberOutcomes["won"].ShouldBe(Requests * groups.Count);
            summary.MemberOutcomes["unavailable"].ShouldBeGreaterThan(0, "no request saw a killed agent: the kills came too late");
            summary.P50Seconds!.Value.ShouldBeLessThanOrEqualTo(summary.P99Seconds!.Value);

            // The same inputs offline, straight through ONNX Runtime: students, concatenation, aggregator.
            var (predictions, labels) = Offline(summary.DatasetFolder, Requests);
            var offlineAccuracy = predictions.Zip(labels).Count(p => p.First == p.Second) / (double)Requests;
            summary.Accuracy.ShouldBe(offlineAccuracy);
            summary.Predictions.ShouldBe(predictions.Select(p => (int?)p).ToList());

            // The endpoint reuses the fleet, restarting the killed agents first.
            using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
            using var response = await http.PostAsJsonAsync("/api/real-runs", new { planId = plan.Id, requests = 5, concurrency = 2, mode = "degraded" }, ct);
            response.EnsureSuccessStatusCode();
            var viaApi = (await response.Content.ReadFromJsonAsync<RealRunSummary>(ct))!;
            viaApi.FleetReused.ShouldBeTrue();
            viaApi.Mode.ShouldBe("degraded");
            viaApi.Served.ShouldBe(5);
            viaApi.Predictions.ShouldBe(predictions.Take(5).Select(p => (int?)p).ToList());
            pids.AddRange(fleet.Agents.Select(a => a.ProcessId!.Value));

            using var bad = await http.PostAsJsonAsync("/api/real-runs", new { planId = plan.Id, requests = 0 }, ct);
            ((int)bad.StatusCode).ShouldBe(400);
            using var missing = await http.PostAsJsonAsync("/api/real-runs", new { planId = 999_999, requests = 1 }, ct);
            ((int)missing.StatusCode).ShouldBe(404);
        }
        finally
        {
            if (killing is not null)
                await killing;
            await fleet.StopFleetAsync(CancellationToken.None);
        }
        fleet.Agents.ShouldBeEmpty();
        foreach (var pid in pids.Distinct())
            IsRunning(pid).ShouldBeFalse($"process {pid} outlived the fleet");
    }

    private (int[] Predictions, int[] Labels) Offline(string datasetFolder, int count)
    {
        var location = new DatasetLocation(datasetFolder, "test");
        var inputs = IdxReader.Read(location.TestImages, location.TestLabels).Take(count);
        var set = studio.DemoModelSet.Result;
        var students = set.Students.OrderBy(s => s.Partition)
            .Select(s => new OnnxInferenceSession(Path.Combine(studio.ModelsFolder, s.ModelFile))).ToList();
        using var aggregator = new OnnxInferenceSession(Path.Combine(studio.ModelsFolder, set.Aggregator.ModelFile));
        try
        {
            var predictions = new int[inputs.Count];
            for (var i = 0; i < inputs.Count; i++)
            {
                var pixels = inputs.Image(i).ToArray().Select(p => p / 255f).ToArray();
                var features = students.SelectMany(s => s.Run(pixels, 1)).ToArray();
                var logits = aggregator.Run(features, 1);
                predictions[i] = Array.IndexOf(logits, logits.Max());
            }
            return (predictions, inputs.Labels.Take(inputs.Count).Select(l => (int)l).ToArray());
        }
        finally
        {
            foreach (var s in students)
                s.Dispose();
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
