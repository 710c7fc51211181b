using System.Globalization;
using MudBlazor;
using RoCoIn.Data.Stores;
using RoCoIn.Engine.Simulation;

namespace RoCoIn.Web.Components.Shared.Runs;

/// <summary>How the run pages write figures, states and outcomes: units always visible, invariant culture.</summary>
public static class RunFormat
{
    /// <summary>"123.4 ms" from seconds; "—" for null.</summary>
    public static string Ms(double? seconds) => seconds is { } s ? Number(s * 1e3, "0.0") + " ms" : "—";

    /// <summary>"98.7 %" from a share in [0, 1]; "—" for null.</summary>
    public static string Percent(double? share) => share is { } s ? Number(s * 100, "0.0") + " %" : "—";

    /// <summary>Simulated time: "12.3 s".</summary>
    public static string Seconds(double seconds) => Number(seconds, "0.0##") + " s";

    /// <summary>"4.25 req/s".</summary>
    public static string Rate(double perSecond) => Number(perSecond, "0.##") + " req/s";

    /// <summary>A plain number with the given format, invariant culture.</summary>
    public static string Number(double value, string format) => value.ToString(format, CultureInfo.InvariantCulture);

    /// <summary>"real time ×2" or "as fast as possible".</summary>
    public static string Speed(string speed, double? factor) =>
        speed == "realtime" && factor is { } f ? $"real time ×{Number(f, "0.##")}" : "as fast as possible";

    public static string StatusText(RunStatus status) => status switch
    {
        RunStatus.Queued => "queued",
        RunStatus.Running => "running",
        RunStatus.Paused => "paused",
        RunStatus.Finished => "finished",
        RunStatus.Aborted => "aborted",
        RunStatus.Stopped => "stopped",
        RunStatus.Failed => "failed",
        RunStatus.Interrupted => "interrupted",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static Color StatusColour(RunStatus status) => status switch
    {
        RunStatus.Running => Color.Info,
        RunStatus.Paused => Color.Warning,
        RunStatus.Finished => Color.Success,
        RunStatus.Aborted or RunStatus.Failed => Color.Error,
        _ => Color.Default,
    };

    public static string StatusIcon(RunStatus status) => status switch
    {
        RunStatus.Queued => Icons.Material.Filled.Schedule,
        RunStatus.Running => Icons.Material.Filled.PlayArrow,
        RunStatus.Paused => Icons.Material.Filled.Pause,
        RunStatus.Finished => Icons.Material.Filled.CheckCircle,
        RunStatus.Aborted => Icons.Material.Filled.ReportProblem,
        RunStatus.Stopped => Icons.Material.Filled.Stop,
        RunStatus.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.PowerOff,
    };

    public static string OutcomeText(MemberOutcome outcome) => outcome switch
    {
        MemberOutcome.Replied => "replied",
        MemberOutcome.NoReply => "no reply (dropped)",
        MemberOutcome.Down => "down",
        MemberOutcome.Lost => "lost on the link",
        MemberOutcome.TooLate => "too late (after τ − δ)",
        MemberOutcome.Cancelled => "cancelled (another member won, or τ passed)",
        MemberOutcome.Failed => "failed (error reply)",
        _ => outcome.ToString(),
    };

    public static string OutcomeIcon(MemberOutcome outcome) => outcome switch
    {
        MemberOutcome.Replied => Icons.Material.Filled.CheckCircle,
        MemberOutcome.NoReply => Icons.Material.Filled.DoNotDisturbOn,
        MemberOutcome.Down => Icons.Material.Filled.PowerOff,
        MemberOutcome.Lost => Icons.Material.Filled.LinkOff,
        MemberOutcome.Cancelled => Icons.Material.Filled.Cancel,
        MemberOutcome.Failed => Icons.Material.Filled.Error,
        _ => Icons.Material.Filled.HourglassBottom,
    };

    /// <summary>
    /// Okabe–Ito colour of an outcome: bluish green for a reply, vermillion for a miss or an error reply, orange for too
    /// late, grey for a member cancelled because it was not needed.
    /// </summary>
    public static string OutcomeColour(MemberOutcome outcome) => outcome switch
    {
        MemberOutcome.Replied => DeviceStateView.Green,
        MemberOutcome.TooLate => DeviceStateView.Orange,
        MemberOutcome.Lost => DeviceStateView.Purple,
        MemberOutcome.Cancelled => DeviceStateView.Grey,
        MemberOutcome.Failed => DeviceStateView.Vermillion,
        _ => DeviceStateView.Vermillion,
    };

    public static string FailureKindText(FailureKind kind) => kind switch
    {
        FailureKind.Crash => "crash",
        FailureKind.Slow => "slow-down",
        FailureKind.LinkDegraded => "degraded link",
        FailureKind.LinkCut => "cut link",
        _ => kind.ToString(),
    };

    /// <summary>
    /// A recorded manual injection as an event-log entry, for runs whose log was not stored (interrupted or failed
    /// runs keep their injections, not their log).
    /// </summary>
    public static RunEvent InjectionEvent(Injection injection, SimulationTopology topology)
    {
        ArgumentNullException.ThrowIfNull(injection);
        var target = injection.DeviceId is { } id ? DeviceName(topology, id) : $"group {injection.Group + 1}";
        var action = injection.Action switch
        {
            InjectionAction.Slow => $"slow down ×{Number(injection.Factor, "0.###")}",
            InjectionAction.DegradeLink => $"degrade link (rates ×{Number(injection.Factor, "0.###")}, +{Number(injection.ExtraLatencySeconds * 1e3, "0.###")} ms, loss {Number(injection.LossProbability * 100, "0.###")} %)",
            InjectionAction.RestoreSpeed => "restore speed",
            InjectionAction.CutLink => "cut link",
            InjectionAction.RestoreLink => "restore link",
            _ => injection.Action.ToString().ToLowerInvariant(),
        };
        return new RunEvent(injection.AtSeconds, "injection", $"Operator: {action} on {target} (recorded injection).", injection.DeviceId, injection.Group);
    }

    /// <summary>A device's name from the run's topology, or "device #id".</summary>
    public static string DeviceName(SimulationTopology topology, int deviceId)
    {
        ArgumentNullException.ThrowIfNull(topology);
        return topology.Devices.FirstOrDefault(d => d.DeviceId == deviceId)?.Name ?? $"device #{deviceId}";
    }

    /// <summary>Student display name from the catalogue, or its key.</summary>
    public static string StudentName(string key) => RoCoIn.Engine.Models.ModelCatalogue.FindStudent(key)?.DisplayName ?? key;
}
