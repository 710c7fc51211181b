using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Engine.Simulation.Scenarios;
using RoCoIn.Web.Agents;
using RoCoIn.Web.Runs;
using TestContext = Xunit.TestContext;

namespace RoCoIn.Agent.Tests.Coordination;

/// <summary>
/// Issue 7, items 4–5: a real run through POST /api/runs, hosted like a simulated one — a crash kills a real agent
/// process mid-run, the other member of its group keeps every request served, a recover restarts it until it serves
/// again, and the result is stored with its seconds, failures and a simulation of the same inputs beside it.
/// </summary>
[Collection(StudioWithAgents.Name)]
public sealed class LiveRealRunTests(StudioFixture studio)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(120);

    [Fact]
    public async Task A_real_run_survives_a_killed_agent_records_the_crash_and_its_recovery_and_stores_like_a_simulated_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = studio.Services.GetRequiredService<RunHost>();
        var store = studio.Services.GetRequiredService<RunStore>();
        var fleet = studio.Services.GetRequiredService<LocalFleet>();
        var plan = await studio.SavePlanOfPairsAsync("Live real run: 3 × 2", ct);
        var victim = plan.Document.Result.Plan!.Groups.OrderBy(g => g.Partition).First().DeviceIds[0];
        var victimName = plan.Document.Devices.Single(d => d.Id == victim).Name;
        using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var started = await http.PostAsJsonAsync("/api/runs", new
            {
                planId = plan.Id,
                kind = "real",
                seed = 7,
                settings = new { arrivals = new { kind = "closedLoop", concurrency = 2 }, durationSeconds = 14 },
            }, ct);
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(ct));
            var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetInt32();

            // A second real run while this one is live: the local fleet runs one plan at a time.
            using var second = await http.PostAsJsonAsync("/api/runs", new { planId = plan.Id, kind = "real" }, ct);
            second.StatusCode.ShouldBe(HttpStatusCode.Conflict);

            // Wait until the agents serve and requests are answered.
            await WaitAsync(async () => (await host.GetLiveAsync(runId, ct))?.Snapshot.Served >= 5, "requests served", ct);

            // Message loss is not something real links do here: refused, naming the field.
            using var lossy = await http.PostAsJsonAsync($"/api/runs/{runId}/injections",
                new { action = "degradeLink", deviceName = victimName, factor = 0.5, lossProbability = 0.1 }, ct);
            lossy.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
            (await lossy.Content.ReadAsStringAsync(ct)).ShouldContain("injection.lossProbability");

            // Crash: the agent process is killed for real.
            using var crash = await http.PostAsJsonAsync($"/api/runs/{runId}/injections", new { action = "crash", deviceName = victimName }, ct);
            crash.IsSuccessStatusCode.ShouldBeTrue(await crash.Content.ReadAsStringAsync(ct));
            fleet.Find(victim)!.State.ShouldBe(LocalAgentState.Exited);
            await WaitAsync(async () => (await host.GetLiveAsync(runId, ct))?.Snapshot.Devices.Single(d => d.DeviceId == victim).Up == false,
                "the killed device shown down", ct);
            var servedAtCrash = (await host.GetLiveAsync(runId, ct))!.Snapshot.Served;
            await WaitAsync(async () => (await host.GetLiveAsync(runId, ct))?.Snapshot.Served >= servedAtCrash + 5, "requests served after the crash", ct);

            // Recover: restarted, and the run logs when it serves again.
            using var recover = await http.PostAsJsonAsync($"/api/runs/{runId}/injections", new { action = "recover", deviceName = victimName }, ct);
            recover.IsSuccessStatusCode.ShouldBeTrue(await recover.Content.ReadAsStringAsync(ct));
            await WaitAsync(async () => (await host.LiveEventsAsync(runId, ct) ?? []).Any(e => e.Text.Contains("serves again", StringComparison.Ordinal)),
                "the recovered agent serving again", ct);

            await WaitAsync(async () => (await store.GetAsync(runId, ct))?.Status.IsLive() == false, "the run's end", ct);
            var run = (await store.GetAsync(runId, ct))!;
            run.Kind.ShouldBe("real");
            run.Status.ShouldBe(RunStatus.Finished, run.Reason);
            var summary = run.Summary.ShouldNotBeNull();
            TestContext.Current.TestOutputHelper?.WriteLine(
                $"Real run {runId}: {summary.Served}/{summary.Sent} served over {summary.SimulatedSeconds:0.0} s, p50 {summary.P50Seconds * 1e3:0.0} ms, " +
                $"accuracy {summary.Accuracy:0.000}; events: {string.Join(" | ", run.Events!.Select(e => e.Text))}");
            summary.Sent.ShouldBeGreaterThan(10);
            summary.Served.ShouldBe(summary.Sent, "a live member per group answered every request");
            summary.Accuracy.ShouldNotBeNull().ShouldBeGreaterThan(0.5);
            var failure = summary.Failures.ShouldHaveSingleItem();
            failure.Kind.ShouldBe(FailureKind.Crash);
            failure.DeviceId.ShouldBe(victim);
            failure.EndSeconds.ShouldNotBeNull().ShouldBeGreaterThan(failure.StartSeconds);
            run.Injections.Select(i => i.Action).ShouldBe([InjectionAction.Crash, InjectionAction.Recover]);
            run.Events!.ShouldContain(e => e.Text.Contains("killed its agent process", StringComparison.Ordinal));
            (await store.GetSecondsAsync(runId, 0, cancellationToken: ct)).Count.ShouldBeGreaterThanOrEqualTo(10);

            // Sim vs real: the same inputs simulated over the same span.
            var twin = studio.Services.GetRequiredService<SimulationTwin>().For(run).ShouldNotBeNull();
            twin.Sent.ShouldBeGreaterThan(0);
            twin.Failures.ShouldContain(f => f.Kind == FailureKind.Crash && f.DeviceId == victim);
            using var comparison = await http.GetAsync($"/api/runs/{runId}/comparison", ct);
            comparison.StatusCode.ShouldBe(HttpStatusCode.OK);
            var figures = await comparison.Content.ReadFromJsonAsync<JsonElement>(ct);
            figures.GetProperty("measured").GetProperty("sent").GetInt64().ShouldBe(summary.Sent);
            figures.GetProperty("simulated").GetProperty("sent").GetInt64().ShouldBe(twin.Sent);
            figures.GetProperty("closedForm").GetProperty("reliability").GetDouble().ShouldBe(summary.Prediction.Reliability);
        }
        finally
        {
            await fleet.StopFleetAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task A_scenario_crash_and_a_hang_strike_real_agents_at_their_times_and_both_end_when_the_agents_serve_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var host = studio.Services.GetRequiredService<RunHost>();
        var store = studio.Services.GetRequiredService<RunStore>();
        var fleet = studio.Services.GetRequiredService<LocalFleet>();
        var plan = await studio.SavePlanOfPairsAsync("Real run with a scenario: 3 × 2", ct);
        var groups = plan.Document.Result.Plan!.Groups.OrderBy(g => g.Partition).ToList();
        string Name(int id) => plan.Document.Devices.Single(d => d.Id == id).Name;
        var crashed = groups[1].DeviceIds[0];
        var hung = groups[2].DeviceIds[0];
        // Crash one device of group 2 from t = 1 s for 3 s: killed, then restarted at 4 s.
        var scenario = new Scenario("Real crash", "One agent killed for 3 s.",
            [new ScenarioEvent(FailureEffect.Crash, TargetSelector.NamedLike(Name(crashed)), null, 1, 3)]);
        using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl), Timeout = TimeSpan.FromMinutes(2) };
        try
        {
            using var started = await http.PostAsJsonAsync("/api/runs", new
            {
                planId = plan.Id,
                kind = "real",
                scenario = JsonDocument.Parse(scenario.ToJson()).RootElement,
                settings = new { arrivals = new { kind = "poisson", ratePerSecond = 100 }, durationSeconds = 16 },
            }, ct);
            started.StatusCode.ShouldBe(HttpStatusCode.Accepted, await started.Content.ReadAsStringAsync(ct));
            var runId = (await started.Content.ReadFromJsonAsync<JsonElement>(ct)).GetProperty("runId").GetInt32();

            // The scenario's crash fires and ends by itself; once its agent serves again, hang another one by hand.
            await WaitAsync(async () => (await host.LiveEventsAsync(runId, ct) ?? []).Any(e => e.Text.Contains($"{Name(crashed)} serves again", StringComparison.Ordinal)),
                "the scenario's crash to end", ct);
            using var hang = await http.PostAsJsonAsync($"/api/runs/{runId}/injections", new { action = "hang", deviceName = Name(hung) }, ct);
            hang.IsSuccessStatusCode.ShouldBeTrue(await hang.Content.ReadAsStringAsync(ct));
            fleet.Find(hung)!.State.ShouldBe(LocalAgentState.Hung);
            await WaitAsync(async () => (await host.GetLiveAsync(runId, ct))?.Snapshot.Devices.Single(d => d.DeviceId == hung).Up == false,
                "the hung device shown down", ct);
            using var recover = await http.PostAsJsonAsync($"/api/runs/{runId}/injections", new { action = "recover", deviceName = Name(hung) }, ct);
            recover.IsSuccessStatusCode.ShouldBeTrue(await recover.Content.ReadAsStringAsync(ct));
            fleet.Find(hung)!.State.ShouldBe(LocalAgentState.Running);

            await WaitAsync(async () => (await store.GetAsync(runId, ct))?.Status.IsLive() == false, "the run's end", ct);
            var run = (await store.GetAsync(runId, ct))!;
            run.Status.ShouldBe(RunStatus.Finished, run.Reason);
            var summary = run.Summary.ShouldNotBeNull();
            TestContext.Current.TestOutputHelper?.WriteLine(string.Join(" | ", run.Events!.Select(e => $"{e.AtSeconds:0.00} {e.Text}")));
            summary.Served.ShouldBe(summary.Sent, "a live member per group answered every request");
            summary.Failures.Count.ShouldBe(2);
            var fromScenario = summary.Failures.Single(f => f.DeviceId == crashed);
            fromScenario.Source.ShouldContain("Real crash");
            fromScenario.StartSeconds.ShouldBe(1, 0.5);
            fromScenario.EndSeconds.ShouldNotBeNull().ShouldBeGreaterThanOrEqualTo(4);
            var byHand = summary.Failures.Single(f => f.DeviceId == hung);
            byHand.Kind.ShouldBe(FailureKind.Crash);
            byHand.Source.ShouldBe("manual");
            byHand.EndSeconds.ShouldNotBeNull("the hung agent served again after its recover");
            run.Injections.Select(i => i.Action).ShouldBe([InjectionAction.Hang, InjectionAction.Recover]);
        }
        finally
        {
            await fleet.StopFleetAsync(CancellationToken.None);
        }
    }

    [Fact]
    public async Task Real_run_requests_with_simulation_only_settings_are_refused_naming_the_field_and_start_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var store = studio.Services.GetRequiredService<RunStore>();
        var before = (await store.ListAsync(0, 1000, ct)).Count;
        using var http = new HttpClient { BaseAddress = new Uri(studio.BaseUrl) };
        var planId = studio.DemoPlan.Id;

        await RefusedAsync(new { planId, kind = "real", speed = "fast" }, "speed");
        await RefusedAsync(new { planId, kind = "real", settings = new { noReplies = true } }, "settings.noReplies");
        await RefusedAsync(new { planId, kind = "real", settings = new { jitterCoefficient = 0.2 } }, "settings.jitterCoefficient");
        await RefusedAsync(new { planId, kind = "real", settings = new { arrivals = new { kind = "closedLoop", concurrency = 65 } } }, "got 65");
        await RefusedAsync(new { planId, kind = "real", settings = new { durationSeconds = 4000 } }, "settings.durationSeconds");
        await RefusedAsync(new { planId, kind = "quantum" }, "Unknown run kind 'quantum'");
        await RefusedAsync(new { planId, kind = "real", modelSetId = 999_999 }, "Model set 999999 does not exist");
        await RefusedAsync(new { planId, emulate = true }, "real runs only");
        await RefusedAsync(new { planId, kind = "real", strategy = "NoNN" }, "simulated only");

        (await store.ListAsync(0, 1000, ct)).Count.ShouldBe(before);

        async Task RefusedAsync(object body, string expected)
        {
            using var response = await http.PostAsJsonAsync("/api/runs", body, ct);
            var text = await response.Content.ReadAsStringAsync(ct);
            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
            text.ShouldContain(expected);
        }
    }

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, CancellationToken ct)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(Patience);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        while (!await condition())
        {
            try
            {
                await timer.WaitForNextTickAsync(deadline.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new TimeoutException($"Waited {Patience.TotalSeconds} s for {what}.");
            }
        }
    }
}
