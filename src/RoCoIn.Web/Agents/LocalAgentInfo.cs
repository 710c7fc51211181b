namespace RoCoIn.Web.Agents;

/// <summary>One agent process of the local fleet.</summary>
/// <param name="DeviceId">Its device.</param>
/// <param name="DeviceName">The device's name.</param>
/// <param name="ProcessId">The process id (of the latest start).</param>
/// <param name="State">Running, hung or exited.</param>
/// <param name="ExitCode">The exit code once exited (see RoCoIn.Agent --help; 128 + signal when a signal ended it, e.g. 137 for SIGKILL).</param>
/// <param name="Killed">Whether the studio killed it (crash injection or restart).</param>
/// <param name="StartedUtc">When the latest process started.</param>
/// <param name="Starts">How many times it was started.</param>
/// <param name="RecentLog">Its last log lines (standard error).</param>
public sealed record LocalAgentInfo(int DeviceId, string DeviceName, int? ProcessId, LocalAgentState State, int? ExitCode, bool Killed,
    DateTimeOffset StartedUtc, int Starts, IReadOnlyList<string> RecentLog);
