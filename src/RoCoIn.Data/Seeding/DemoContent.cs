using RoCoIn.Data.Stores;
using RoCoIn.Engine.Devices;
using RoCoIn.Engine.Devices.Presets;
using RoCoIn.Engine.Fleets;
using RoCoIn.Engine.Models;
using RoCoIn.Engine.Planning;

namespace RoCoIn.Data.Seeding;

/// <summary>What a brand-new database starts with, so every page has something to show.</summary>
public static class DemoContent
{
    /// <summary>Name of the fleet that reproduces the paper's evaluation setting.</summary>
    public const string PaperFleetName = "Paper setting (8 devices)";

    /// <summary>Name of the fleet made of preset devices.</summary>
    public const string MixedFleetName = "Mixed edge lab";

    /// <summary>The paper-setting generator settings with the fixed demo seed.</summary>
    public static FleetGeneratorSettings PaperSettings { get; } = new() { NamePrefix = "paper", Seed = 240614185 };

    /// <summary>Name of the demo plan.</summary>
    public const string PaperPlanName = "Demo: paper setting, default settings";

    // The demo plan is made exactly as a planning job would make it, so it is a real planner result.
    private static async Task SeedPlanAsync(FleetStore fleets, PlanStore plans, Fleet fleet, CancellationToken cancellationToken)
    {
        var snapshot = await fleets.GetDevicesAsync(fleet.Id, cancellationToken);
        var teacher = ModelCatalogue.DefaultTeacher;
        var settings = new PlanSettings();
        var result = RoCoInPlanner.Plan(new PlanRequest(snapshot, teacher, ModelCatalogue.Students, settings), cancellationToken: cancellationToken);
        var document = new PlanDocument(settings, snapshot, FleetHash.Compute(snapshot), result, teacher.FeatureChannels);
        await plans.SaveAsync(PaperPlanName, fleet.Id, fleet.Name, document, jobId: null, cancellationToken);
    }

    /// <summary>(preset key, device name) of the preset devices the demo adds.</summary>
    public static IReadOnlyList<(string Preset, string Name)> PresetDevices { get; } =
    [
        ("mcu-m7", "mcu-01"), ("mcu-m7", "mcu-02"), ("rpi3bplus", "pi3-01"), ("rpi4", "pi4-01"),
        ("jetson-nano", "nano-01"), ("phone-mid", "phone-01"),
    ];

    /// <summary>Adds the demo fleets and devices. Call only on an empty database.</summary>
    public static async Task SeedAsync(DeviceStore devices, FleetStore fleets, PlanStore plans, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(devices);
        ArgumentNullException.ThrowIfNull(fleets);
        ArgumentNullException.ThrowIfNull(plans);
        var paper = await fleets.GenerateAsync(PaperSettings, PaperFleetName,
            "The RoCoIn paper's evaluation setting: 8 devices, compute uniform in 5–30 MFLOPS, links 0.5–1 Mbps.",
            cancellationToken);
        if (paper.Value is { } paperFleet)
            await SeedPlanAsync(fleets, plans, paperFleet, cancellationToken);

        var ids = new List<int>();
        foreach (var (preset, name) in PresetDevices)
        {
            var created = await devices.CreateAsync(DevicePresetCatalogue.Find(preset)!.ToDevice(name), cancellationToken);
            if (created.Value is DeviceProfile device)
                ids.Add(device.Id);
        }
        await fleets.CreateAsync(new Fleet
        {
            Name = MixedFleetName,
            Description = "Preset hardware classes side by side: microcontrollers, Raspberry Pis, a Jetson and a phone.",
            DeviceIds = ids,
        }, cancellationToken);
    }
}
