using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Components.Shared.Runs;

namespace RoCoIn.Web.Tests.Components.Runs;

public class DeviceStateViewTests
{
    [Fact]
    public void AHealthyDeviceIsUpAndSaysWhetherItIsBusyAndHowLongItsQueueIs()
    {
        var state = DeviceStateView.Of(new DeviceSnapshot(1, 0, Up: true, SlowFactor: 1, LinkDegraded: false, LinkCut: false, Busy: true, QueueLength: 3));

        state.Flags.Select(f => f.Text).ShouldBe(["up", "busy", "queue 3"]);
        state.Primary.Colour.ShouldBe(DeviceStateView.Green);
        state.Failing.ShouldBeFalse();
    }

    [Fact]
    public void FailuresComeFirstMostSevereFirstEachWithItsOwnWordsIconAndColour()
    {
        var state = DeviceStateView.Of(new DeviceSnapshot(1, 0, Up: true, SlowFactor: 4, LinkDegraded: true, LinkCut: true, Busy: false, QueueLength: 0));

        state.Flags.Select(f => f.Text).ShouldBe(["link cut", "slow ×4", "link degraded", "idle"]);
        state.Flags.Select(f => f.Icon).Distinct().Count().ShouldBe(4);
        state.Flags.Take(3).Select(f => f.Colour).Distinct().Count().ShouldBe(3);
        state.Failing.ShouldBeTrue();
    }

    [Fact]
    public void ADownDeviceIsNeitherBusyNorIdle()
    {
        var state = DeviceStateView.Of(new DeviceSnapshot(1, 0, Up: false, SlowFactor: 1, LinkDegraded: false, LinkCut: false, Busy: false, QueueLength: 0));

        state.Flags.Select(f => f.Key).ShouldBe(["down"]);
        state.Primary.Colour.ShouldBe(DeviceStateView.Vermillion);
    }

    [Fact]
    public void WithoutALiveStateItSaysSo() => DeviceStateView.Of(null).Primary.Text.ShouldBe("no live state");
}
