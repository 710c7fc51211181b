using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Evaluation;
using RoCoIn.Engine.Planning;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Pages.Plans;
using RoCoIn.Web.Components.Pages.Runs;
using RoCoIn.Web.Learn;
using RoCoIn.Web.Planning;
using RoCoIn.Web.Tests.Components.Runs;

namespace RoCoIn.Web.Tests.Components;

/// <summary>
/// The new-plan and new-run forms are links (issue 9, shareable state): a URL with settings fills the form, the same URL
/// fills it the same way every time, editing a field keeps the address in step, and a bad value is named with what it
/// allows while the field keeps its default.
/// </summary>
public class ShareableSettingsTests : RunComponentTestBase
{
    private const string FullPlanQuery =
        "?fleet=1&name=Shared&seed=42&tau=750&lobj=300&rmin=0.95&accuracyFloor=0.6&objective=p99ServedLatency&mode=degraded";

    private const string FullRunQuery =
        "?plan=1&seed=42&arrivals=closedLoop&concurrency=3&duration=90&mode=degraded&jitter=0.2&noReplies=false&crashProcesses=true" +
        "&scenario=library:1&autoAbort=true&abortRate=40&abortWindow=8&speed=realtime&speedFactor=2.5&startPaused=true";

    private static readonly string[] PlanInputs = ["plan-name", "plan-seed", "plan-deadline", "plan-objective-ms", "plan-rmin", "plan-accuracy"];

    private static readonly string[] RunInputs =
        ["run-rate", "run-concurrency", "run-duration", "run-jitter", "run-seed", "run-abort-rate", "run-abort-window", "run-speed-factor"];

    public ShareableSettingsTests()
    {
        Services.AddRoCoInPlanning();
        Render<MudPopoverProvider>();
    }

    private NavigationManager Navigation => Services.GetRequiredService<NavigationManager>();

    private IRenderedComponent<NewPlanPage> OpenPlanForm(string query)
    {
        Navigation.NavigateTo("/plans/new" + query);
        var cut = Render<NewPlanPage>();
        cut.WaitForAssertion(() => cut.Find("#plan-run"));
        return cut;
    }

    private IRenderedComponent<NewRunPage> OpenRunForm(string query)
    {
        Navigation.NavigateTo("/runs/new" + query);
        var cut = Render<NewRunPage>();
        cut.WaitForAssertion(() => cut.Find("#run-start"));
        return cut;
    }

    private static string Value<TComponent>(IRenderedComponent<TComponent> cut, string inputId) where TComponent : class, IComponent =>
        cut.Find($"#{inputId}").GetAttribute("value") ?? "";

    private static IRenderedComponent<MudSelect<T>> Select<T, TComponent>(IRenderedComponent<TComponent> cut, string label)
        where TComponent : class, IComponent =>
        cut.FindComponents<MudSelect<T>>().Single(s => s.Instance.Label == label);

    private static bool Switch<TComponent>(IRenderedComponent<TComponent> cut, string labelStart) where TComponent : class, IComponent =>
        cut.FindComponents<MudSwitch<bool>>().Single(s => s.Instance.Label!.StartsWith(labelStart, StringComparison.Ordinal)).Instance.GetState(x => x.Value);

    /// <summary>Everything the plan form shows: each input's text and each choice.</summary>
    private static List<string> PlanForm(IRenderedComponent<NewPlanPage> cut) =>
    [
        .. PlanInputs.Select(id => $"{id}={Value(cut, id)}"),
        $"fleet={Select<int?, NewPlanPage>(cut, "Fleet").Instance.GetState(x => x.Value)}",
        $"objective={Select<PlanObjective, NewPlanPage>(cut, "Objective").Instance.GetState(x => x.Value)}",
        $"mode={Select<FailureMode, NewPlanPage>(cut, "When a group misses the deadline").Instance.GetState(x => x.Value)}",
    ];

    /// <summary>Everything the run form shows: each input present, each choice and each switch.</summary>
    private static List<string> RunForm(IRenderedComponent<NewRunPage> cut) =>
    [
        .. RunInputs.Where(id => cut.FindAll($"#{id}").Count > 0).Select(id => $"{id}={Value(cut, id)}"),
        .. cut.FindComponents<MudSelect<string>>().Select(s => $"{s.Instance.Label}={s.Instance.GetState(x => x.Value)}"),
        .. cut.FindComponents<MudSelect<int?>>().Select(s => $"{s.Instance.Label}={s.Instance.GetState(x => x.Value)}"),
        .. cut.FindComponents<MudSelect<bool>>().Select(s => $"{s.Instance.Label}={s.Instance.GetState(x => x.Value)}"),
        .. cut.FindComponents<MudSelect<ArrivalKind>>().Select(s => $"{s.Instance.Label}={s.Instance.GetState(x => x.Value)}"),
        .. cut.FindComponents<MudSwitch<bool>>().Select(s => $"{s.Instance.Label}={s.Instance.GetState(x => x.Value)}"),
    ];

