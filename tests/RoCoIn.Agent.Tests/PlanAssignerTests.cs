using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Presets;
using RoCoIn.Engine.Planning;
using RoCoIn.Web.Agents;

namespace RoCoIn.Agent.Tests;

/// <summary>How a plan's devices (ids of the studio that planned it) are found among this studio's devices.</summary>
public sealed class PlanAssignerTests
{
    [Fact]
    public void An_imported_plans_devices_are_found_by_name_even_where_their_ids_name_other_devices_here()
    {
        var plan = Plan(fleetId: null, ("a", 1, 0), ("b", 2, 1));
        DeviceProfile[] here = [Device("b", 1), Device("a", 2)];

        var (devices, problems) = PlanAssigner.Match(plan, here);

        problems.ShouldBeEmpty();
        devices.Select(d => (d.Planned.Name, d.Device.Id, d.Partition)).ShouldBe([("a", 2, 0), ("b", 1, 1)]);
    }

    [Fact]
    public void A_device_this_studio_lacks_is_named_with_its_plan_and_group_and_an_id_alone_does_not_stand_in_for_it()
    {
        var plan = Plan(fleetId: null, ("a", 1, 0), ("b", 2, 1));
        DeviceProfile[] here = [Device("A", 5), Device("z", 2)];

        var (devices, problems) = PlanAssigner.Match(plan, here);

        devices.ShouldHaveSingleItem().Device.Id.ShouldBe(5);   // names compare case-insensitively, as agents' names do
        problems.ShouldHaveSingleItem().ShouldBe(
            "Plan 'P' (id 7) puts device 'b' in group 2, but this studio has no device of that name: add it on the Devices page "
            + "(a bundle's devices/<name>.json has its profile), then issue its agent a token.");
    }

    [Fact]
    public void A_name_that_picks_more_than_one_device_here_is_refused_naming_the_devices()
    {
        var plan = Plan(fleetId: null, ("äpfel", 9, 0));
        DeviceProfile[] here = [Device("Äpfel", 1), Device("äpfel", 5)];

        var (devices, problems) = PlanAssigner.Match(plan, here);

        devices.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().ShouldBe(
            "Plan 'P' (id 7) puts device 'äpfel' in group 1, and this studio has 2 devices of that name (ids 1, 5): rename all but one, so the name picks one device.");
    }

    [Fact]
    public void A_plan_made_here_keeps_its_devices_by_id_when_they_were_renamed_since()
    {
        var plan = Plan(fleetId: 3, ("a", 1, 0), ("b", 2, 1));
        DeviceProfile[] here = [Device("a renamed", 1), Device("b", 2)];

        var (devices, problems) = PlanAssigner.Match(plan, here);

        problems.ShouldBeEmpty();
        devices.Select(d => d.Device.Id).ShouldBe([1, 2]);
    }

    [Fact]
    public void Two_plan_devices_that_land_on_one_device_here_are_refused()
    {
        // Made here: 'a' (id 1) was renamed 'b', and 'b' (id 2) deleted; both would be device 1.
        var plan = Plan(fleetId: 3, ("a", 1, 0), ("b", 2, 1));
        DeviceProfile[] here = [Device("b", 1)];

        var (devices, problems) = PlanAssigner.Match(plan, here);

        devices.ShouldBeEmpty();
        problems.ShouldHaveSingleItem().ShouldBe("Devices 'a' and 'b' of plan 'P' (id 7) are both device 'b' here: rename one so each has its own device.");
    }

    private static DeviceProfile Device(string name, int id) => DevicePresetCatalogue.Find("rpi4")!.ToDevice(name) with { Id = id };

    /// <summary>Plan 7 'P': one group per device, in the order given.</summary>
    private static SavedPlan Plan(int? fleetId, params (string Name, int Id, int Partition)[] devices)
    {
        var groups = devices.Select(d => new PlanGroup(d.Partition, [d.Id], 8, "s")).ToList();
        // Matching reads the snapshot and the groups only.
        var rocoin = new DeploymentPlan("RoCoIn", groups, [], null!, 0, 0, true, "");
        var document = new PlanDocument(new PlanSettings(), devices.Select(d => Device(d.Name, d.Id)).ToList(), "hash",
            new PlanningResult(rocoin, [], null, 0), 8 * devices.Length);
        return new SavedPlan(7, "P", fleetId, "F", DateTimeOffset.UnixEpoch, null, null, document, false);
    }
}
