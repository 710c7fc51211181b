using Microsoft.AspNetCore.Components;
using MudBlazor;
using RoCoIn.Engine.Simulation;
using RoCoIn.Web.Runs;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>The devices view of a run: live state per device, grouped as in the plan, and the injection menus.</summary>
public sealed partial class RunDevices
{
    /// <summary>Devices shown per group before "show all".</summary>
    public const int MaxShown = 16;

    /// <summary>The plan as simulated.</summary>
    [Parameter, EditorRequired] public SimulationTopology Topology { get; set; } = default!;

    /// <summary>The live state, or null for a run that has ended.</summary>
    [Parameter] public RunSnapshot? Snapshot { get; set; }

    /// <summary>An ended run's per-device utilisation (from its summary), shown instead of a live state; optional.</summary>
    [Parameter] public IReadOnlyList<DeviceUsage>? Usage { get; set; }

    /// <summary>Whether actions can be injected now (a running or paused run).</summary>
    [Parameter] public bool CanInject { get; set; }

    /// <summary>A run on real agents: links are delayed or cut, never lossy, so the loss parameter is not offered.</summary>
    [Parameter] public bool Real { get; set; }

    /// <summary>Raised with the injection the operator chose, in the API's terms (device id or 1-based group number).</summary>
    [Parameter] public EventCallback<RunInjectionInput> OnInject { get; set; }

    [Parameter] public string? Id { get; set; }

    private readonly HashSet<int> _expanded = [];
    private Dictionary<int, DeviceSnapshot> _byId = [];
    private Dictionary<int, DeviceUsage> _usage = [];
    private double _slowFactor = 4;
    private double _rateFactor = 0.5;
    private double _extraMs = 20;
    private double _lossPercent = 5;

    protected override void OnParametersSet()
    {
        _byId = Snapshot?.Devices.ToDictionary(d => d.DeviceId) ?? [];
        _usage = Usage?.ToDictionary(u => u.DeviceId) ?? [];
    }

    /// <summary>The live state, or for an ended run its utilisation over the run when the summary has it.</summary>
    private DeviceStateView StateOf(int deviceId, DeviceSnapshot? live) =>
        live is null && _usage.TryGetValue(deviceId, out var usage)
            ? new([new DeviceFlag("utilisation", $"busy {RunFormat.Percent(usage.Utilisation)} of the run", MudBlazor.Icons.Material.Filled.DonutLarge, DeviceStateView.Grey)])
            : DeviceStateView.Of(live);

    private DeviceSnapshot? DeviceOf(int deviceId) => _byId.GetValueOrDefault(deviceId);

    private IEnumerable<SimulatedDevice> Shown(int group)
    {
        var members = Topology.Groups[group].Members;
        return _expanded.Contains(group) ? members : members.Take(MaxShown);
    }

    /// <summary>What the actions apply to: a device (with its live state) or a whole group.</summary>
    private sealed record Target(string Label, int? DeviceId, int? GroupNumber, DeviceSnapshot? Live);

    private sealed record ActionChoice(string Name, string Label, string Icon, bool Disabled);

    /// <summary>
    /// The seven actions (eight on real agents, with hang); for a device, those that would change nothing (recover an up device, restore a link that is
    /// fine) are disabled. A group's actions apply to every member, so all stay enabled.
    /// </summary>
    private List<ActionChoice> ActionsFor(Target target)
    {
        var d = target.Live;
        var device = target.DeviceId is not null;
        List<ActionChoice> choices =
        [
            new("crash", Real ? "Crash (kill its agent)" : "Crash", Icons.Material.Filled.PowerOff, device && d is { Up: false }),
            new("recover", "Recover", Icons.Material.Filled.RestartAlt, device && d is { Up: true }),
            new("slow", $"Slow down ×{RunFormat.Number(_slowFactor, "0.##")}", Icons.Material.Filled.Speed, false),
            new("restoreSpeed", "Restore speed", Icons.Material.Filled.FastForward, device && d is { SlowFactor: <= 1 }),
            new("degradeLink", $"Degrade link (rates ×{RunFormat.Number(_rateFactor, "0.###")}, +{RunFormat.Number(_extraMs, "0.##")} ms{(Real ? "" : $", {RunFormat.Number(_lossPercent, "0.##")} % loss")})",
                Icons.Material.Filled.NetworkCheck, false),
            new("cutLink", "Cut link", Icons.Material.Filled.LinkOff, device && d is { LinkCut: true }),
            new("restoreLink", "Restore link", Icons.Material.Filled.Link, device && d is { LinkCut: false, LinkDegraded: false }),
        ];
        // A hang differs from a crash only on real agents (connected but silent); a simulation would treat it as a crash.
        if (Real)
            choices.Insert(1, new("hang", "Hang (stop its agent, SIGSTOP)", Icons.Material.Filled.PauseCircle, device && d is { Up: false }));
        return choices;
    }

    private Task InjectAsync(Target target, ActionChoice action)
    {
        var input = new RunInjectionInput
        {
            Action = action.Name,
            DeviceId = target.DeviceId,
            GroupNumber = target.GroupNumber,
            Factor = action.Name switch
            {
                "slow" => _slowFactor,
                "degradeLink" => _rateFactor,
                _ => null,
            },
            ExtraLatencySeconds = action.Name == "degradeLink" ? _extraMs / 1e3 : null,
            LossProbability = action.Name == "degradeLink" && !Real ? _lossPercent / 100 : null,
        };
        return OnInject.InvokeAsync(input);
    }
}