    // ---- New plan ----

    [Fact]
    public void APlanUrlFillsTheFormWithItsSettings()
    {
        var cut = OpenPlanForm(FullPlanQuery);

        Value(cut, "plan-name").ShouldBe("Shared");
        Value(cut, "plan-seed").ShouldBe("42");
        Value(cut, "plan-deadline").ShouldBe("750");
        Value(cut, "plan-objective-ms").ShouldBe("300");
        Value(cut, "plan-rmin").ShouldBe("0.95");
        Value(cut, "plan-accuracy").ShouldBe("0.6");
        Select<int?, NewPlanPage>(cut, "Fleet").Instance.GetState(x => x.Value).ShouldBe(1);
        Select<PlanObjective, NewPlanPage>(cut, "Objective").Instance.GetState(x => x.Value).ShouldBe(PlanObjective.P99ServedLatency);
        Select<FailureMode, NewPlanPage>(cut, "When a group misses the deadline").Instance.GetState(x => x.Value).ShouldBe(FailureMode.Degraded);
        cut.FindAll(".plan-query-error").ShouldBeEmpty();
    }

    [Fact]
    public void ThePlanUrlOpenedTwiceFillsTheFormIdentically()
    {
        var first = PlanForm(OpenPlanForm(FullPlanQuery));
        var again = PlanForm(OpenPlanForm(FullPlanQuery));

        again.ShouldBe(first);
        PlanForm(OpenPlanForm("")).ShouldNotBe(first);
    }

    [Fact]
    public async Task EditingThePlanFormKeepsTheAddressInStepAndTheAddressReopensTheSameForm()
    {
        var cut = OpenPlanForm("?present=1");

        cut.Find("#plan-deadline").Input("750");
        cut.Find("#plan-seed").Input("7");
        await cut.InvokeAsync(() => Select<FailureMode, NewPlanPage>(cut, "When a group misses the deadline").Instance.ValueChanged.InvokeAsync(FailureMode.Degraded));
        await cut.InvokeAsync(() => Select<PlanObjective, NewPlanPage>(cut, "Objective").Instance.ValueChanged.InvokeAsync(PlanObjective.Unreliability));

        var uri = Navigation.Uri;
        uri.ShouldContain("tau=750");
        uri.ShouldContain("seed=7");
        uri.ShouldContain("mode=degraded");
        uri.ShouldContain("objective=unreliability");
        uri.ShouldContain("lobj=500");
        uri.ShouldContain("rmin=0.9");
        uri.ShouldContain("present=1"); // the presenter's own parameter stays
        var edited = PlanForm(cut);

        PlanForm(OpenPlanForm(new Uri(uri).Query)).ShouldBe(edited);
    }

    [Theory]
    [InlineData("tau=abc", "tau", "tau = abc is not allowed: the deadline τ must be a number of milliseconds above 0 and at most 600000. Showing 1000 ms instead.", "plan-deadline", "1000")]
    [InlineData("tau=-5", "tau", "tau = -5 is not allowed: the deadline τ must be a number of milliseconds above 0", "plan-deadline", "1000")]
    [InlineData("lobj=2000", "lobj", "lobj = 2000 is not allowed: the latency objective L_obj must be a number of milliseconds above 0 and at most τ = 1000. Showing 500 ms instead.", "plan-objective-ms", "500")]
    [InlineData("rmin=1.5", "rmin", "rmin = 1.5 is not allowed: R_min must be a number from 0 to 1. Showing 0.9 instead.", "plan-rmin", "0.9")]
    [InlineData("accuracyFloor=0", "accuracyFloor", "accuracyFloor = 0 is not allowed: the accuracy floor must be a number above 0 and at most 1 (leave it out for none). Showing none instead.", "plan-accuracy", "")]
    [InlineData("seed=x", "seed", "seed = x is not allowed: the seed must be a whole number. Showing seed 1 instead.", "plan-seed", "1")]
    public void ABadPlanNumberIsNamedWithWhatItAllowsAndKeepsTheDefault(string query, string parameter, string message, string inputId, string shown)
    {
        var cut = OpenPlanForm("?" + query);

        cut.Find($".plan-query-error[data-parameter='{parameter}']").TextContent.Trim().ShouldStartWith(message);
        cut.FindAll(".plan-query-error").Count.ShouldBe(1);
        Value(cut, inputId).ShouldBe(shown);
    }

