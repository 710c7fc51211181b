using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Components.Shared.Runs;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

/// <summary>The live run page on the real run host and database.</summary>
public class RunPageTests : RunComponentTestBase
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    // The page follows a run only once interactive (a prerendered page shows a snapshot).
    public RunPageTests() => Renderer.SetRendererInfo(new RendererInfo("Server", isInteractive: true));

    private IRenderedComponent<RunPage> RenderRun(int id) => Render<RunPage>(p => p.Add(x => x.Id, id));

    private static int Attribute(IRenderedComponent<RunPage> cut, string selector, string name) =>
        int.Parse(cut.Find(selector).GetAttribute(name)!, System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public void ARunThatDoesNotExistSaysSoAndWhatToDoInstead()
    {
        var cut = RenderRun(999);

        cut.WaitForAssertion(() => cut.Find("#run-missing").TextContent.ShouldContain("There is no run with id 999"));
        cut.FindAll("#run-missing a").Select(a => a.GetAttribute("href")).ShouldBe(["/runs/new", "/runs"]);
    }

    [Fact]
    public async Task APausedRunShowsItsStateAndStepsOneRequestShowingItsPath()
    {
        var id = await StartPausedRunAsync();
        var cut = RenderRun(id);
        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("paused"));
        cut.Find("#run-clock").TextContent.ShouldBe("t = 0.0 s of 600.0 s");
        cut.Find("#run-plan-link").GetAttribute("href").ShouldBe($"/plans/{await DemoPlanIdAsync()}");
        cut.Find("#run-speed").TextContent.ShouldContain("real time ×1");
        cut.Find("#run-request-path-empty").TextContent.ShouldContain("Step one request");

        cut.Find("#run-step").Click();

        cut.WaitForAssertion(() => cut.Find("#run-request-path").TextContent.ShouldContain("Request #1 sent at"), Wait);
        var path = cut.Find("#run-request-path");
        path.QuerySelectorAll(".request-group-row").Length.ShouldBeGreaterThan(0);
        path.QuerySelectorAll(".request-member").Length.ShouldBe(cut.FindAll(".run-device").Count);
        path.TextContent.ShouldContain("Received (ms)");
        cut.Find("#run-gantt").ShouldNotBeNull();
    }

    [Fact]
    public async Task CrashingADeviceFromItsMenuReachesTheRunAndShowsUpOnThePage()
    {
        var id = await StartPausedRunAsync();
        var provider = Render<MudPopoverProvider>();
        var cut = RenderRun(id);
        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("paused"));
        var device = cut.Find("button.run-device");
        var deviceId = int.Parse(device.GetAttribute("data-device")!, System.Globalization.CultureInfo.InvariantCulture);

        device.Click();
        provider.WaitForAssertion(() => provider.Find(".run-action-crash").Click());

        cut.WaitForAssertion(() => cut.Find($"[data-device='{deviceId}']").ClassList.ShouldContain("run-device-down"), Wait);
        var live = (await Host.GetLiveAsync(id, Ct))!;
        live.Snapshot.Devices.Single(d => d.DeviceId == deviceId).Up.ShouldBeFalse();
        cut.Find("#run-events").TextContent.ShouldContain("Operator: crash");
        Attribute(cut, "#run-chart-latency", "data-markers").ShouldBe(1);
    }

    [Fact]
    public async Task AFinishedRunRendersFromTheDatabaseWithItsSummary()
    {
        var id = await RunToEndAsync();

        var cut = RenderRun(id);

        // The status can show "finished" a moment before the summary is read from the database.
        cut.WaitForAssertion(() =>
        {
            cut.Find("#run-status").TextContent.ShouldContain("finished");
            cut.Find("#run-summary").ShouldNotBeNull();
        });
        cut.Find("#run-resilience").TextContent.ShouldContain("Not computed");
        Attribute(cut, "#run-chart-success", "data-points").ShouldBe(20);
        cut.Find("#run-chart-accuracy").TextContent.ShouldContain("Not measured: no model set");
        cut.Find("#run-events").TextContent.ShouldContain("end");
        cut.FindAll("#run-pause, #run-stop, #run-step").ShouldBeEmpty();
        // The request views load after the summary.
        cut.WaitForAssertion(() => cut.Find("#run-gantt-empty").TextContent.ShouldContain("only while a run is live"));
        cut.FindAll(".run-injection-parameters").ShouldBeEmpty();
        var usage = (await Services.GetRequiredService<RunStore>().GetAsync(id, Ct))!.Summary!.Devices[0];
        cut.Find($"[data-device='{usage.DeviceId}']").TextContent.ShouldContain($"busy {RunFormat.Percent(usage.Utilisation)} of the run");
    }

    [Fact]
    public async Task AnInterruptedRunSaysWhyAndShowsItsWarningRecordedInjectionsAndThePrediction()
    {
        var planId = await DemoPlanIdAsync();
        var (topology, _) = await Services.GetRequiredService<RunInputAssembler>().TopologyForAsync(planId, null, "planId", Ct);
        var store = Services.GetRequiredService<RunStore>();
        var created = await store.CreateAsync(new NewRun(planId, "RoCoIn", "simulated", null, "realtime", 1, new SimulationSettings { DurationSeconds = 60 },
            null, null, topology!, "The fleet 'Paper setting (8 devices)' has changed since plan #1 was made."), Ct);
        var id = created.Value;
        await store.MarkRunningAsync(id, Ct);
        var device = topology!.Groups[0].Members[0];
        await store.SaveInjectionsAsync(id, [new Injection(4.5, InjectionAction.Crash, DeviceId: device.DeviceId)], Ct);
        await store.RecoverAtStartupAsync(Ct);

        var cut = RenderRun(id);

        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("interrupted"));
        cut.Find("#run-reason").TextContent.ShouldBe(RunStore.InterruptedReason);
        cut.Find("#run-warning").TextContent.ShouldContain("has changed since plan #1 was made");
        cut.Find("#run-events").TextContent.ShouldContain($"Operator: crash on {device.Name} (recorded injection).");
        cut.FindAll("#run-summary").ShouldBeEmpty();
        // No summary, yet the closed form for its inputs is drawn.
        cut.FindComponent<RunCharts>().Instance.Prediction.ShouldNotBeNull();
    }

    [Fact]
    public async Task APageOpenedMidRunLoadsWhatExistsThenFollowsTheUpdates()
    {
        var id = await StartRunAsync(new RunStartInput
        {
            PlanId = await DemoPlanIdAsync(),
            Seed = 9,
            Speed = RunSpeed.RealTimeName,
            SpeedFactor = 50,
            Settings = new RunSettingsInput { DurationSeconds = 600, Arrivals = new RunArrivalsInput { Kind = "poisson", RatePerSecond = 3 } },
        });
        await WaitUntilAsync(async () => (await Host.LiveSecondsAsync(id, null, null, Ct))!.Count >= 5);

        var cut = RenderRun(id);

        cut.WaitForAssertion(() => Attribute(cut, "#run-chart-latency", "data-points").ShouldBeGreaterThanOrEqualTo(5), Wait);
        var first = Attribute(cut, "#run-chart-latency", "data-points");
        cut.WaitForAssertion(() => Attribute(cut, "#run-chart-latency", "data-points").ShouldBeGreaterThan(first + 3), Wait);
        cut.Find("#run-status").TextContent.ShouldContain("running");
        // Every second exactly once, in order, whatever overlapped between the load and the first updates.
        var stored = await Host.LiveSecondsAsync(id, null, null, Ct);
        Attribute(cut, "#run-chart-latency", "data-points").ShouldBeLessThanOrEqualTo(stored!.Count);
    }

    [Fact]
    public async Task StoppingARunShowsItsSummaryInPlace()
    {
        var id = await StartPausedRunAsync();
        var cut = RenderRun(id);
        cut.WaitForAssertion(() => cut.Find("#run-step"));
        cut.Find("#run-step").Click();
        cut.WaitForAssertion(() => cut.Find("#run-request-path"), Wait);

        cut.Find("#run-stop").Click();

        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("stopped"), Wait);
        cut.WaitForAssertion(() => cut.Find("#run-summary"), Wait);
        cut.Find("#run-reason").TextContent.ShouldContain("Stopped by the operator");
        (await Services.GetRequiredService<RunStore>().GetAsync(id, Ct))!.Status.ShouldBe(RunStatus.Stopped);
    }

    [Fact]
    public async Task ReplayStartsANewRunOfTheSameInputsAndOpensIt()
    {
        var id = await RunToEndAsync();
        var provider = Render<MudPopoverProvider>();
        var cut = RenderRun(id);
        cut.WaitForAssertion(() => cut.Find("#run-status").TextContent.ShouldContain("finished"));

        cut.Find("#run-replay button").Click();
        provider.WaitForAssertion(() => provider.Find(".run-replay-paused").Click());

        var navigation = Services.GetRequiredService<NavigationManager>();
        cut.WaitForAssertion(() => navigation.Uri.ShouldMatch(@"/runs/\d+$"), Wait);
        var replayId = int.Parse(navigation.Uri[(navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        replayId.ShouldNotBe(id);
        var replay = (await Services.GetRequiredService<RunStore>().GetAsync(replayId, Ct))!;
        replay.Status.ShouldBe(RunStatus.Paused);
        replay.Warning.ShouldBe($"Replay of run #{id}.");
        replay.Seed.ShouldBe(3);
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow + Wait;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
                throw new ShouldAssertException($"The condition did not hold within {Wait.TotalSeconds} s.");
            await Task.Delay(20, Ct);   // poll interval
        }
    }
}
