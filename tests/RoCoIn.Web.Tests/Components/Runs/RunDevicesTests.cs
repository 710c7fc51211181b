using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class RunDevicesTests : ComponentTestBase
{
    protected override bool SeedDemoContent => false;

    private static RunSnapshot Snapshot(int? lastAnswered = 1) => new(12.5, 40, 38, 30, false, null, lastAnswered,
    [
        new DeviceSnapshot(11, 0, Up: false, SlowFactor: 1, LinkDegraded: false, LinkCut: false, Busy: false, QueueLength: 0),
        new DeviceSnapshot(12, 0, Up: true, SlowFactor: 3, LinkDegraded: false, LinkCut: false, Busy: true, QueueLength: 2),
        new DeviceSnapshot(21, 1, Up: true, SlowFactor: 1, LinkDegraded: false, LinkCut: true, Busy: false, QueueLength: 0),
        new DeviceSnapshot(22, 1, Up: true, SlowFactor: 1, LinkDegraded: true, LinkCut: false, Busy: false, QueueLength: 0),
    ]);

    private IRenderedComponent<RunDevices> RenderDevices(RunSnapshot? snapshot, bool canInject, List<RunInjectionInput>? injected = null) =>
        Render<RunDevices>(p => p
            .Add(x => x.Topology, RunTopologies.TwoByTwo())
            .Add(x => x.Snapshot, snapshot)
            .Add(x => x.CanInject, canInject)
            .Add(x => x.OnInject, EventCallback.Factory.Create<RunInjectionInput>(this, input => injected?.Add(input))));

    [Fact]
    public void EveryDeviceShowsItsLiveStateInWordsGroupedAsInThePlan()
    {
        var cut = RenderDevices(Snapshot(), canInject: true);

        cut.FindAll(".run-group").Select(g => g.GetAttribute("data-group")).ShouldBe(["1", "2"]);
        cut.FindAll(".run-group")[0].TextContent.ShouldContain("Group 1 · d = 40");
        Flags(cut, 11).ShouldBe(["down"]);
        Flags(cut, 12).ShouldBe(["slow ×3", "busy", "queue 2"]);
        Flags(cut, 21).ShouldBe(["link cut", "idle"]);
        Flags(cut, 22).ShouldBe(["link degraded", "idle"]);
        cut.Find("[data-device='11']").ClassList.ShouldContain("run-device-down");
        cut.Find("[data-device='11']").TextContent.ShouldContain("alpha");
    }

    [Fact]
    public void TheGroupThatAnsweredLastIsMarkedInWordsNotOnlyByItsBorder()
    {
        var cut = RenderDevices(Snapshot(lastAnswered: 1), canInject: true);

        var last = cut.Find(".run-group-last");
        last.GetAttribute("data-group").ShouldBe("2");
        last.TextContent.ShouldContain("answered last");
        cut.FindAll(".run-group-last").Count.ShouldBe(1);
    }

    [Fact]
    public void AnEndedRunShowsThePlanWithoutStatesAndWithoutActions()
    {
        var cut = RenderDevices(null, canInject: false);

        cut.Find(".run-devices-ended").TextContent.ShouldContain("without a live state");
        Flags(cut, 11).ShouldBe(["no live state"]);
        cut.FindAll(".run-injection-parameters").ShouldBeEmpty();
    }

    [Fact]
    public void ADevicesMenuCrashesThatDevice()
    {
        var injected = new List<RunInjectionInput>();
        var provider = Render<MudPopoverProvider>();
        var cut = RenderDevices(Snapshot(), canInject: true, injected);

        OpenMenu(cut, "[data-device='12']");
        provider.WaitForAssertion(() => provider.FindAll(".run-action-crash").Count.ShouldBe(1));
        provider.Find(".run-action-target").TextContent.ShouldBe("bravo");
        provider.Find(".run-action-crash").Click();

        injected.ShouldHaveSingleItem();
        injected[0].Action.ShouldBe("crash");
        injected[0].DeviceId.ShouldBe(12);
        injected[0].GroupNumber.ShouldBeNull();
    }

    [Fact]
    public void ADevicesMenuOffersOnlyWhatWouldChangeIt()
    {
        var provider = Render<MudPopoverProvider>();
        var cut = RenderDevices(Snapshot(), canInject: true);

        OpenMenu(cut, "[data-device='11']");   // down, at full speed, link fine

        provider.WaitForAssertion(() => provider.FindAll(".run-action").Count.ShouldBe(7));
        Disabled(provider, "crash").ShouldBeTrue();
        Disabled(provider, "recover").ShouldBeFalse();
        Disabled(provider, "restoreSpeed").ShouldBeTrue();
        Disabled(provider, "restoreLink").ShouldBeTrue();
        Disabled(provider, "cutLink").ShouldBeFalse();
    }

    [Fact]
    public void AGroupsMenuSlowsTheWholeGroupByTheFactorSetAbove()
    {
        var injected = new List<RunInjectionInput>();
        var provider = Render<MudPopoverProvider>();
        var cut = RenderDevices(Snapshot(), canInject: true, injected);
        cut.Find("#inject-slow-factor").Input("2.5");

        OpenMenu(cut, ".run-group[data-group='2'] button.run-group-header");
        provider.WaitForAssertion(() => provider.Find(".run-action-slow").TextContent.ShouldContain("×2.5"));
        provider.Find(".run-action-target").TextContent.ShouldContain("Group 2");
        provider.Find(".run-action-slow").Click();

        injected.ShouldHaveSingleItem();
        injected[0].ShouldBe(new RunInjectionInput { Action = "slow", GroupNumber = 2, Factor = 2.5 });
    }

    [Fact]
    public void DegradingALinkSendsRateFactorExtraLatencyAndLossInSIUnits()
    {
        var injected = new List<RunInjectionInput>();
        var provider = Render<MudPopoverProvider>();
        var cut = RenderDevices(Snapshot(), canInject: true, injected);
        cut.Find("#inject-rate-factor").Input("0.25");
        cut.Find("#inject-extra-ms").Input("40");
        cut.Find("#inject-loss").Input("10");

        OpenMenu(cut, "[data-device='21']");
        provider.WaitForAssertion(() => provider.Find(".run-action-degradeLink").TextContent.ShouldContain("rates ×0.25, +40 ms, 10 % loss"));
        provider.Find(".run-action-degradeLink").Click();

        injected.ShouldHaveSingleItem();
        injected[0].Action.ShouldBe("degradeLink");
        injected[0].DeviceId.ShouldBe(21);
        injected[0].Factor.ShouldBe(0.25);
        injected[0].ExtraLatencySeconds!.Value.ShouldBe(0.040, 1e-12);
        injected[0].LossProbability!.Value.ShouldBe(0.10, 1e-12);
    }

    private static List<string> Flags(IRenderedComponent<RunDevices> cut, int deviceId) =>
        cut.Find($"[data-device='{deviceId}']").QuerySelectorAll(".run-flag").Select(f => f.TextContent.Trim()).ToList();

    private static bool Disabled(IRenderedComponent<MudPopoverProvider> provider, string action)
    {
        var item = provider.Find($".run-action-{action}");
        return item.ClassList.Contains("mud-disabled") || item.HasAttribute("disabled")
            || item.QuerySelector("[disabled]") is not null || item.GetAttribute("aria-disabled") == "true";
    }

    /// <summary>Clicks the button that opens a menu (a device row or a group header).</summary>
    private static void OpenMenu(IRenderedComponent<RunDevices> cut, string selector) => cut.Find(selector).Click();
}