    [Theory]
    [InlineData("mode=loose", "mode", "mode = loose is not allowed: the mode must be one of strict, degraded. Showing strict instead.")]
    [InlineData("objective=fastest", "objective", "objective = fastest is not allowed: the objective must be one of expectedCappedLatency, meanServedLatency, p99ServedLatency, unreliability. Showing expectedCappedLatency instead.")]
    [InlineData("fleet=99", "fleet", "fleet = 99 is not allowed: the fleet must be one of")]
    public void ABadPlanChoiceIsNamedWithTheAllowedValuesAndKeepsTheDefault(string query, string parameter, string message)
    {
        var cut = OpenPlanForm("?" + query);

        cut.Find($".plan-query-error[data-parameter='{parameter}']").TextContent.Trim().ShouldStartWith(message);
        var defaults = PlanForm(OpenPlanForm(""));
        PlanForm(cut).ShouldBe(defaults);
    }

    // ---- New run ----

    [Fact]
    public void ARunUrlFillsTheFormWithItsSettings()
    {
        var cut = OpenRunForm(FullRunQuery);

        Value(cut, "run-seed").ShouldBe("42");
        Value(cut, "run-concurrency").ShouldBe("3");
        cut.FindAll("#run-rate").ShouldBeEmpty();
        Value(cut, "run-duration").ShouldBe("90");
        Value(cut, "run-jitter").ShouldBe("0.2");
        Value(cut, "run-abort-rate").ShouldBe("40");
        Value(cut, "run-abort-window").ShouldBe("8");
        Value(cut, "run-speed-factor").ShouldBe("2.5");
        Select<ArrivalKind, NewRunPage>(cut, "Arrival process").Instance.GetState(x => x.Value).ShouldBe(ArrivalKind.ClosedLoop);
        Select<string, NewRunPage>(cut, "Mode").Instance.GetState(x => x.Value).ShouldBe("degraded");
        Select<string, NewRunPage>(cut, "Scenario").Instance.GetState(x => x.Value).ShouldBe("library:1");
        Select<bool, NewRunPage>(cut, "Speed").Instance.GetState(x => x.Value).ShouldBeTrue();
        Switch(cut, "Devices drop requests").ShouldBeFalse();
        Switch(cut, "Crash processes").ShouldBeTrue();
        Switch(cut, "Auto-abort").ShouldBeTrue();
        Switch(cut, "Start paused").ShouldBeTrue();
        cut.FindAll(".run-query-error").ShouldBeEmpty();
    }

    [Fact]
    public void TheRunUrlOpenedTwiceFillsTheFormIdentically()
    {
        var first = RunForm(OpenRunForm(FullRunQuery));
        var again = RunForm(OpenRunForm(FullRunQuery));

        again.ShouldBe(first);
        RunForm(OpenRunForm("?plan=1")).ShouldNotBe(first);
    }

    [Fact]
    public void ARealRunUrlKeepsItsKindAndArrivals()
    {
        var cut = OpenRunForm("?plan=1&kind=real&emulate=true&arrivals=closedLoop&concurrency=2&duration=20");

        cut.Find("#run-real-note");
        Switch(cut, "Emulate").ShouldBeTrue();
        Value(cut, "run-concurrency").ShouldBe("2");
        Value(cut, "run-duration").ShouldBe("20");
    }

    [Fact]
    public async Task EditingTheRunFormKeepsTheAddressInStepAndTheAddressReopensTheSameForm()
    {
        var cut = OpenRunForm("?plan=1");

        cut.Find("#run-rate").Input("7");
        cut.Find("#run-seed").Input("11");
        await cut.InvokeAsync(() => Select<string, NewRunPage>(cut, "Mode").Instance.ValueChanged.InvokeAsync("strict"));
        await cut.InvokeAsync(() => Select<string, NewRunPage>(cut, "Scenario").Instance.ValueChanged.InvokeAsync("library:2"));

        var uri = Navigation.Uri;
        uri.ShouldContain("plan=1");
        uri.ShouldContain("rate=7");
        uri.ShouldContain("seed=11");
        uri.ShouldContain("mode=strict");
        uri.ShouldContain("scenario=library%3A2");
        uri.ShouldContain("arrivals=poisson");
        uri.ShouldNotContain("concurrency=");
        var edited = RunForm(cut);

        RunForm(OpenRunForm(new Uri(uri).Query)).ShouldBe(edited);

        await cut.InvokeAsync(() => Select<ArrivalKind, NewRunPage>(cut, "Arrival process").Instance.ValueChanged.InvokeAsync(ArrivalKind.ClosedLoop));
        Navigation.Uri.ShouldContain("arrivals=closedLoop");
        Navigation.Uri.ShouldContain("concurrency=1");
        Navigation.Uri.ShouldNotContain("rate=");
    }

    [Fact]
    public async Task ARunStartedFromASharedUrlHasItsSeedAndSettings()
    {
        var cut = OpenRunForm("?plan=1&seed=42&arrivals=poisson&rate=3&duration=30&mode=degraded&startPaused=true");

        cut.Find("#run-start").Click();

        cut.WaitForAssertion(() => Navigation.Uri.ShouldMatch(@"/runs/\d+$"));
        var runId = int.Parse(Navigation.Uri[(Navigation.Uri.LastIndexOf('/') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        var run = (await Services.GetRequiredService<RunStore>().GetAsync(runId, Ct))!;
        run.Seed.ShouldBe(42);
        run.Settings.Arrivals.RatePerSecond.ShouldBe(3);
        run.Settings.DurationSeconds.ShouldBe(30);
        run.Settings.Mode.ShouldBe(FailureMode.Degraded);
    }

    [Theory]
    [InlineData("seed=x", "seed", "seed = x is not allowed: the seed must be a whole number. Showing seed 1 instead.")]
    [InlineData("mode=loose", "mode", "mode = loose is not allowed: the mode must be one of plan, strict, degraded. Showing plan instead.")]
    [InlineData("rate=-5", "rate", "rate = -5 is not allowed: the arrival rate must be a number of requests per second above 0 and at most 10000000.")]
    [InlineData("duration=abc", "duration", "duration = abc is not allowed: the duration must be a number of seconds above 0 and at most 604800.")]
    [InlineData("concurrency=0", "concurrency", "concurrency = 0 is not allowed: the concurrency must be a whole number from 1 to 100000.")]
    [InlineData("arrivals=burst", "arrivals", "arrivals = burst is not allowed: the arrival process must be one of poisson, closedLoop. Showing poisson instead.")]
    [InlineData("jitter=11", "jitter", "jitter = 11 is not allowed: the jitter must be a number from 0 to 10.")]
    [InlineData("scenario=saved:999", "scenario", "scenario = saved:999 is not allowed: the scenario must be one of none,")]
    [InlineData("speed=warp", "speed", "speed = warp is not allowed: the speed must be one of realtime, fast.")]
    [InlineData("speedFactor=500", "speedFactor", "speedFactor = 500 is not allowed: the real-time factor must be a number from 0.1 to 100.")]
    [InlineData("kind=cloud", "kind", "kind = cloud is not allowed: the kind of run must be one of simulated, real. Showing simulated instead.")]
    [InlineData("strategy=Best", "strategy", "strategy = Best is not allowed: the strategy of this plan must be one of RoCoIn")]
    [InlineData("startPaused=yes", "startPaused", "startPaused = yes is not allowed: startPaused must be one of true, false. Showing false instead.")]
    public void ABadRunValueIsNamedWithWhatItAllowsAndKeepsTheDefault(string query, string parameter, string message)
    {
        var cut = OpenRunForm("?plan=1&" + query);

        cut.Find($".run-query-error[data-parameter='{parameter}']").TextContent.Trim().ShouldStartWith(message);
        cut.FindAll(".run-query-error").Count.ShouldBe(1);
        var defaults = RunForm(OpenRunForm("?plan=1"));
        RunForm(cut).ShouldBe(defaults);
    }

    [Fact]
    public async Task TheFailuresLessonsTryLinkOpensTheRunFormWithTheLessonsRun()
    {
        var planId = await DemoPlanIdAsync();
        var href = FailuresLesson.TryHref(planId, 5);
        var lessonRun = FailuresLesson.RunSettings(5, FailureMode.Strict);

        var cut = OpenRunForm(href["/runs/new".Length..]);

        cut.FindAll(".run-query-error").ShouldBeEmpty();
        Value(cut, "run-seed").ShouldBe("5");
        Value(cut, "run-rate").ShouldBe(lessonRun.Arrivals.RatePerSecond.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Value(cut, "run-duration").ShouldBe(lessonRun.DurationSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Select<int?, NewRunPage>(cut, "Plan").Instance.GetState(x => x.Value).ShouldBe(planId);
    }
}
